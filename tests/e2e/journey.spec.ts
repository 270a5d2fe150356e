// The first session in web mode, in Chromium, against a web host on loopback: the steps are in
// journey-steps.ts (the desktop shell runs the same ones in electron.spec.ts).
import { test } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebHost, type WebHost } from '../../cli/host/web.js';
import { CHROMIUM } from '../../playwright.config.js';
import { churnJourney } from './journey-steps.js';

if (!existsSync(CHROMIUM))
  console.log(
    `e2e skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`,
  );
test.skip(!existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}`);

let dir: string;
let host: WebHost;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sightline-e2e-'));
  host = await startWebHost({ workspacePath: join(dir, 'e2e.sightline'), host: '127.0.0.1' });
});

test.afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('import, profile, train churn, evaluate, explain, compare, drift, export; ltv', async ({
  page,
}) => {
  await churnJourney(page, { url: host.url, dir, shots: 'test-results/screenshots' });
});
