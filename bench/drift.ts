// npm run bench:drift — drift of 1,000,000 current rows × 30 features (24 numeric, 6
// categorical) plus predictions against a 200,000-row reference, generated in memory
// (seeded); times buildReference and driftReport and reports the profile size and peak RSS.
import { buildReference, driftReport } from '../core/common/drift/index.js';
import type { RawData } from '../core/common/raw-data.js';
import { Rng } from '../core/common/random.js';

const NUMERIC = 24;
const CATEGORICAL = 6;
const LEVELS = 8;
const refRows = Number(process.env.BENCH_REF_ROWS ?? 200_000);
const curRows = Number(process.env.BENCH_ROWS ?? 1_000_000);

/** Rows of mixed features; `shift` moves the first four numeric features and one mix. */
function generate(
  rows: number,
  seed: number,
  shift: number,
): RawData & { predictions: Float64Array } {
  const rng = new Rng(seed);
  const numeric = Array.from({ length: NUMERIC }, () => new Float64Array(rows));
  const categorical = Array.from({ length: CATEGORICAL }, () => new Int32Array(rows));
  const predictions = new Float64Array(rows);
  for (let j = 0; j < NUMERIC; j++) {
    const col = numeric[j]!;
    const move = j < 4 ? shift : 0;
    for (let i = 0; i < rows; i++) {
      const u = rng.next();
      // Alternate shapes: normal, log-normal, uniform, and a 5 % missing rate on some.
      if (j % 6 === 5 && u < 0.05) col[i] = NaN;
      else if (j % 3 === 0) col[i] = rng.normal(move, 1);
      else if (j % 3 === 1) col[i] = Math.exp(rng.normal(1 + move, 0.5));
      else col[i] = 100 * u + 10 * move;
    }
  }
  for (let j = 0; j < CATEGORICAL; j++) {
    const col = categorical[j]!;
    const skew = j === 0 ? shift : 0;
    for (let i = 0; i < rows; i++) {
      const u = rng.next();
      col[i] = Math.min(LEVELS - 1, Math.floor(LEVELS * u * u * (1 - skew) + LEVELS * u * skew));
    }
  }
  for (let i = 0; i < rows; i++) {
    predictions[i] = 1 / (1 + Math.exp(-(numeric[0]![i]! + 0.5 * numeric[3]![i]!)));
  }
  const names = [
    ...Array.from({ length: NUMERIC }, (_, j) => `num${j}`),
    ...Array.from({ length: CATEGORICAL }, (_, j) => `cat${j}`),
  ];
  return { numeric, categorical, names, predictions };
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
const reference = generate(refRows, 1, 0);
const current = generate(curRows, 2, 0.3);
console.log(
  `bench:drift — reference ${refRows.toLocaleString('en-US')} rows, current ${curRows.toLocaleString('en-US')} rows × ${NUMERIC + CATEGORICAL} features + predictions; data generated, RSS ${mb(process.memoryUsage().rss)}`,
);

let t = performance.now();
const profile = buildReference(reference, { predictions: reference.predictions, seed: 1 });
const buildMs = performance.now() - t;
const json = JSON.stringify(profile);

t = performance.now();
const report = driftReport(profile, current, { predictions: current.predictions });
const reportMs = performance.now() - t;

console.log(
  `buildReference: ${(buildMs / 1000).toFixed(2)} s; profile ${(json.length / 1024).toFixed(0)} KB of JSON`,
);
console.log(`driftReport:    ${(reportMs / 1000).toFixed(2)} s`);
console.log(`total:          ${((buildMs + reportMs) / 1000).toFixed(2)} s`);
console.log(
  `peak RSS:       ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (including the generated data)`,
);
console.log(
  `verdict ${report.verdict}: ${report.dataset.drifting.length} of ${report.features.length} features drift (${report.dataset.drifting.join(', ')}), prediction ${report.prediction?.verdict}`,
);
