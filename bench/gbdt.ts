// npm run bench:gbdt — Sightline's gradient boosting against XGBoost `hist` (Debian's
// python3-xgboost, threads = cores) on the bench:import data: first 800k rows train, last 200k
// hold out; 100 trees, depth 6, learning rate 0.1, 255 bins; same run.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBenchData } from './gbdt-data.js';

const dir = join(process.cwd(), '.bench');
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const nTrain = Math.round(rows * 0.8);
const trees = 100;
const depth = 6;
const lr = 0.1;
const bins = 255;
// XGBoost's defaults for what LightGBM leaves at zero, so both fit the same kind of trees.
const params = {
  trees,
  learning_rate: lr,
  max_depth: depth,
  num_leaves: 2 ** depth,
  max_bin: bins,
  min_sum_hessian_in_leaf: 1,
  min_data_in_leaf: 1,
  lambda_l2: 1,
  objective: 'binary',
  seed: 42,
};

console.log(
  `bench:gbdt — ${rows.toLocaleString('en-US')} rows × 30 features: train ${nTrain.toLocaleString('en-US')}, hold out ${(rows - nTrain).toLocaleString('en-US')}; ${trees} trees, depth ${depth}, learning rate ${lr}, ${bins} bins; ${cpus().length} cores`,
);

const child = fileURLToPath(new URL('./gbdt-child.js', import.meta.url));
const ours = spawnSync(
  process.execPath,
  [child, dir, String(rows), String(nTrain), JSON.stringify(params)],
  { encoding: 'utf8' },
);
if (ours.status !== 0) throw new Error(`sightline training failed: ${ours.stderr}`);
const s = JSON.parse(ours.stdout) as {
  seconds: number;
  auc: number;
  maxRssMB: number;
  used: string;
};
console.log(
  `sightline gbdt (${cpus().length} threads; ${s.used}): train ${s.seconds.toFixed(2)} s, holdout AUC ${s.auc.toFixed(4)}, peak RSS ${s.maxRssMB.toFixed(0)} MB (including the loaded table)`,
);

const python = '/usr/bin/python3';
const peerOk =
  existsSync(python) && spawnSync(python, ['-c', 'import xgboost, sklearn']).status === 0;
if (!peerOk) {
  console.log(
    'peer: XGBoost is not installed (apt-get install python3-xgboost python3-sklearn); reporting Sightline alone',
  );
} else {
  const { data, label } = await loadBenchData(dir, rows);
  const cols = data.numeric.length + data.categorical.length;
  const xPath = join(dir, `gbdt-${rows}-X.f64`);
  const yPath = join(dir, `gbdt-${rows}-y.u8`);
  if (!existsSync(xPath) || !existsSync(yPath)) {
    const X = new Float64Array(rows * cols);
    const all = [...data.numeric, ...data.categorical];
    for (let j = 0; j < cols; j++) {
      const c = all[j]!;
      for (let i = 0; i < rows; i++)
        X[i * cols + j] = c[i]! < 0 && j >= data.numeric.length ? NaN : c[i]!;
    }
    writeFileSync(xPath, new Uint8Array(X.buffer));
    writeFileSync(yPath, Uint8Array.from(label));
  }
  const catCols = data.categorical.map((_, j) => data.numeric.length + j).join(',');
  const peerScript = fileURLToPath(new URL('../../bench/peers/xgboost_hist.py', import.meta.url));
  const res = spawnSync(
    python,
    [
      peerScript,
      xPath,
      yPath,
      String(cols),
      catCols,
      String(nTrain),
      String(trees),
      String(depth),
      String(lr),
      String(bins),
    ],
    { encoding: 'utf8' },
  );
  if (res.status !== 0) throw new Error(`xgboost failed: ${res.stderr}`);
  const p = JSON.parse(res.stdout.trim().split('\n').pop()!) as {
    seconds: number;
    auc: number;
    threads: number;
    version: string;
  };
  console.log(
    `xgboost ${p.version} hist: train ${p.seconds.toFixed(2)} s (${p.threads} threads), holdout AUC ${p.auc.toFixed(4)}`,
  );
  console.log(
    `ratio sightline / xgboost time = ${(s.seconds / p.seconds).toFixed(2)} (goal ≤ 1.0); AUC difference ${(s.auc - p.auc).toFixed(4)} (goal within 0.002); peak RSS goal ≤ 1 GB`,
  );
}

const mlpRows = Math.min(100_000, nTrain);
const mlp = spawnSync(
  process.execPath,
  [fileURLToPath(new URL('./mlp-child.js', import.meta.url)), dir, String(rows), String(mlpRows)],
  { encoding: 'utf8' },
);
if (mlp.status !== 0) throw new Error(`MLP throughput run failed: ${mlp.stderr}`);
const m = JSON.parse(mlp.stdout) as { backend: string; samplesPerSecond: number };
console.log(
  `mlp (hidden 64-32, batch 256) on the ${m.backend} backend: ${Math.round(m.samplesPerSecond).toLocaleString('en-US')} samples/s per epoch (${mlpRows.toLocaleString('en-US')} rows)`,
);
