// Drift against the reference profile a model carries, on real files: the same data reads as no
// drift; a copy with shifted numbers, a changed category mix and new missing values is caught,
// feature by feature, and the report lands in the workspace.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../core/node/import/importer.js';
import { Workspace } from '../../core/node/workspace/workspace.js';
import { trainAndRegister } from '../../models/common/save.js';
import { modelDrift } from '../../models/drift.js';
import { trainKind } from '../../models/train.js';
import type { ModelArtifact } from '../../models/common/artifact.js';
import { sightline } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
const wsPath = join(dir, 'drift.sightline');
let ws: Workspace;
let artifact: ModelArtifact;

/** leads.csv with pages_viewed doubled, every country 'US' and company_size missing in 40 % of rows. */
function shiftedLeads(): string {
  const [head, ...rows] = readFileSync('sample-data/small/leads.csv', 'utf8').trimEnd().split('\n');
  const cols = head!.split(',');
  const at = (n: string) => cols.indexOf(n);
  const out = rows.map((line, i) => {
    // notes (free text) may hold quoted commas; it is the next-to-last column: split around it.
    const cells = line.split(',');
    if (cells.length !== cols.length) return line;
    cells[at('pages_viewed')] = String(Number(cells[at('pages_viewed')]) * 2 + 3);
    cells[at('country')] = 'US';
    if (i % 5 < 2) cells[at('company_size')] = '';
    return cells.join(',');
  });
  const path = join(dir, 'leads-shifted.csv');
  writeFileSync(path, `${head}\n${out.join('\n')}\n`);
  return path;
}

beforeAll(async () => {
  ws = Workspace.open(wsPath, { create: true });
  await importFile(ws, 'sample-data/small/leads.csv', { table: 'leads' });
  await importFile(ws, shiftedLeads(), { table: 'shifted' });
  const saved = await trainAndRegister(ws, 'custom', {}, (onProgress) =>
    trainKind(ws, 'custom', {
      table: 'leads',
      target: 'converted',
      learner: 'gbdt',
      folds: 2,
      params: { gbdt: { trees: 30 } },
      name: 'leads',
      onProgress,
    }),
  );
  artifact = saved.trained.artifact;
  return () => ws.close();
}, 120_000);

describe('drift', () => {
  it('travels with the model: a compact reference profile in the artifact', () => {
    expect(artifact.reference).toBeDefined();
    expect(JSON.stringify(artifact.reference).length).toBeLessThan(200_000);
  });

  it('reads the training data itself as no drift', () => {
    const r = modelDrift(artifact, { ws, table: 'leads', where: 'leads' });
    expect(r.report.verdict).not.toBe('drift');
    expect(r.report.dataset.drifting).toEqual([]);
  });

  it('catches shifted numbers, a new category mix and missing values, and the prediction shift', () => {
    const r = modelDrift(artifact, { ws, table: 'shifted', where: 'shifted' });
    const verdict = Object.fromEntries(r.report.features.map((f) => [f.name, f.verdict]));
    expect(verdict.pages_viewed).toBe('drift');
    expect(verdict.country).toBe('drift');
    expect(r.report.features.find((f) => f.name === 'company_size')!.missing.flagged).toBe(true);
    expect(verdict.email_opens).toBe('ok');
    expect(r.report.prediction).toBeDefined();
  });

  it('splits by month with --time-col and stores the report (CLI)', () => {
    const res = sightline([
      'drift',
      '--model',
      'leads',
      '--workspace',
      wsPath,
      '--table',
      'shifted',
      '--time-col',
      'created_date',
      '--window',
      'month',
      '--json',
    ]);
    expect(res.status, res.stderr).toBe(0);
    const out = res.json() as {
      reportId: number;
      timeline: {
        baseline: number;
        retrain: boolean;
        windows: { label: string; metric: number; report: { verdict: string } }[];
      };
    };
    // the outcome is in the data: AUC per month against the hold-out AUC, and a recommendation
    expect(out.timeline.baseline).toBeGreaterThan(0.6);
    expect(out.timeline.windows.filter((w) => w.metric > 0.5).length).toBeGreaterThan(3);
    expect(typeof out.timeline.retrain).toBe('boolean');
    expect(out.reportId).toBe(1);
    expect(out.timeline.windows.length).toBeGreaterThan(6);
    expect(out.timeline.windows[0]!.label).toMatch(/^\d{4}-\d{2}$/);
    const check = Workspace.open(wsPath);
    try {
      const row = check.db.prepare('SELECT model, verdict FROM sl_drift_reports').get() as {
        model: string;
        verdict: string;
      };
      expect(row.model).toBe('leads');
    } finally {
      check.close();
    }
  }, 60_000);
});

describe('drift of a demand model', () => {
  it('profiles the sales it was trained on and flags sales at a new level', async () => {
    await importFile(ws, 'tests/fixtures/drinks/drinks.csv', { table: 'drinks' });
    const lines = readFileSync('tests/fixtures/drinks/drinks.csv', 'utf8').trimEnd().split('\n');
    const doubled = [
      lines[0],
      ...lines.slice(1).map((l) => {
        const [d, v] = l.split(',');
        return `${d},${(Number(v) * 2).toFixed(0)}`;
      }),
    ];
    const path = join(dir, 'drinks-doubled.csv');
    writeFileSync(path, `${doubled.join('\n')}\n`);
    await importFile(ws, path, { table: 'drinks_doubled' });
    const t = await trainKind(ws, 'demand', { table: 'drinks', holdoutFraction: 0 });
    expect(t.artifact.reference).toBeDefined();
    expect(modelDrift(t.artifact, { ws, table: 'drinks', where: 'drinks' }).report.verdict).toBe(
      'ok',
    );
    const shifted = modelDrift(t.artifact, { ws, table: 'drinks_doubled', where: 'doubled' });
    expect(shifted.report.verdict).toBe('drift');
  }, 120_000);
});
