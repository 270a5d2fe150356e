// The standalone scorer for every input mode: churn and lifetime value from a transaction log
// (+ customer attributes), device failure from telemetry + failure events (+ device
// attributes), demand from sales history. Each model is trained on the committed sample data,
// exported with generateScorer, imported as a file and given the raw rows — the tables as a
// caller would hold them, dates as text — beside the engine (`predict`, and the same code with
// numbers unrounded): identical rows, risk factors and top sensors included.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../core/node/import/importer.js';
import { loadTable, type ColumnData } from '../../core/node/table-data.js';
import { Workspace } from '../../core/node/workspace/workspace.js';
import type { ModelArtifact } from '../../models/common/artifact.js';
import { forecastFromArtifact, loadSales, forecastRows } from '../../models/demand/kind.js';
import type { DemandRoles } from '../../models/demand/sales-input.js';
import { generateScorer } from '../../models/export/scorer.js';
import { scorerParity } from '../../models/export/scorer-parity.js';
import {
  exactNumber,
  predictChurnRows,
  predictLtvRows,
  predictTelemetryRows,
} from '../../models/predict-rows.js';
import { logInputs, predict, telemetryObservations, type Scored } from '../../models/score.js';
import { trainKind, type KindOptions } from '../../models/train.js';
import type { ModelKind } from '../../models/common/artifact.js';
import { tempDir } from '../helpers/tmp.js';

interface ScorerModule {
  score(
    input?: unknown,
    options?: { round?: boolean; asOf?: unknown; horizon?: number },
  ): Record<string, unknown>[];
  drift(input: unknown): { verdict: string; features: { name: string; psi: number }[] };
  metadata: { mode: string; tables: Record<string, string[]>; formatVersion: number };
}

const dir = tempDir('sightline-scorer-kinds-');
let ws: Workspace;
let count = 0;
const parity: Record<string, { rows: number; maxAbsDifference: number }> = {};

beforeAll(async () => {
  ws = Workspace.open(join(dir, 'kinds.sightline'), { create: true });
  for (const t of [
    'transactions',
    'customers',
    'sales',
    'holidays',
    'telemetry',
    'failures',
    'devices',
  ])
    await importFile(ws, `sample-data/small/${t}.csv`, { table: t });
  return () => ws.close();
}, 120_000);

async function trained(kind: ModelKind, o: KindOptions): Promise<ModelArtifact> {
  return (await trainKind(ws, kind, { ...o, name: kind })).artifact;
}

const files = new Map<ModelArtifact, string>();

async function load(a: ModelArtifact, version: number): Promise<ScorerModule> {
  const file = join(dir, `scorer-${++count}.mjs`);
  writeFileSync(file, generateScorer(a, { version }));
  files.set(a, file);
  return (await import(pathToFileURL(file).href)) as ScorerModule;
}

/** The export's own parity check (what `sightline export --format scorer` prints) passes. */
async function exportParity(a: ModelArtifact, version: number, table: string) {
  const r = await scorerParity(a, version, files.get(a)!, ws, table);
  expect(r.checkedOn).not.toMatch(/differ/);
  expect(r.passed).toBe(true);
  expect(r.rows).toBeGreaterThan(0);
}

/** A workspace table as a caller holds it: dates and times as text, missing values null. */
function rowsOf(table: string): Record<string, unknown>[] {
  const t = loadTable(ws, table);
  const cell = (c: ColumnData, i: number): unknown => {
    if (c.kind === 'categorical') return c.codes[i]! < 0 ? null : c.levels[c.codes[i]!];
    const v = c.values[i]!;
    if (Number.isNaN(v)) return null;
    if (c.type === 'date') return new Date(v * 86400000).toISOString().slice(0, 10);
    if (c.type === 'datetime')
      return new Date(v * 1000).toISOString().replace('T', ' ').slice(0, 19);
    return v;
  };
  return Array.from({ length: t.rows }, (_, i) =>
    Object.fromEntries(t.columns.map((c) => [c.name, cell(c, i)])),
  );
}

const objects = (s: Scored) =>
  s.rows.map((r) => Object.fromEntries(s.columns.map((c, j) => [c, r[j]])));

/** Largest |difference| over the numeric fields, and every other field equal. */
function compare(
  label: string,
  mine: Record<string, unknown>[],
  engine: Record<string, unknown>[],
) {
  expect(mine.length).toBe(engine.length);
  let max = 0;
  mine.forEach((o, i) => {
    const e = engine[i]!;
    expect(Object.keys(o)).toEqual(Object.keys(e));
    for (const k of Object.keys(e)) {
      if (typeof e[k] === 'number' && Number.isFinite(e[k])) {
        max = Math.max(max, Math.abs((o[k] as number) - (e[k] as number)));
      } else expect(o[k], `${label} row ${i} ${k}`).toEqual(e[k]);
    }
  });
  parity[label] = { rows: mine.length, maxAbsDifference: max };
  expect(max).toBeLessThanOrEqual(1e-9);
}

