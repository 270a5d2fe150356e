// The first session of a new user, in the UI, shared by web mode (journey.spec.ts, Chromium)
// and the desktop shell (electron.spec.ts): import two files through the Data page, look at the
// table and a column profile, train churn on the Models page, read the ROC AUC on Evaluate and
// move the threshold, import a shifted file and see drift, explain one customer, compare two
// versions, export ONNX on the Score & export page and check the file; then lifetime value and
// its BG/NBD plots. Screenshots of every page go to `shots`.
import { expect, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decodeModel } from '../../core/common/onnx/index.js';

/**
 * Opens a page from the navigation bar and waits until the app shows it. The click changes the
 * URL's hash; the app re-renders when the hashchange event arrives, a moment later. Acting before
 * then acts on the page being left. For example, the next `model version` select found is the
 * old page's; choosing in it routes back there, and the test then waits in vain for the new page.
 */
export async function openPage(page: Page, name: string): Promise<void> {
  const link = page
    .getByRole('navigation', { name: 'pages' })
    .getByRole('link', { name, exact: true });
  await link.click();
  await expect(link).toHaveAttribute('aria-current', 'page');
}

/** Waits until the app shows page `name` (after following a link inside a page). */
export async function onPage(page: Page, name: string): Promise<void> {
  await expect(
    page.getByRole('navigation', { name: 'pages' }).getByRole('link', { name, exact: true }),
  ).toHaveAttribute('aria-current', 'page');
}

export interface JourneyOptions {
  /** The page to open first (web mode); the desktop window is already on it. */
  url?: string;
  /** A scratch folder for the shifted file, predictions and the export. */
  dir: string;
  /** Where screenshots go. */
  shots: string;
}

/** The sample log with every amount tripled and every sale moved to the web channel. */
export function writeShiftedTransactions(from: string, to: string): void {
  const lines = readFileSync(from, 'utf8').trimEnd().split('\n');
  const head = lines[0]!.split(',');
  const amount = head.indexOf('amount');
  const channel = head.indexOf('channel');
  const out = [lines[0]!];
  for (const line of lines.slice(1)) {
    const f = line.split(',');
    f[amount] = (Number(f[amount]) * 3).toFixed(2);
    f[channel] = 'web';
    out.push(f.join(','));
  }
  writeFileSync(to, out.join('\n') + '\n');
}

