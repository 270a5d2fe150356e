// The offline guarantee in the browser: the web UI (web mode, as `sightline open` serves it) on a
// workspace with data and a trained model, every page visited, and every request the page and
// its workers make recorded (context.route sees them all; anything off loopback is also aborted,
// so nothing leaves even if the test fails). Fails on any URL outside loopback.
import { expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebHost, type WebHost } from '../../cli/host/web.js';
import { importFile } from '../../core/node/import/importer.js';
import { Workspace } from '../../core/node/workspace/workspace.js';
import { trainAndRegister } from '../../models/common/save.js';
import { trainTabular } from '../../models/common/tabular.js';
import { CHROMIUM } from '../../playwright.config.js';

if (!existsSync(CHROMIUM))
  console.log(
    `e2e skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`,
  );
test.skip(!existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}`);

let dir: string;
let host: WebHost;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sightline-e2e-offline-'));
  const path = join(dir, 'offline.sightline');
  // A workspace with a table and a trained model, so that every page has something to show.
  const ws = Workspace.open(path, { create: true });
  try {
    await importFile(ws, 'sample-data/small/leads.csv', { table: 'leads' });
    await trainAndRegister(ws, 'churn', {}, (onProgress) =>
      trainTabular(ws, {
        kind: 'churn',
        name: 'leads',
        table: 'leads',
        target: 'converted',
        learner: 'gbdt',
        folds: 2,
        params: { gbdt: { trees: 20 } },
        onProgress,
      }),
    );
  } finally {
    ws.close();
  }
  host = await startWebHost({ workspacePath: path, host: '127.0.0.1' });
});

test.afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Loopback http(s) and ws(s), or local schemes (data:, blob:, about:). */
function isLocal(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (['data:', 'blob:', 'about:'].includes(u.protocol)) return true;
  return (
    ['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol) &&
    ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)
  );
}

test('the web UI makes no request off loopback on any page', async ({ page, context }) => {
  const seen: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    seen.push(url);
    return isLocal(url) ? route.continue() : route.abort('blockedbyclient');
  });
  context.on('request', (r) => seen.push(r.url()));
  page.on('websocket', (w) => seen.push(w.url()));
  context.on('serviceworker', (w) => seen.push(w.url()));

  const nav = page.getByRole('navigation', { name: 'pages' });
  await page.goto(host.url);
  await expect(nav).toBeVisible();
  for (const name of ['Home', 'Data', 'Models', 'Evaluate', 'Drift', 'Score & export']) {
    await nav.getByRole('link', { name, exact: true }).click();
    await expect(nav.getByRole('link', { name, exact: true })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await page.waitForLoadState('networkidle');
  }
  // The data table and a model are there: the pages had something to load.
  await nav.getByRole('link', { name: 'Data', exact: true }).click();
  await expect(page.getByText('leads').first()).toBeVisible();
  await page.waitForLoadState('networkidle');

  const off = [...new Set(seen.filter((u) => !isLocal(u)))];
  console.log(
    `offline (browser): ${seen.length} requests, ${new Set(seen).size} distinct URLs, ${off.length} off loopback`,
  );
  expect(seen.some((u) => u.startsWith(`${host.origin}/api/`))).toBe(true);
  expect(off).toEqual([]);
});
