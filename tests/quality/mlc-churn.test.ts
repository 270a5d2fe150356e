// Quality bar on public data: churn/custom table mode on mlc_churn (tests/fixtures/mlc_churn),
// scored on the hold-out split the published reference figures were measured on (scikit-learn's
// stratified 80/20 train_test_split with random_state 42): HistGradientBoosting 0.932, XGBoost
// hist 0.924-0.929, logistic regression 0.818. The bar is test AUC >= 0.93.
//
// With LightGBM's categorical defaults the gbdt reaches 0.925 here: the many-vs-many split on
// the 51-level `state` column over-fits. The model kinds' defaults (KIND_DEFAULTS in
// models/common/supervised.ts: max_cat_threshold 4, min_data_per_group 200) reach 0.937.
//
// Hold-out AUC moves a lot with the split (1,000 rows, 141 churners): over our own stratified
// splits with seeds 1..5 the defaults reach 0.894-0.946 (mean 0.920), the proposed settings
// mean 0.923, scikit-learn's HistGradientBoosting 0.924 on the same splits. So the bar is
// checked on the one reference split, not on a seed picked here.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../core/node/import/importer.js';
import { Workspace } from '../../core/node/workspace/workspace.js';
import { trainTabular } from '../../models/common/tabular.js';
import { tempDir } from '../helpers/tmp.js';

const fixtures = join(import.meta.dirname, '../fixtures/mlc_churn');
const dir = tempDir();

/** Copy of the data with a date column: the reference hold-out rows dated a day later. */
function withReferenceSplit(): { path: string; holdoutAfter: number } {
  const lines = readFileSync(join(fixtures, 'mlc_churn.csv'), 'utf8').trimEnd().split('\n');
  const hold = new Set(
    readFileSync(join(fixtures, 'holdout_sklearn_seed42.txt'), 'utf8')
      .trim()
      .split('\n')
      .map(Number),
  );
  const out = [`${lines[0]},"split_date"`];
  for (let i = 1; i < lines.length; i++)
    out.push(`${lines[i]},"${hold.has(i - 1) ? '2000-01-02' : '2000-01-01'}"`);
  const path = join(dir, 'mlc_churn_split.csv');
  writeFileSync(path, `${out.join('\n')}\n`);
  return { path, holdoutAfter: Date.UTC(2000, 0, 2) / 86_400_000 };
}

describe('mlc_churn quality bar', () => {
  it('churn table mode reaches hold-out AUC >= 0.93 on the reference split', async () => {
    const { path, holdoutAfter } = withReferenceSplit();
    const ws = Workspace.open(join(dir, 'mlc.sightline'), { create: true });
    await importFile(ws, path, { table: 'mlc_churn' });
    const r = await trainTabular(ws, {
      kind: 'churn',
      table: 'mlc_churn',
      target: 'churn',
      task: 'binary',
      time: 'split_date',
      holdoutAfter,
    });
    expect(r.rows).toEqual({ train: 4000, holdout: 1000, features: 19 });
    expect(r.artifact.target?.positive).toBe('1'); // yes/no imports as a boolean column
    expect(r.artifact.learner).toBe('gbdt');
    const glm = r.leaderboard.find((e) => e.learner === 'glm')!;
    expect(glm.mean).toBeGreaterThan(0.78); // logistic regression: 0.818 published
    expect(r.metrics.auc).toBeGreaterThanOrEqual(0.93);
    ws.close();
  });
});
