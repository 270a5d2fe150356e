// The other two model kinds through the UI in web mode, in Chromium: demand (a cut of the sample
// sales: ten items, the last six months, 40 trees, so training takes seconds) with its WAPE, the forecast
// against the actuals and the baselines, scored into a file and exported as the JSON artifact;
// device failure (the sample telemetry, failures and devices) with its AUC and recall, one device
// explained, drift, and ONNX exported and checked. Screenshots go to test-results/screenshots/.
import { expect, test, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startWebHost, type WebHost } from '../../cli/host/web.js';
import { decodeModel } from '../../core/common/onnx/index.js';
import { CHROMIUM } from '../../playwright.config.js';
import { onPage, openPage } from './journey-steps.js';

const SHOTS = 'test-results/screenshots';

test.skip(!existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}`);

let dir: string;
let host: WebHost;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sightline-e2e-kinds-'));
  host = await startWebHost({ workspacePath: join(dir, 'kinds.sightline'), host: '127.0.0.1' });
});

test.afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

async function importFile(page: Page, path: string, table: string): Promise<void> {
  await openPage(page, 'Data');
  await page.getByLabel('Path').fill(path);
  await page.getByLabel('Table name').fill(table);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.locator('.tabs a', { hasText: table })).toBeVisible({ timeout: 60_000 });
}

test('demand: train, WAPE and forecast on Evaluate, score to a file, export JSON', async ({
  page,
}) => {
  const problems = watchProblems(page);
  // Ten items over the last six months of the sample sales.
  const lines = readFileSync('sample-data/small/sales.csv', 'utf8').trimEnd().split('\n');
  const cut = [
    lines[0]!,
    ...lines.slice(1).filter((l) => {
      const [date, , item] = l.split(',');
      return date! >= '2025-01-01' && item! <= 'I010';
    }),
  ];
  const sales = join(dir, 'sales.csv');
  writeFileSync(sales, `${cut.join('\n')}\n`);

  await page.goto(host.url);
  await importFile(page, sales, 'sales');

  await openPage(page, 'Models');
  const form = page.getByRole('form', { name: 'train a model' });
  await form.getByRole('button', { name: 'demand', exact: true }).click();
  await form.locator('select[name=table]').selectOption('sales');
  await form.locator('input[name=trees]').fill('40');
  await form.getByRole('button', { name: 'Train demand' }).click();
  await expect(page.getByTestId('versions')).toContainText('demand@1', { timeout: 120_000 });
  await expect(page.getByTestId('leaderboard')).toContainText('seasonal');
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${SHOTS}/demand-models.png`, fullPage: true });

  await openPage(page, 'Evaluate');
  const wape = Number(await page.locator('[data-metric=wape] dd').textContent());
  expect(wape).toBeGreaterThan(0);
  expect(wape).toBeLessThan(1);
  await expect(page.getByRole('img', { name: 'forecast vs actual' })).toBeVisible();
  await expect(
    page.getByRole('img', { name: 'forecast vs actual' }).locator('canvas'),
  ).toBeVisible();
  await expect(page.getByRole('img', { name: 'model against baselines' })).toBeVisible();
  await page.getByLabel('item').selectOption({ index: 1 });
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${SHOTS}/demand-evaluate.png`, fullPage: true });

  await openPage(page, 'Score & export');
  const scoreForm = page.getByRole('form', { name: 'score and save' });
  await expect(scoreForm).toBeVisible();
  await scoreForm.getByLabel('table to score').selectOption('sales');
  const forecast = join(dir, 'forecast.csv');
  await scoreForm.getByLabel('output file').fill(forecast);
  await scoreForm.getByLabel('save as a table').check();
  await scoreForm.getByRole('button', { name: 'Score' }).click();
  await expect(page.getByTestId('scored')).toContainText('saved as table', { timeout: 60_000 });
  expect(readFileSync(forecast, 'utf8').split('\n')[0]).toMatch(/forecast/);
  const exportForm = page.getByRole('form', { name: 'export the model' });
  await expect(exportForm.getByRole('button', { name: 'onnx', exact: true })).toBeDisabled();
  const json = join(dir, 'demand.json');
  await exportForm.getByLabel('export path').fill(json);
  await exportForm.getByRole('button', { name: 'Export json' }).click();
  await expect(page.getByTestId('exported')).toContainText('Wrote', { timeout: 60_000 });
  expect(JSON.parse(readFileSync(json, 'utf8'))).toMatchObject({ kind: 'demand' });
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${SHOTS}/demand-score-export.png`, fullPage: true });

  expect(problems).toEqual([]);
});

