// Playwright global setup: build the renderer from the current source, so the tests never run
// against a stale dist/renderer.
import { existsSync } from 'node:fs';
import { build } from 'vite';
import { CHROMIUM } from '../../playwright.config.js';

export default async function buildRenderer(): Promise<void> {
  if (!existsSync(CHROMIUM)) return; // the tests skip; see journey.spec.ts
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
}