export async function churnJourney(page: Page, { url, dir, shots }: JourneyOptions): Promise<void> {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));

  // Home: an empty workspace offers the sample.
  if (url) await page.goto(url);
  await expect(page.getByRole('heading', { name: 'This workspace is empty' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open sample workspace' })).toBeVisible();
  expect(page.url()).not.toContain('token='); // taken out of the address bar
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${shots}/home-empty.png`, fullPage: true });

  // Data: import both files by path, with progress; the preview shows the first rows and the
  // inferred types, and one type is changed before importing (customers.age as real).
  await openPage(page, 'Data');
  for (const name of ['customers', 'transactions']) {
    await page.getByLabel('Path').fill(resolve(`sample-data/small/${name}.csv`));
    const preview = page.getByTestId('import-preview');
    await expect(preview.locator('tbody tr')).toHaveCount(20);
    await expect(preview).toContainText('comma-separated');
    if (name === 'customers') {
      await expect(preview.getByLabel('type of age')).toHaveValue('integer');
      await expect(preview.getByLabel('type of signup_date')).toHaveValue('date');
      await preview.getByLabel('type of age').selectOption('real');
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: `${shots}/data-preview.png`, fullPage: true });
    }
    await page.getByRole('button', { name: 'Import' }).click();
    await expect(page.locator('.tabs a', { hasText: name })).toBeVisible({ timeout: 60_000 });
    await expect(preview).toHaveCount(0);
  }
  await page.locator('.tabs a', { hasText: 'customers' }).click();
  await expect(page.getByRole('button', { name: /^age/ })).toContainText('real');
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
  await page.screenshot({ path: `${shots}/data.png`, fullPage: true });

  // Models: churn on transactions with customer attributes, glm for speed.
  await openPage(page, 'Models');
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
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${shots}/models.png`, fullPage: true });

  // Evaluate: the AUC, and the threshold slider moving precision and recall.
  await openPage(page, 'Evaluate');
  const auc = Number(await page.locator('[data-metric=auc] dd').textContent());
  expect(auc).toBeGreaterThan(0.6);
  await expect(page.locator('.charts canvas').first()).toBeVisible();
  const precision = page.getByTestId('precision');
  const recall = page.getByTestId('recall');
  const before = [await precision.textContent(), await recall.textContent()];
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${shots}/evaluate.png`, fullPage: true });
  await page.getByLabel('threshold').fill('0.8');
  await expect(page.getByTestId('threshold-value')).toHaveText('0.800');
  await expect(async () => {
    const after = [await precision.textContent(), await recall.textContent()];
    expect(after[0]).not.toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
  }).toPass();
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${shots}/evaluate-threshold.png`, fullPage: true });

  // Drift: a shifted copy of the transaction log (amounts tripled, every sale on the web),
  // imported like any file, against the model's training snapshots.
  const shifted = join(dir, 'transactions_shifted.csv');
  writeShiftedTransactions(resolve('sample-data/small/transactions.csv'), shifted);
  await openPage(page, 'Data');
  await page.getByLabel('Path').fill(shifted);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.locator('.tabs a', { hasText: 'transactions_shifted' })).toBeVisible({
    timeout: 60_000,
  });
  await openPage(page, 'Drift');
  await page.getByLabel('model version').selectOption('churn@1');
  await page.getByLabel('table', { exact: true }).selectOption('transactions_shifted');
  await page.getByRole('button', { name: 'Check drift' }).click();
  await expect(page.getByTestId('drift-verdict')).toContainText('Verdict: drift', {
    timeout: 60_000,
  });
  await expect(page.locator('table.list')).toContainText('recency_days');
  // a feature's training and current distributions, overlaid
  await page.getByRole('button', { name: 'monetary_mean', exact: true }).click();
  await expect(page.getByTestId('drift-distribution').locator('canvas')).toBeVisible();
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${shots}/drift.png`, fullPage: true });

  // Evaluate: one customer explained, and a second version compared with the first.
  await openPage(page, 'Models');
  await form.getByRole('button', { name: 'churn', exact: true }).click();
  await form.locator('select[name=table]').selectOption('transactions');
  await form.locator('select[name=learner]').selectOption('glm');
  await form.locator('input[name=folds]').fill('3');
  await form.getByRole('button', { name: 'Train churn' }).click();
  await expect(page.getByTestId('versions')).toContainText('churn@2', { timeout: 120_000 });
  await page
    .getByRole('row', { name: /churn@1/ })
    .getByRole('link', { name: 'Evaluate' })
    .click();
  await onPage(page, 'Evaluate');
  await expect(page.locator('[data-metric=auc] dd')).toBeVisible();
  const explain = page.getByTestId('explain');
  await explain.getByRole('button', { name: 'Explain' }).click();
  await expect(page.getByTestId('explained-key')).toHaveText(/^C\d+/);
  const someone = await page.getByTestId('explained-key').textContent();
  await explain.getByLabel('id to explain').fill('C000002');
  await explain.getByRole('button', { name: 'Explain' }).click();
  await expect(page.getByTestId('explained-key')).toHaveText('C000002');
  expect(someone).not.toBe('C000002');
  await expect(explain.locator('table.list tbody tr').first()).toBeVisible();
  const compare = page.getByTestId('compare');
  await compare.getByLabel('compare with').selectOption('churn@2');
  await expect(page.getByTestId('compare-metrics')).toContainText('auc');
  await expect(compare).toContainText('different settings');
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${shots}/evaluate-explain-compare.png`, fullPage: true });

  // Score & export: the predictions saved to a file, ONNX written and checked in ONNX Runtime.
  await openPage(page, 'Score & export');
  await page.getByLabel('model version').selectOption('churn@1');
  const scoreForm = page.getByRole('form', { name: 'score and save' });
  await scoreForm.getByLabel('table to score').selectOption('transactions');
  const predictions = join(dir, 'churn-predictions.csv');
  await scoreForm.getByLabel('output file').fill(predictions);
  await scoreForm.getByRole('button', { name: 'Score' }).click();
  await expect(page.getByTestId('scored')).toContainText('predictions written to', {
    timeout: 60_000,
  });
  expect(readFileSync(predictions, 'utf8').split('\n')[0]).toMatch(
    /^customer_id,churn_probability,is_at_risk,/,
  );
  const exportForm = page.getByRole('form', { name: 'export the model' });
  await exportForm.getByRole('button', { name: 'onnx', exact: true }).click();
  const onnx = join(dir, 'churn.onnx');
  await exportForm.getByLabel('export path').fill(onnx);
  await exportForm.getByRole('button', { name: 'Export onnx' }).click();
  await expect(page.getByTestId('parity')).toContainText('passed', { timeout: 60_000 });
  expect(Number(await page.getByTestId('parity-max').textContent())).toBeLessThanOrEqual(1e-5);
  const bytes = readFileSync(onnx);
  expect(bytes[0]).toBe(0x08); // ModelProto field 1 (ir_version), a varint: an ONNX protobuf
  const meta = Object.fromEntries(decodeModel(bytes).metadataProps.map((p) => [p.key, p.value]));
  expect(meta).toMatchObject({ kind: 'churn', parity_passed: 'true' });
  expect(Number(meta.parity_max_abs_difference)).toBeLessThanOrEqual(1e-5);
  await expect(page.getByTestId('cmd-predict')).toContainText('sightline predict --model churn@1');
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${shots}/score-export.png`, fullPage: true });

  // Lifetime value: the BG/NBD fit behind p_alive on Evaluate.
  await openPage(page, 'Models');
  await form.getByRole('button', { name: 'ltv', exact: true }).click();
  await form.locator('select[name=table]').selectOption('transactions');
  await form.locator('select[name=learner]').selectOption('glm');
  await form.locator('input[name=folds]').fill('2');
  await form.getByRole('button', { name: 'Train ltv' }).click();
  await expect(page.getByTestId('versions')).toContainText('ltv@1', { timeout: 120_000 });
  await page.getByRole('row', { name: /ltv@1/ }).getByRole('link', { name: 'Evaluate' }).click();
  await onPage(page, 'Evaluate');
  await expect(page.locator('[data-metric=rmse] dd')).toBeVisible();
  await expect(page.getByTestId('clv').locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('clv')).toContainText('alpha');
  await page.getByTestId('explain').getByRole('button', { name: 'Explain' }).click();
  await expect(page.getByTestId('explained-prediction')).toBeVisible();
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${shots}/evaluate-ltv.png`, fullPage: true });

  // Home again, now with the tables and the models.
  await openPage(page, 'Home');
  await expect(page.getByRole('link', { name: 'churn@1' })).toBeVisible();
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${shots}/home.png`, fullPage: true });

  expect(problems.filter((p) => /Content Security Policy|Refused to/.test(p))).toEqual([]);
  expect(problems).toEqual([]);
}