test('failure: train, AUC and recall on Evaluate, a device explained, drift, ONNX export', async ({
  page,
}) => {
  const problems = watchProblems(page);
  await page.goto(host.url);
  for (const name of ['telemetry', 'failures', 'devices'])
    await importFile(page, resolve(`sample-data/small/${name}.csv`), name);

  await openPage(page, 'Models');
  const form = page.getByRole('form', { name: 'train a model' });
  await form.getByRole('button', { name: 'failure', exact: true }).click();
  await form.locator('select[name=table]').selectOption('telemetry');
  await form.locator('select[name=events]').selectOption('failures');
  await form.locator('select[name=attributes]').selectOption('devices');
  await form.locator('select[name=learner]').selectOption('glm');
  await form.locator('input[name=folds]').fill('2');
  await form.getByRole('button', { name: 'Train failure' }).click();
  await expect(page.getByTestId('versions')).toContainText('failure@1', { timeout: 120_000 });
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${SHOTS}/failure-models.png`, fullPage: true });

  await page
    .getByRole('row', { name: /failure@1/ })
    .getByRole('link', { name: 'Evaluate' })
    .click();
  await onPage(page, 'Evaluate');
  const auc = Number(await page.locator('[data-metric=auc] dd').textContent());
  expect(auc).toBeGreaterThan(0.6);
  const recall = Number(await page.getByTestId('recall').textContent());
  expect(recall).toBeGreaterThan(0);
  await expect(page.getByRole('img', { name: 'ROC curve' }).locator('canvas')).toBeVisible();
  await page.getByLabel('threshold').fill('0.2');
  await expect(page.getByTestId('threshold-value')).toHaveText('0.200');
  const explain = page.getByTestId('explain');
  await explain.getByRole('button', { name: 'Explain' }).click();
  await expect(page.getByTestId('explained-key')).toHaveText(/^D\d+/);
  await explain.getByLabel('id to explain').fill('D0007');
  await explain.getByRole('button', { name: 'Explain' }).click();
  await expect(page.getByTestId('explained-key')).toHaveText('D0007');
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${SHOTS}/failure-evaluate.png`, fullPage: true });

  await openPage(page, 'Drift');
  await page.getByLabel('model version').selectOption('failure@1');
  await page.getByLabel('table', { exact: true }).selectOption('telemetry');
  await page.getByRole('button', { name: 'Check drift' }).click();
  await expect(page.getByTestId('drift-verdict')).toContainText(/Verdict: (ok|watch|drift)/, {
    timeout: 60_000,
  });
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${SHOTS}/failure-drift.png`, fullPage: true });

  await openPage(page, 'Score & export');
  await page.getByLabel('model version').selectOption('failure@1');
  const exportForm = page.getByRole('form', { name: 'export the model' });
  await exportForm.getByRole('button', { name: 'onnx', exact: true }).click();
  const onnx = join(dir, 'failure.onnx');
  await exportForm.getByLabel('export path').fill(onnx);
  await exportForm.getByRole('button', { name: 'Export onnx' }).click();
  await expect(page.getByTestId('parity')).toContainText('passed', { timeout: 60_000 });
  expect(Number(await page.getByTestId('parity-max').textContent())).toBeLessThanOrEqual(1e-5);
  const bytes = readFileSync(onnx);
  expect(bytes[0]).toBe(0x08);
  const meta = Object.fromEntries(decodeModel(bytes).metadataProps.map((p) => [p.key, p.value]));
  expect(meta).toMatchObject({ kind: 'failure', input_kind: 'features', parity_passed: 'true' });
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${SHOTS}/failure-score-export.png`, fullPage: true });

  expect(problems).toEqual([]);
});
