// A first session in web mode, in Chromium: import two files through the Data page, look at the
// table and a column profile, train churn on the Models page, read the ROC AUC on Evaluate and
// move the threshold. Screenshots of every page go to test-results/screenshots/.
import { expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startWebHost, type WebHost } from '../../cli/host/web.js';
import { CHROMIUM } from '../../playwright.config.js';

const SHOTS = 'test-results/screenshots';

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

test('import, profile, train churn, evaluate and move the threshold', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  const nav = page.getByRole('navigation', { name: 'pages' });

  // Home: an empty workspace offers the sample.
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'This workspace is empty' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open sample workspace' })).toBeVisible();
  expect(page.url()).not.toContain('token='); // taken out of the address bar
  await page.screenshot({ path: `${SHOTS}/home-empty.png`, fullPage: true });

  // Data: import both files by path, with progress.
  await nav.getByRole('link', { name: 'Data' }).click();
  for (const name of ['customers', 'transactions']) {
    await page.getByLabel('Path').fill(resolve(`sample-data/small/${name}.csv`));
    await page.getByRole('button', { name: 'Import' }).click();
    await expect(page.locator('.tabs a', { hasText: name })).toBeVisible({ timeout: 60_000 });
  }
  await page.locator('.tabs a', { hasText: 'transactions' }).click();
  const grid = page.getByTestId('grid');
  await expect(grid.locator('.grid-head')).toContainText('customer_id');
  await expect(grid.locator('.grid-row').first()).toContainText('T0000001');
  await expect(grid.locator('.grid-foot')).toContainText('rows');
  // scroll far down: the grid fetches the page it lands on
  await grid.locator('.grid-body').evaluate((el) => (el.scrollTop = 28 * 20_000));
  await expect(grid.locator('.grid-row').first()).toContainText('20001');
  await page.getByRole('button', { name: /^amount/ }).click();
  const profile = page.getByTestId('profile');
  await expect(profile).toContainText('amount');
  await expect(profile).toContainText('median');
  await expect(profile.locator('canvas')).toBeVisible();
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${SHOTS}/data.png`, fullPage: true });

  // Models: churn on transactions with customer attributes, glm for speed.
  await nav.getByRole('link', { name: 'Models' }).click();
  const form = page.getByRole('form', { name: 'train a model' });
  await form.getByRole('button', { name: 'churn', exact: true }).click();
  await form.locator('select[name=table]').selectOption('transactions');
  await form.locator('select[name=attributes]').selectOption('customers');
  await form.locator('select[name=learner]').selectOption('glm');
  await form.locator('input[name=folds]').fill('2');
  await form.getByRole('button', { name: 'Train churn' }).click();
  await expect(form.getByTestId('job')).toBeVisible();
  await expect(page.getByTestId('versions')).toContainText('churn@1', { timeout: 120_000 });
  await expect(page.getByTestId('leaderboard')).toContainText('glm');
  await page.screenshot({ path: `${SHOTS}/models.png`, fullPage: true });

  // Evaluate: the AUC, and the threshold slider moving precision and recall.
  await nav.getByRole('link', { name: 'Evaluate' }).click();
  const auc = Number(await page.locator('[data-metric=auc] dd').textContent());
  expect(auc).toBeGreaterThan(0.6);
  await expect(page.locator('.charts canvas').first()).toBeVisible();
  const precision = page.getByTestId('precision');
  const recall = page.getByTestId('recall');
  const before = [await precision.textContent(), await recall.textContent()];
  await page.screenshot({ path: `${SHOTS}/evaluate.png`, fullPage: true });
  await page.getByLabel('threshold').fill('0.8');
  await expect(page.getByTestId('threshold-value')).toHaveText('0.800');
  await expect(async () => {
    const after = [await precision.textContent(), await recall.textContent()];
    expect(after[0]).not.toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
  }).toPass();
  await page.screenshot({ path: `${SHOTS}/evaluate-threshold.png`, fullPage: true });

  // Drift: the transaction log against the model's training snapshots.
  await nav.getByRole('link', { name: 'Drift' }).click();
  await page.getByLabel('model version').selectOption('churn@1');
  await page.getByLabel('table', { exact: true }).selectOption('transactions');
  await page.getByRole('button', { name: 'Check drift' }).click();
  await expect(page.getByTestId('drift-verdict')).toContainText(/Verdict: (ok|watch|drift)/, {
    timeout: 60_000,
  });
  await expect(page.locator('table.list')).toContainText('recency_days');
  await page.screenshot({ path: `${SHOTS}/drift.png`, fullPage: true });

  // Home again, now with the tables and the model.
  await nav.getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('link', { name: 'churn@1' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/home.png`, fullPage: true });

  expect(problems.filter((p) => /Content Security Policy|Refused to/.test(p))).toEqual([]);
  expect(problems).toEqual([]);
});
