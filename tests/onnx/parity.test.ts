// Golden parity (STYLE.md item 9): models trained on the sample leads through the engine's own
// training path, exported to ONNX, run in onnxruntime-node and compared with scoreTable on the
// same rows — within 1e-5, with the same flags. The hard cases (missing numbers and categories,
// levels never seen in training) are scored too. Python's onnx.checker checks each file when
// Debian's python3-onnx is installed.
//
// This end-to-end test needs the model layer (training and scoreTable live in models/); the
// module under test, parity.ts, does not import it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeModel, exportOnnx, type OnnxExportOptions } from '../../core/common/onnx/index.js';
import { importFile } from '../../core/node/import/importer.js';
import { loadTable } from '../../core/node/table-data.js';
import { initTensorflow } from '../../core/node/tf/backend.js';
import { Workspace } from '../../core/node/workspace/workspace.js';
import { tempDir } from '../helpers/tmp.js';
import { scoreTable, trainTabular, type TabularOptions } from '../../models/common/tabular.js';
import type { ModelArtifact } from '../../models/common/artifact.js';
import { checkParity, type ParityReport } from '../../core/node/onnx/parity.js';

const dir = tempDir('sightline-onnx-');
let ws: Workspace;

const PYTHON = '/usr/bin/python3';
const onnxChecker =
  spawnSync(PYTHON, ['-c', 'import onnx'], { encoding: 'utf8' }).status === 0
    ? 'available'
    : 'python3-onnx is not installed (apt-get install python3-onnx): onnx.checker skipped';

/** onnx.checker.check_model(full_check=True) on the file; null when the checker is not here. */
function pythonCheck(file: string): string | null {
  if (onnxChecker !== 'available') return null;
  const r = spawnSync(
    PYTHON,
    [
      '-c',
      'import onnx,sys; m=onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True); print("ok", onnx.__version__)',
      file,
    ],
    { encoding: 'utf8' },
  );
  return r.status === 0
    ? r.stdout.trim()
    : `failed: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`;
}

beforeAll(async () => {
  ws = Workspace.open(join(dir, 'leads.sightline'), { create: true });
  await importFile(ws, 'sample-data/small/leads.csv', { table: 'leads' });
  // 800 rows: too few for isotonic calibration, so binary models there get Platt scaling.
  const lines = readFileSync('sample-data/small/leads.csv', 'utf8').trim().split('\n');
  mkdirSync(join(dir, 'in'), { recursive: true });
  writeFileSync(join(dir, 'in', 'small.csv'), `${lines.slice(0, 801).join('\n')}\n`);
  await importFile(ws, join(dir, 'in', 'small.csv'), { table: 'small' });
  // Hard cases: missing numbers and categories, levels never seen in training.
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
    ...lines.slice(5, 60),
  ];
  writeFileSync(join(dir, 'in', 'edge.csv'), `${edge.join('\n')}\n`);
  await importFile(ws, join(dir, 'in', 'edge.csv'), { table: 'edge' });
}, 120_000);

const cases: {
  title: string;
  options: Omit<TabularOptions, 'ctx'>;
  tf?: boolean;
  exportOptions?: OnnxExportOptions;
}[] = [
  {
    title: 'binary gbdt (isotonic)',
    options: { kind: 'churn', table: 'leads', target: 'converted', learner: 'gbdt' },
  },
  {
    title: 'binary gbdt (Platt)',
    options: { kind: 'custom', table: 'small', target: 'converted', learner: 'gbdt' },
  },
  {
    title: 'binary glm (isotonic)',
    options: { kind: 'custom', table: 'leads', target: 'converted', learner: 'glm' },
  },
  {
    title: 'binary glm (Platt)',
    options: { kind: 'custom', table: 'small', target: 'converted', learner: 'glm' },
  },
  {
    title: 'binary mlp',
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
    title: 'regression gbdt (company_size)',
    options: {
      kind: 'custom',
      table: 'leads',
      target: 'company_size',
      task: 'regression',
      learner: 'gbdt',
    },
  },
  {
    title: 'regression gbdt (pages_viewed)',
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
      target: 'company_size',
      task: 'regression',
      learner: 'glm',
    },
  },
  {
    title: 'regression mlp',
    options: {
      kind: 'custom',
      table: 'leads',
      target: 'pages_viewed',
      task: 'regression',
      learner: 'mlp',
      params: { mlp: { hidden_units: [16], epochs: 5 } },
    },
    tf: true,
  },
  {
    title: 'multiclass gbdt (source)',
    options: {
      kind: 'custom',
      table: 'small',
      target: 'source',
      task: 'multiclass',
      learner: 'gbdt',
    },
  },
  {
    title: 'multiclass gbdt (industry, float sums)',
    options: {
      kind: 'custom',
      table: 'leads',
      target: 'industry',
      task: 'multiclass',
      learner: 'gbdt',
      params: { gbdt: { trees: 30 } },
    },
    exportOptions: { treeSums: 'float' },
  },
  {
    title: 'multiclass mlp (source)',
    options: {
      kind: 'custom',
      table: 'leads',
      target: 'source',
      task: 'multiclass',
      learner: 'mlp',
      params: { mlp: { hidden_units: [16], epochs: 5 } },
    },
    tf: true,
  },
];

