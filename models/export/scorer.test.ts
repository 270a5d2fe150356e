// Golden parity: models trained on the sample leads through the engine, scored in-engine
// (scoreTable and predict) and through the generated standalone module, must agree — the same
// double arithmetic, so to 1e-9 (in practice exactly), with identical flags, levels and fields.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { driftReport, parseReference } from '../../core/common/drift/index.js';
import { encodeColumns } from '../common/columns.js';
import { importFile } from '../../core/node/import/importer.js';
import { loadTable, type ColumnData } from '../../core/node/table-data.js';
import { initTensorflow } from '../../core/node/tf/backend.js';
import { Workspace } from '../../core/node/workspace/workspace.js';
import { tempDir } from '../../tests/helpers/tmp.js';
import type { ModelArtifact } from '../common/artifact.js';
import { scoreTable, trainTabular, type TabularOptions } from '../common/tabular.js';
import { predict, RECOMMENDATIONS as ENGINE_RECOMMENDATIONS } from '../score.js';
import { generateScorer, RECOMMENDATIONS, type ScorerMetadata } from './scorer.js';

interface ScorerModule {
  score(rows: Record<string, unknown>[], options?: { round?: boolean }): Record<string, unknown>[];
  drift(rows: Record<string, unknown>[]): {
    verdict: string;
    features: { name: string; psi: number; verdict: string }[];
    prediction: { psi: number } | null;
  };
  metadata: ScorerMetadata;
}

const dir = tempDir('sightline-scorer-');
let ws: Workspace;
let moduleCount = 0;

/** Writes the generated text to a file and imports it, as a user of the file would. */
async function load(a: ModelArtifact, version: number | null): Promise<ScorerModule> {
  const file = join(dir, `scorer-${++moduleCount}.mjs`);
  writeFileSync(file, generateScorer(a, { version }));
  return (await import(pathToFileURL(file).href)) as ScorerModule;
}

/** A table's rows as objects, each cell as Sightline holds it (dates as day numbers). */
function tableRows(table: string, asText = false): Record<string, unknown>[] {
  const t = loadTable(ws, table);
  const cell = (c: ColumnData, i: number): unknown => {
    if (c.kind === 'categorical') return c.codes[i]! < 0 ? null : c.levels[c.codes[i]!];
    const v = c.values[i]!;
    if (asText) return Number.isNaN(v) ? '' : String(v);
    return Number.isNaN(v) ? null : v;
  };
  return Array.from({ length: t.rows }, (_, i) =>
    Object.fromEntries(t.columns.map((c) => [c.name, cell(c, i)])),
  );
}

/** predict's rows as objects, risk factors included. */
function predictedRows(a: ModelArtifact, version: number, table: string) {
  const p = predict(a, version, { ws, table, where: table });
  return p.rows.map((r) => Object.fromEntries(p.columns.map((c, j) => [c, r[j]])));
}

/** The engine's unrounded outputs, row-major: probabilities, values or class probabilities. */
function engineValues(a: ModelArtifact, table: string): Float64Array {
  const t = loadTable(ws, table);
  const s = scoreTable(a, t.columns, t.rows, table, { factors: 0 });
  return s.binary?.probability ?? s.values ?? s.classProbabilities!;
}

function scorerValues(m: ScorerModule, rows: Record<string, unknown>[]): number[] {
  const out = m.score(rows, { round: false });
  const md = m.metadata;
  if (md.task === 'multiclass')
    return out.flatMap((o) => md.classes!.map((c) => o[`p_${c}`] as number));
  const field =
    md.task === 'binary'
      ? Object.keys(out[0]!).find((k) => k.endsWith('_probability'))!
      : 'prediction';
  return out.map((o) => o[field] as number);
}

const maxDiff = (x: ArrayLike<number>, y: ArrayLike<number>) => {
  expect(x.length).toBe(y.length);
  let d = 0;
  for (let i = 0; i < x.length; i++) d = Math.max(d, Math.abs(x[i]! - y[i]!));
  return d;
};

const parity: Record<string, number> = {};

