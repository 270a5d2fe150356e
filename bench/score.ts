// npm run bench:score — scoring throughput and latency: Sightline's engine (scoreTable: encode the
// columns, walk the trees, calibrate) against onnxruntime-node on the model's ONNX export, same
// rows, same run. A 100-tree GBDT (depth 6, binary) is trained on the first TRAIN_ROWS rows of the
// bench:import table (200k by default: the model, not the fit, is what is measured) and scores
// SCORE_ROWS rows (default: all 1,000,000). ONNX Runtime gets the raw columns (float32 or float64
// numbers, string categories) in chunks of 65,536 rows; its time includes building the input
// tensors and reading the outputs. Runs: float inputs with exact (double) tree sums on 1 thread
// and on every core, double inputs, and the operator's own float32 sums (docs/onnx.md). Each
// reports its max |ONNX − engine|. Batch-of-1 latency: the median of single-row calls.
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import {
  exportOnnx,
  onnxFeeds,
  type Feed,
  type NumericInputType,
  type TreeSums,
} from '../core/common/onnx/index.js';
import { trainParallel } from '../core/node/gbdt/parallel.js';
import { importFile } from '../core/node/import/importer.js';
import { onnxSession, runOnnx } from '../core/node/onnx/parity.js';
import { loadTable, type ColumnData } from '../core/node/table-data.js';
import { Workspace } from '../core/node/workspace/workspace.js';
import {
  ARTIFACT_FORMAT,
  ARTIFACT_VERSION,
  type ModelArtifact,
} from '../models/common/artifact.js';
import { describeColumns, encodeColumns } from '../models/common/columns.js';
import { scoreTable } from '../models/common/tabular.js';
import { benchCsv } from './data.js';

const dir = join(process.cwd(), '.bench');
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const trainRows = Math.min(rows, Number(process.env.TRAIN_ROWS ?? 200_000));
const scoreRows = Math.min(rows, Number(process.env.SCORE_ROWS ?? rows));
const CHUNK = 65_536;
const SINGLES = Number(process.env.SINGLE_CALLS ?? 2_000);

/** The bench table's columns, imported into the bench workspace once (shared with bench:gbdt). */
async function benchColumns(): Promise<{ columns: ColumnData[]; rows: number }> {
  const csv = await benchCsv(dir, rows);
  const wsPath = join(dir, `gbdt-${rows}.sightline`);
  const fresh = !existsSync(wsPath);
  const ws = Workspace.open(wsPath, { create: true });
  try {
    if (fresh || !ws.getDataset('bench'))
      await importFile(ws, csv, { table: 'bench', mode: 'replace' });
    const t = loadTable(ws, 'bench');
    return { columns: t.columns, rows: t.rows };
  } finally {
    ws.close();
  }
}

const sliceColumn = (c: ColumnData, from: number, to: number): ColumnData =>
  c.kind === 'numeric'
    ? { ...c, values: c.values.subarray(from, to) }
    : { ...c, codes: c.codes.subarray(from, to) };

const sliceFeeds = (feeds: Record<string, Feed>, from: number, to: number) =>
  Object.fromEntries(
    Object.entries(feeds).map(([k, f]): [string, Feed] =>
      f.type === 'string'
        ? [k, { type: 'string', data: f.data.slice(from, to) }]
        : f.type === 'float32'
          ? [k, { type: 'float32', data: f.data.subarray(from, to) }]
          : [k, { type: 'float64', data: f.data.subarray(from, to) }],
    ),
  );

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

console.log(
  `bench:score — ${fmt(scoreRows)} rows × 30 features scored; GBDT 100 trees, depth 6, trained on ${fmt(trainRows)} rows; ${cpus().length} cores`,
);
const table = await benchColumns();
const target = table.columns.find((c) => c.name === 'target')!;
if (target.kind !== 'numeric') throw new Error('the bench table has no numeric target');
const features = table.columns.filter((c) => c !== target);
// The learner's layout (numeric first, then categorical), as trainTabular gives it.
const specs = describeColumns(features);
const ordered = [
  ...features.filter((c) => c.kind === 'numeric'),
  ...features.filter((c) => c.kind !== 'numeric'),
];
const trainData = {
  numeric: ordered.flatMap((c) => (c.kind === 'numeric' ? [c.values.subarray(0, trainRows)] : [])),
  categorical: ordered.flatMap((c) =>
    c.kind === 'categorical' ? [c.codes.subarray(0, trainRows)] : [],
  ),
  names: ordered.map((c) => c.name),
};
let t0 = performance.now();
const model = await trainParallel(trainData, target.values.subarray(0, trainRows), {
  trees: 100,
  learning_rate: 0.1,
  max_depth: 6,
  num_leaves: 64,
  max_bin: 255,
  objective: 'binary',
  seed: 42,
});
console.log(
  `trained in ${((performance.now() - t0) / 1000).toFixed(1)} s (not part of the comparison)`,
);
const artifact: ModelArtifact = {
  format: ARTIFACT_FORMAT,
  version: ARTIFACT_VERSION,
  kind: 'custom',
  name: 'bench-score',
  mode: 'table',
  task: 'binary',
  roles: { target: 'target' },
  input: specs,
  features: trainData.names,
  target: { column: 'target', positive: '1' },
  learner: 'gbdt',
  model: model.toJSON(),
  decision: {
    calibration: { kind: 'none' },
    rule: { rule: 'max_f1' },
    threshold: 0.5,
    riskCuts: [0.25, 0.5, 0.75],
    achieved: {},
  },
  settings: {},
  seed: 42,
  codeVersion: 'bench',
  createdAt: new Date().toISOString(),
};
const scoring = features.map((c) => sliceColumn(c, 0, scoreRows));

