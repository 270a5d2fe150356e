// Trains Sightline's GBDT on the bench data in its own process (so its peak RSS is its own) and
// prints one JSON line: training seconds, holdout AUC, peak RSS.
import { parseParams } from '../core/common/gbdt/params.js';
import { quantConfig } from '../core/common/gbdt/quantize.js';
import { trainParallel } from '../core/node/gbdt/parallel.js';
import { rocAuc } from '../core/common/metrics/index.js';
import { loadBenchData, sliceRows } from './gbdt-data.js';

const [dir, rowsArg, trainArg, paramsJson] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
];
const { data, label, rows } = await loadBenchData(dir, Number(rowsArg));
const nTrain = Number(trainArg);
const trainData = sliceRows(data, 0, nTrain);
const testData = sliceRows(data, nTrain, rows);
const params = JSON.parse(paramsJson) as Record<string, unknown>;
const t0 = performance.now();
// One worker thread per core, as XGBoost uses; the model is byte-identical to single-threaded train.
const model = await trainParallel(trainData, label.subarray(0, nTrain), params);
const seconds = (performance.now() - t0) / 1000;
// What training used: quantised gradients (bins, leaf renewal) or full precision.
const p = parseParams(params);
const q = quantConfig(p, nTrain);
const levelwise =
  q !== null && p.max_depth >= 1 && p.max_depth <= 7 && p.num_leaves >= 2 ** p.max_depth;
const used = q
  ? `quantised gradients (use_quantized_grad=${p.use_quantized_grad}: ${q.bins} bins, quant_train_renew_leaf=${q.renew ? 1 : 0}), ${levelwise ? 'level-wise' : 'leaf-wise'} growth`
  : `full-precision gradients (use_quantized_grad=${p.use_quantized_grad})`;
const auc = rocAuc(label.subarray(nTrain), model.predict(testData));
process.stdout.write(
  `${JSON.stringify({ seconds, auc, maxRssMB: process.resourceUsage().maxRSS / 1024, used })}\n`,
);