beforeAll(async () => {
  ws = Workspace.open(join(dir, 'leads.sightline'), { create: true });
  await importFile(ws, 'sample-data/small/leads.csv', { table: 'leads' });
  // 800 rows: too few for isotonic calibration, so the binary models there get Platt scaling.
  const lines = readFileSync('sample-data/small/leads.csv', 'utf8').trim().split('\n');
  mkdirSync(join(dir, 'in'), { recursive: true });
  writeFileSync(join(dir, 'in', 'small.csv'), `${lines.slice(0, 801).join('\n')}\n`);
  await importFile(ws, join(dir, 'in', 'small.csv'), { table: 'small' });
  // Hard cases: missing numbers and categories, a level never seen in training, a text number.
  const header = lines[0]!.split(',');
  const edit = (line: string, changes: Record<string, string>) => {
    const cells = line.split(',');
    for (const [k, v] of Object.entries(changes)) cells[header.indexOf(k)] = v;
    return cells.join(',');
  };
  const edge = [
    lines[0]!,
    edit(lines[1]!, { pages_viewed: '', country: '' }),
    edit(lines[2]!, { country: 'Atlantis', industry: 'piracy' }),
    edit(lines[3]!, { company_size: '', email_opens: '', source: '' }),
    edit(lines[4]!, { days_since_first_touch: '', demo_requested: '' }),
    ...lines.slice(5, 40),
  ];
  writeFileSync(join(dir, 'in', 'edge.csv'), `${edge.join('\n')}\n`);
  await importFile(ws, join(dir, 'in', 'edge.csv'), { table: 'edge' });
}, 120_000);

const cases: {
  title: string;
  options: Omit<TabularOptions, 'ctx'>;
  tf?: boolean;
  calibration?: string;
}[] = [
  {
    title: 'churn gbdt (isotonic)',
    options: { kind: 'churn', table: 'leads', target: 'converted', learner: 'gbdt' },
    calibration: 'isotonic',
  },
  {
    title: 'custom glm (Platt)',
    options: { kind: 'custom', table: 'small', target: 'converted', learner: 'glm' },
    calibration: 'platt',
  },
  {
    title: 'churn mlp',
    options: {
      kind: 'churn',
      table: 'leads',
      target: 'converted',
      learner: 'mlp',
      params: { mlp: { hidden_units: [16, 8], epochs: 5 } },
    },
    tf: true,
  },
  {
    title: 'regression gbdt',
    options: {
      kind: 'custom',
      table: 'leads',
      target: 'pages_viewed',
      task: 'regression',
      learner: 'gbdt',
    },
  },
  {
    title: 'regression glm',
    options: {
      kind: 'custom',
      table: 'leads',
      target: 'pages_viewed',
      task: 'regression',
      learner: 'glm',
    },
  },
  {
    title: 'multiclass gbdt',
    options: {
      kind: 'custom',
      table: 'small',
      target: 'source',
      task: 'multiclass',
      learner: 'gbdt',
    },
  },
];

describe('standalone scorer parity with the engine', () => {
  for (const c of cases) {
    it(`${c.title}: same values to 1e-9 and the same fields as predict`, async () => {
      const ctx = c.tf ? { tf: (await initTensorflow()).tf } : {};
      const r = await trainTabular(ws, {
        ...c.options,
        folds: 2,
        name: c.title.replace(/\W+/g, '-'),
        ctx,
      });
      const a = r.artifact;
      expect(a.learner).toBe(c.options.learner);
      if (c.calibration) expect(a.decision?.calibration.kind).toBe(c.calibration);
      if (a.learner === 'gbdt') {
        // the tree walk's categorical bitsets are exercised, not just numeric thresholds
        const trees = (a.model as { trees: { isCategorical: number[] }[] }).trees;
        expect(trees.some((t) => t.isCategorical.includes(1))).toBe(true);
      }
      const m = await load(a, 3);
      expect(m.metadata.modelVersion).toBe(`${a.name}@3`);
      for (const table of [c.options.table, 'edge']) {
        const rows = tableRows(table);
        const d = maxDiff(scorerValues(m, rows), engineValues(a, table));
        parity[`${c.title} on ${table}`] = d;
        expect(d).toBeLessThanOrEqual(1e-9);
        // The same output fields and values as predict (rounded as it rounds): flags, levels, ids.
        expect(m.score(rows)).toEqual(predictedRows(a, 3, table));
        // Numbers given as text, and '' for missing, read the same.
        expect(m.score(tableRows(table, true))).toEqual(m.score(rows));
      }
    }, 300_000);
  }

  it('reports the parity', () => {
    console.log('max |scorer − engine| per model and table:', parity);
  });
});