// Engine: one scoreTable call over all rows; and the loaded model's predict on encoded rows.
t0 = performance.now();
const engine = scoreTable(artifact, scoring, scoreRows, 'bench', { factors: 0 });
const engineSeconds = (performance.now() - t0) / 1000;
const encoded = encodeColumns(scoring, specs, scoreRows, 'bench');
t0 = performance.now();
model.predict(encoded);
const predictSeconds = (performance.now() - t0) / 1000;
const probability = engine.binary!.probability;

// ONNX Runtime, chunked, on the float export (the default) and on the double-input export.
const ortRun = async (numericInputs: NumericInputType, threads: number, treeSums: TreeSums) => {
  const bytes = exportOnnx(artifact, { numericInputs, treeSums });
  const feeds = onnxFeeds(scoring, specs, scoreRows, numericInputs);
  const session = await onnxSession(bytes, { intraOpNumThreads: threads, interOpNumThreads: 1 });
  const p = new Float64Array(scoreRows);
  await runOnnx(session, sliceFeeds(feeds, 0, Math.min(scoreRows, 1024))); // warm-up
  const start = performance.now();
  for (let from = 0; from < scoreRows; from += CHUNK) {
    const to = Math.min(scoreRows, from + CHUNK);
    p.set((await runOnnx(session, sliceFeeds(feeds, from, to))).probability!, from);
  }
  const seconds = (performance.now() - start) / 1000;
  let maxDiff = 0;
  let differ = 0;
  for (let i = 0; i < scoreRows; i++) {
    const d = Math.abs(p[i]! - probability[i]!);
    maxDiff = Math.max(maxDiff, d);
    if (d > 1e-5) differ++;
  }
  return {
    bytes,
    feeds,
    session,
    seconds,
    maxDiff,
    differ,
    label: `${numericInputs} inputs, ${treeSums} sums, ${threads} thread${threads > 1 ? 's' : ''}`,
  };
};
const runs = [
  await ortRun('float', 1, 'double'),
  await ortRun('float', cpus().length, 'double'),
  await ortRun('double', 1, 'double'),
  await ortRun('float', 1, 'float'),
];

// Batch of one: single rows from across the table. The engine two ways: scoreTable as the app
// calls it (it rebuilds the model from the artifact's JSON on every call), and a model already
// loaded (encode the row, walk the trees, as a long-running scorer would).
const pick = (k: number) => (k * 7919) % scoreRows;
const engineSingle: number[] = [];
const loadedSingle: number[] = [];
const ortSingle: number[] = [];
const single = runs[0]!;
for (let k = 0; k < SINGLES; k++) {
  const i = pick(k);
  const one = scoring.map((c) => sliceColumn(c, i, i + 1));
  let s = performance.now();
  scoreTable(artifact, one, 1, 'bench', { factors: 0 });
  engineSingle.push(performance.now() - s);
  s = performance.now();
  model.predict(encodeColumns(one, specs, 1, 'bench'));
  loadedSingle.push(performance.now() - s);
  const f1 = sliceFeeds(single.feeds, i, i + 1);
  s = performance.now();
  await runOnnx(single.session, f1);
  ortSingle.push(performance.now() - s);
}
for (const r of runs) await r.session.release();

const rate = (seconds: number) => scoreRows / seconds;
const line = (label: string, seconds: number) =>
  `${label.padEnd(44)} ${fmt(rate(seconds)).padStart(10)} rows/s (${seconds.toFixed(2)} s)`;
console.log(`ONNX model: ${(single.bytes.length / 1024).toFixed(0)} KiB`);
console.log(line('engine scoreTable (1 thread)', engineSeconds));
console.log(line('engine model.predict on encoded rows', predictSeconds));
for (const r of runs)
  console.log(
    `${line(`onnxruntime-node, ${r.label}`, r.seconds)} — ${(rate(r.seconds) / rate(engineSeconds)).toFixed(2)}× scoreTable; max |Δ| ${r.maxDiff.toExponential(2)}, ${r.differ} rows > 1e-5`,
  );
const us = (xs: number[]) => `${(median(xs) * 1000).toFixed(0)} µs`;
console.log(
  `batch of 1, median of ${SINGLES} calls: engine scoreTable ${us(engineSingle)}, engine with the model loaded ${us(loadedSingle)}, onnxruntime-node (float, ${cpus().length} threads) ${us(ortSingle)}`,
);