async function parityOn(a: ModelArtifact, bytes: Uint8Array, table: string): Promise<ParityReport> {
  const t = loadTable(ws, table);
  const s = scoreTable(a, t.columns, t.rows, table, { factors: 0 });
  const task =
    a.task === 'binary' ? 'binary' : a.task === 'multiclass' ? 'multiclass' : 'regression';
  const classes = a.target?.classes ?? [];
  const K = classes.length;
  return checkParity({
    bytes,
    columns: t.columns,
    specs: a.input,
    rows: t.rows,
    task,
    engine: s.binary
      ? { values: s.binary.probability, flagged: s.binary.flagged }
      : s.classProbabilities
        ? {
            values: s.classProbabilities,
            // The engine's class (predict's predicted_class): the first with the top probability.
            labels: Array.from({ length: t.rows }, (_, i) => {
              const ps = Array.from(s.classProbabilities!.subarray(i * K, i * K + K));
              return classes[ps.indexOf(Math.max(...ps))]!;
            }),
          }
        : { values: s.values! },
  });
}

const figures: Record<string, string> = {};

describe('ONNX export parity with the engine', () => {
  for (const c of cases) {
    it(`${c.title}: onnxruntime-node within 1e-5 of scoreTable`, async () => {
      const ctx = c.tf ? { tf: (await initTensorflow()).tf } : {};
      const r = await trainTabular(ws, { ...c.options, folds: 2, ctx });
      const a = r.artifact;
      expect(a.learner).toBe(c.options.learner);
      const bytes = exportOnnx(a, c.exportOptions);
      const file = join(dir, `${c.title.replace(/\W+/g, '-')}.onnx`);
      writeFileSync(file, bytes);
      if (a.learner === 'gbdt') {
        // The leads trees split on categories (source, industry, country): BRANCH_EQ chains.
        const trees = decodeModel(bytes).graph.node.find(
          (n) => n.opType === 'TreeEnsembleRegressor',
        )!;
        const modes = trees.attribute.find((x) => x.name === 'nodes_modes')!.strings!;
        const chains = modes.filter((m) => String.fromCharCode(...m) === 'BRANCH_EQ').length;
        figures[`${c.title} BRANCH_EQ nodes`] = String(chains);
        expect(chains).toBeGreaterThan(0);
      }
      const checked = pythonCheck(file);
      if (checked !== null) expect(checked).toMatch(/^ok/);
      for (const table of [c.options.table, 'edge']) {
        const p = await parityOn(a, bytes, table);
        figures[`${c.title} on ${table}`] =
          `max |Δ| ${p.maxAbsDiff.toExponential(2)} over ${p.rows} rows` +
          (a.task === 'binary'
            ? `, ${p.labelMismatches} label mismatches, calibration ${a.decision?.calibration.kind}`
            : a.task === 'multiclass'
              ? ` × ${a.target?.classes?.length} classes, ${p.labelMismatches} label mismatches`
              : '');
        expect(p.maxAbsDiff).toBeLessThanOrEqual(1e-5);
        expect(p.pass).toBe(true);
      }
    }, 300_000);
  }

  it('reports the parity and the checker', () => {
    console.log('ONNX Runtime vs scoreTable:', figures);
    console.log(`onnx.checker: ${onnxChecker}`);
  });
});
