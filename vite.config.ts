// Builds the renderer (renderer/, Svelte 5 + ECharts) to dist/renderer, which the web host
// (cli/host/web.ts) and the Electron shell serve. Everything is bundled: no CDN, no remote font,
// no inline script, so the page runs offline under the host's strict Content-Security-Policy.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [svelte()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // The polyfill would be an inline script, which the CSP forbids; modern Chromium needs none.
    modulePreload: { polyfill: false },
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
});
