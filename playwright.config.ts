// End-to-end tests of the UI in web mode (tests/e2e): Debian's Chromium, headless, against the
// web host started by each test. Playwright's own browsers are not needed; a machine without
// /usr/bin/chromium (or $CHROMIUM_PATH) skips these tests and says why.
import { defineConfig } from '@playwright/test';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  // Not test-results/ itself: Playwright empties its output folder, and vitest's CI report lives there.
  outputDir: 'test-results/playwright',
  globalSetup: './tests/e2e/build-renderer.ts',
  timeout: 150_000,
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'test-results/e2e.json' }]] : 'list',
  use: {
    headless: true,
    viewport: { width: 1280, height: 860 },
    launchOptions: { executablePath: CHROMIUM },
  },
});