const src = (table: string) => ({ ws, table, where: table });

describe('standalone scorer on every input mode', () => {
  it('churn from a transaction log + customers: the rows of predict, risk factors included', async () => {
    const a = await trained('churn', {
      table: 'transactions',
      attributes: 'customers',
      learner: 'gbdt',
      folds: 2,
    });
    const m = await load(a, 2);
    expect(m.metadata.mode).toBe('transactions');
    const input = { transactions: rowsOf('transactions'), attributes: rowsOf('customers') };
    const out = m.score(input);
    expect(out).toEqual(objects(predict(a, 2, src('transactions'))));
    expect(
      out.some((o) => /no purchase in \d+ days: \+0\.\d\d/.test(o.risk_factors as string)),
    ).toBe(true);
    const { log, attrs } = logInputs(a, src('transactions'));
    const asOf = Math.floor(log.maxDay) + 1;
    compare(
      'churn (transactions, gbdt)',
      m.score(input, { round: false }),
      objects(predictChurnRows(a, 'churn@2', log, attrs, asOf, exactNumber)),
    );
    // An earlier cutoff: only the records before it count, as predict --cutoff.
    const cut = m.score(input, { asOf: '2025-03-01' });
    expect(cut).toEqual(objects(predict(a, 2, src('transactions'), { cutoff: 20148 })));
    expect(() => m.score({ transactions: input.transactions })).toThrow(/input.attributes/);
    const broken = input.transactions.slice(0, 3).map((r) => ({ ...r }));
    delete broken[1]!.amount;
    expect(() => m.score({ ...input, transactions: broken })).toThrow(
      'transactions row 1 lacks the field "amount"',
    );
    expect(['ok', 'watch', 'drift']).toContain(m.drift(input).verdict);
    await exportParity(a, 2, 'transactions');
  }, 400_000);

  it('lifetime value from a transaction log: intervals, segments and BG/NBD figures', async () => {
    const a = await trained('ltv', {
      table: 'transactions',
      attributes: 'customers',
      learner: 'glm',
      folds: 2,
    });
    const m = await load(a, 1);
    const input = { transactions: rowsOf('transactions'), attributes: rowsOf('customers') };
    expect(m.score(input)).toEqual(objects(predict(a, 1, src('transactions'))));
    const { log, attrs } = logInputs(a, src('transactions'));
    compare(
      'ltv (transactions, glm + BG/NBD)',
      m.score(input, { round: false }),
      objects(predictLtvRows(a, 'ltv@1', log, attrs, Math.floor(log.maxDay) + 1, exactNumber)),
    );
    await exportParity(a, 1, 'transactions');
  }, 400_000);

  it('device failure from telemetry + events + devices: alerts and top sensors', async () => {
    const a = await trained('failure', {
      table: 'telemetry',
      events: 'failures',
      attributes: 'devices',
      learner: 'gbdt',
      folds: 2,
    });
    const m = await load(a, 4);
    const input = {
      telemetry: rowsOf('telemetry'),
      events: rowsOf('failures'),
      attributes: rowsOf('devices'),
    };
    const out = m.score(input);
    expect(out).toEqual(objects(predict(a, 4, src('telemetry'))));
    expect(out.length).toBe(50);
    expect(
      out.some((o) => /\((rising|falling|flat) over \d+ h\): \+/.test(o.top_sensors as string)),
    ).toBe(true);
    const { obs, devices } = telemetryObservations(a, src('telemetry'), true);
    compare(
      'failure (telemetry, gbdt)',
      m.score(input, { round: false }),
      objects(predictTelemetryRows(a, 'failure@4', obs, devices, exactNumber)),
    );
    expect(() => m.score({ telemetry: input.telemetry })).toThrow(/input.events/);
    await exportParity(a, 4, 'telemetry');
  }, 400_000);

  it('demand: forecasts from the training data and from given sales history', async () => {
    const a = await trained('demand', {
      table: 'sales',
      holidays: 'holidays',
      params: { gbdt: { trees: 40, learning_rate: 0.2 } },
    });
    const m = await load(a, 5);
    expect(m.score(undefined, { horizon: 7 })).toEqual(
      objects(forecastFromArtifact(a, 5, undefined, 7)),
    );
    const sales = rowsOf('sales');
    expect(m.score({ sales }, { horizon: 14 })).toEqual(
      objects(forecastFromArtifact(a, 5, src('sales'), 14)),
    );
    const loaded = loadSales(
      ws,
      'sales',
      {},
      {
        items: a.settings.items as string[],
        categoryLevels: a.settings.categoryLevels as string[],
        roles: a.roles as unknown as DemandRoles,
      },
    );
    compare(
      'demand (sales, gbdt)',
      m.score({ sales }, { round: false, horizon: 30 }),
      objects(forecastRows(a, 5, loaded, 30, true)),
    );
    await exportParity(a, 5, 'sales');
  }, 600_000);

  it('reports the parity', () => {
    console.log('standalone scorer vs engine, unrounded:', parity);
  });
});
