// MLP training throughput on the bench data (first ROWS rows): samples per second per epoch on
// the TensorFlow.js backend found at run time. One JSON line out.
import { trainMlp } from '../core/common/mlp/index.js';
import { initTensorflow } from '../core/node/tf/backend.js';
import { loadBenchData, sliceRows } from './gbdt-data.js';

const [dir, rowsArg, sampleArg] = process.argv.slice(2) as [string, string, string];
const { data, label } = await loadBenchData(dir, Number(rowsArg));
const n = Number(sampleArg);
const { tf, backend } = await initTensorflow();
const epochTimes: number[] = [];
let last = performance.now();
trainMlp(
  tf,
  sliceRows(data, 0, n),
  label.subarray(0, n),
  { task: 'binary', hidden_units: [64, 32], batch_size: 256, epochs: 3, seed: 1 },
  {
    onEpoch: () => {
      const t = performance.now();
      epochTimes.push((t - last) / 1000);
      last = t;
    },
  },
);
// The first epoch includes encoding and warm-up; the steady state is the later epochs.
const steady = epochTimes.slice(1);
const perEpoch = steady.reduce((a, b) => a + b, 0) / steady.length;
process.stdout.write(
  `${JSON.stringify({ backend, rows: n, samplesPerSecond: n / perEpoch, epochSeconds: epochTimes })}\n`,
);