describe('standalone scorer', () => {
  let m: ScorerModule;
  let a: ModelArtifact;
  beforeAll(async () => {
    const r = await trainTabular(ws, {
      kind: 'churn',
      table: 'small',
      target: 'converted',
      learner: 'gbdt',
      folds: 2,
    });
    a = r.artifact;
    m = await load(a, null);
  }, 120_000);

  it('has no imports and explains each row as predict does', () => {
    const text = generateScorer(a, { version: null });
    expect(text).not.toMatch(/^\s*import\b|\brequire\(|\bimport\(/m);
    expect(text).toMatch(/Output fields: .*risk_factors/);
    const out = m.score(tableRows('small').slice(0, 20));
    expect(out.every((o) => typeof o.risk_factors === 'string')).toBe(true);
    // "country = UK: +0.05": feature = value: signed contribution
    expect(out.some((o) => /^[a-z_]+ = [^:]+: [+−]\d\.\d\d/.test(o.risk_factors as string))).toBe(
      true,
    );
  });

  it('reports drift of a batch from the profile it embeds, with the PSI of the engine', () => {
    const rows = tableRows('small');
    const mine = m.drift(rows);
    const t = loadTable(ws, 'small');
    const data = encodeColumns(t.columns, a.input, t.rows, 'small');
    const cat = data.names!.slice(data.numeric.length);
    const engine = driftReport(parseReference(a.reference), data, {
      categoryLevels: cat.map((n) => a.input.find((x) => x.name === n)?.levels),
    });
    expect(mine.features.map((f) => f.name).sort()).toEqual(
      engine.features.map((f) => f.name).sort(),
    );
    for (const f of engine.features)
      expect(mine.features.find((x) => x.name === f.name)!.psi).toBeCloseTo(f.psi, 12);
    expect(mine.prediction).not.toBeNull();
    // rows with one number pushed far out of its range: that feature drifts
    const num = a.input.find((c) => c.kind === 'numeric')!.name;
    const shifted = rows.map((r) => ({ ...r, [num]: Number(r[num] ?? 0) * 10 + 1e6 }));
    expect(m.drift(shifted).features.find((f) => f.name === num)!.verdict).toBe('drift');
  });

  it('describes the model in metadata', () => {
    const md = m.metadata;
    expect(md).toMatchObject({
      kind: 'churn',
      name: 'churn',
      version: null,
      modelVersion: 'churn',
      task: 'binary',
      learner: 'gbdt',
      id: 'lead_id', // the first id-like column left out of the features
    });
    expect(md.threshold).toBe(a.decision!.threshold);
    expect(md.features).toEqual(a.features);
    expect(md.input.map((c) => c.name)).toEqual(a.features);
    expect(md.input.find((c) => c.name === 'country')?.levels).toContain('UK');
  });

  it('refuses a row missing a field, naming the row and the field', () => {
    const rows = tableRows('small').slice(0, 3);
    delete rows[2]!.country;
    expect(() => m.score(rows)).toThrow('row 2 lacks the field "country"');
    expect(() => m.score([null as unknown as Record<string, unknown>])).toThrow(
      'row 0 is not an object',
    );
    expect(() => m.score({} as unknown as Record<string, unknown>[])).toThrow(/array/);
  });

  it('treats an unknown level as missing and matches fields in any case', () => {
    const row = tableRows('small')[0]!;
    const missing = m.score([{ ...row, country: null }], { round: false })[0];
    expect(m.score([{ ...row, country: 'Atlantis' }], { round: false })[0]).toEqual(missing);
    const upper = Object.fromEntries(Object.entries(row).map(([k, v]) => [k.toUpperCase(), v]));
    expect(m.score([upper])).toEqual(m.score([row]));
  });

  it('keeps the recommendations of sightline predict', () => {
    expect(RECOMMENDATIONS).toEqual(ENGINE_RECOMMENDATIONS);
  });

  it('refuses models it does not cover', () => {
    expect(() => generateScorer({ ...a, mode: 'images' }, { version: 1 })).toThrow(/images/);
    expect(() => generateScorer({ ...a, task: 'poisson' }, { version: 1 })).toThrow(/poisson/);
    expect(() => generateScorer({ ...a, model: { format: 'other' } }, { version: 1 })).toThrow(
      /"other"/,
    );
  });
});
