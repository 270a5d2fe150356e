// Single-thread GBDT training microbenchmark on the bench:gbdt matrix (written by npm run
// bench:gbdt to .bench/), for quick A/B runs: npx tsx bench/gbdt-micro.ts [rows] [trees] [threads].
// GBDT_ROOT=<dir containing core/> runs another copy of the engine (e.g. a saved baseline);
// GBDT_PARAMS='{"use_quantized_grad":0}' overrides parameters.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rocAuc } from '../core/common/metrics/index.js';
import type { RawData } from '../core/common/gbdt/index.js';

const rows = Number(process.argv[2] ?? 300_000);
const trees = Number(process.argv[3] ?? 20);
const threads = Number(process.argv[4] ?? 1);
const dir = join(process.cwd(), '.bench');
const cols = 30;
const numNumeric = 28;
const X = new Float64Array(readFileSync(join(dir, 'gbdt-1000000-X.f64')).buffer);
const Y = readFileSync(join(dir, 'gbdt-1000000-y.u8'));
const total = Y.length;

function slice(from: number, to: number): { data: RawData; y: Float64Array } {
  const n = to - from;
  const numeric = Array.from({ length: numNumeric }, () => new Float64Array(n));
  const categorical = Array.from({ length: cols - numNumeric }, () => new Int32Array(n));
  for (let i = 0; i < n; i++) {
    const o = (from + i) * cols;
    for (let j = 0; j < numNumeric; j++) numeric[j]![i] = X[o + j]!;
    for (let j = numNumeric; j < cols; j++) {
      const v = X[o + j]!;
      categorical[j - numNumeric]![i] = Number.isNaN(v) ? -1 : v;
    }
  }
  return { data: { numeric, categorical }, y: Float64Array.from(Y.subarray(from, to)) };
}

const root = resolve(process.env.GBDT_ROOT ?? process.cwd());
const booster = (await import(pathToFileURL(join(root, 'core/common/gbdt/booster.ts')).href)) as {
  train: (d: RawData, y: Float64Array, p: Record<string, unknown>) => GbdtLike;
};
const parallel = (await import(pathToFileURL(join(root, 'core/node/gbdt/parallel.ts')).href)) as {
  trainParallel: (
    d: RawData,
    y: Float64Array,
    p: Record<string, unknown>,
    o: object,
    q: { threads: number },
  ) => Promise<GbdtLike>;
};
interface GbdtLike {
  predict(d: RawData): Float64Array;
}

const trainSet = slice(0, rows);
const test = slice(total - 200_000, total);
const params = {
  trees,
  learning_rate: 0.1,
  max_depth: 6,
  num_leaves: 64,
  max_bin: 255,
  min_sum_hessian_in_leaf: 1,
  min_data_in_leaf: 1,
  lambda_l2: 1,
  objective: 'binary',
  seed: 42,
  ...(JSON.parse(process.env.GBDT_PARAMS ?? '{}') as Record<string, unknown>),
};
const t0 = performance.now();
const c0 = process.cpuUsage();
const model =
  threads > 1
    ? await parallel.trainParallel(trainSet.data, trainSet.y, params, {}, { threads })
    : booster.train(trainSet.data, trainSet.y, params);
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(c0);
const auc = rocAuc(test.y, model.predict(test.data));
let hash = 0;
for (const c of JSON.stringify(model)) hash = (Math.imul(hash, 31) + c.charCodeAt(0)) | 0;
console.log(
  JSON.stringify({
    root,
    params: process.env.GBDT_PARAMS ?? '',
    rows,
    trees,
    threads,
    seconds: +seconds.toFixed(3),
    cpu: +((cpu.user + cpu.system) / 1e6).toFixed(3),
    auc,
    hash,
  }),
);
