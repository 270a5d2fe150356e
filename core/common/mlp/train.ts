// The training loop: Adam on shuffled mini-batches, validation loss per epoch, early stopping.
import type * as tfjs from '@tensorflow/tfjs';
import { type RawData, rowCount } from '../raw-data.js';
import { Rng } from '../random.js';
import type { DenseLayer } from './forward.js';
import { MlpModel } from './model.js';
import { type MlpParams, parseMlpParams } from './params.js';
import { encodeRows, fitPreprocessing, inputWidth } from './preprocessing.js';
import { createTask, type Task } from './tasks.js';

type Tf = typeof tfjs;

export interface EpochReport {
  /** 0-based. */
  epoch: number;
  /** Mean training loss over the epoch's batches (with dropout), in label units. */
  loss: number;
  /** Loss on the validation rows after the epoch, when there are any. */
  valLoss?: number;
}

export interface LabelledData {
  data: RawData;
  label: Float64Array;
  /** Row weights (default 1); losses are weighted means. */
  weight?: Float64Array;
}

export interface MlpTrainOptions {
  /** Training row weights (default 1), e.g. to rebalance classes. */
  weight?: Float64Array;
  /** Validation rows for early stopping and valLoss; default: validation_fraction of the rows when early stopping is on. */
  valid?: LabelledData;
  /** Called after every epoch; returning false stops training (cancellation). */
  onEpoch?: (report: EpochReport) => boolean | void;
}

/** Rows per TensorFlow call when scoring the validation set. */
const EVAL_CHUNK_ROWS = 16_384;

/*
 * Determinism: every random choice (initial weights, validation split, batch order, dropout
 * masks) comes from the project's Rng, forked by purpose from params.seed, and reaches
 * TensorFlow only as data. TensorFlow's own random ops are never used, so the same data, params
 * and seed give byte-identical weights on the same backend.
 */

/**
 * Trains a multilayer perceptron on `tf`'s current backend. `params` are checked by
 * parseMlpParams. Synchronous, like GBDT training: run it in a worker for a responsive UI.
 */
export function trainMlp(
  tf: Tf,
  data: RawData,
  label: Float64Array,
  params: Readonly<Record<string, unknown>> = {},
  options: MlpTrainOptions = {},
): MlpModel {
  const p = parseMlpParams(params);
  const task = createTask(p.task, p);
  const n = rowCount(data);
  if (label.length !== n) throw new RangeError(`${label.length} labels for ${n} rows`);
  if (n === 0) throw new RangeError('the data has no rows');
  task.checkLabels(label);
  const rng = new Rng(p.seed);

  checkWeights(options.weight, n, 'weights');
  let train: LabelledData = { data, label };
  if (options.weight) train.weight = options.weight;
  let valid = options.valid;
  if (valid) {
    const nv = rowCount(valid.data);
    if (valid.label.length !== nv) {
      throw new RangeError(`validation has ${valid.label.length} labels for ${nv} rows`);
    }
    task.checkLabels(valid.label);
    checkWeights(valid.weight, nv, 'validation weights');
  } else if (p.early_stopping_rounds > 0) {
    [train, valid] = holdOut(train, p.validation_fraction, rng.fork('split'));
  }

  const preprocessing = fitPreprocessing(train.data, p.max_categories);
  const width = inputWidth(preprocessing);
  const { shift, scale } = task.targetScale(train.label);
  const scaled = (y: Float64Array) =>
    shift === 0 && scale === 1 ? y : y.map((v) => (v - shift) / scale);
  const set = (d: LabelledData): EncodedSet => ({
    x: encodeRows(preprocessing, d.data),
    y: scaled(d.label),
    w: d.weight ? meanOne(d.weight) : null,
    n: rowCount(d.data),
  });
  const trainSet = set(train);
  const validSet = valid && set(valid);
  // Losses are reported in label units: MSE on a standardised target times scale².
  const lossUnit = scale * scale;

  const net = new Network(tf, initialLayers(p, width, task, trainSet.y, rng.fork('init')));
  const optimizer = tf.train.adam(p.learning_rate);
  const batchRng = rng.fork('batches');
  const dropRng = rng.fork('dropout');
  let best = { loss: Infinity, epoch: -1, weights: null as DenseLayer[] | null };
  let lastEpoch = -1;
  try {
    for (let epoch = 0; epoch < p.epochs; epoch++) {
      const order = batchRng.shuffle(Array.from({ length: trainSet.n }, (_, i) => i));
      let sum = 0;
      for (let from = 0; from < trainSet.n; from += p.batch_size) {
        const rows = order.slice(from, from + p.batch_size);
        sum += rows.length * net.step(optimizer, task, trainSet, rows, p.dropout, dropRng);
      }
      const report: EpochReport = { epoch, loss: (sum / trainSet.n) * lossUnit };
      if (!Number.isFinite(report.loss)) {
        throw new RangeError(
          `MLP training diverged (loss ${report.loss}) in epoch ${epoch}; try a smaller 'learning_rate'`,
        );
      }
      lastEpoch = epoch;
      let stop = false;
      if (validSet) {
        report.valLoss = net.loss(task, validSet) * lossUnit;
        if (report.valLoss < best.loss) {
          best = {
            loss: report.valLoss,
            epoch,
            weights: p.early_stopping_rounds > 0 ? net.read() : null,
          };
        } else if (p.early_stopping_rounds > 0 && epoch - best.epoch >= p.early_stopping_rounds) {
          stop = true;
        }
      }
      if (options.onEpoch?.(report) === false || stop) break;
    }
    const keepBest = best.weights !== null;
    const layers = keepBest ? best.weights! : net.read();
    unscaleOutput(layers[layers.length - 1]!, shift, scale);
    const info = {
      backend: tf.getBackend(),
      task: task.name,
      preprocessing,
      bestEpoch: keepBest ? best.epoch : lastEpoch,
      params: p,
    };
    return new MlpModel(info, layers);
  } finally {
    net.dispose();
    optimizer.dispose();
  }
}

/** He-uniform weights for ReLU layers, Glorot-uniform for the output; biases zero. */
function initialLayers(
  p: MlpParams,
  inputs: number,
  task: Task,
  y: Float64Array,
  rng: Rng,
): DenseLayer[] {
  const sizes = [...p.hidden_units, task.numOutputs];
  let fanIn = inputs;
  return sizes.map((units, i) => {
    const last = i === sizes.length - 1;
    const limit = last ? Math.sqrt(6 / (fanIn + units)) : Math.sqrt(6 / fanIn);
    const weights = Float32Array.from({ length: fanIn * units }, () => rng.uniform(-limit, limit));
    const bias = last ? Float32Array.from(task.initBias(y)) : new Float32Array(units);
    fanIn = units;
    return { units, activation: last ? task.activation : 'relu', weights, bias };
  });
}

/** Folds the target standardisation into the output layer, so saved weights predict labels. */
function unscaleOutput(layer: DenseLayer, shift: number, scale: number): void {
  if (shift === 0 && scale === 1) return;
  for (let i = 0; i < layer.weights.length; i++) layer.weights[i] = layer.weights[i]! * scale;
  for (let u = 0; u < layer.units; u++) layer.bias[u] = layer.bias[u]! * scale + shift;
}

interface EncodedSet {
  x: Float32Array;
  y: Float64Array;
  /** Row weights scaled to mean 1, so a mean of weighted losses is the weighted mean loss. */
  w: Float32Array | null;
  n: number;
}

function checkWeights(w: Float64Array | undefined, n: number, what: string): void {
  if (!w) return;
  if (w.length !== n) throw new RangeError(`${w.length} ${what} for ${n} rows`);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (!(w[i]! >= 0 && Number.isFinite(w[i]!))) {
      throw new RangeError(`${what}: row ${i} has weight ${w[i]}; weights must be finite and >= 0`);
    }
    sum += w[i]!;
  }
  if (!(sum > 0)) throw new RangeError(`${what} sum to 0`);
}

function meanOne(w: Float64Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < w.length; i++) sum += w[i]!;
  const f = w.length / sum;
  return Float32Array.from(w, (v) => v * f);
}

/** The trainable weights as tf.Variables, and the logits of a batch. */
class Network {
  private readonly vars: { w: tfjs.Variable; b: tfjs.Variable; layer: DenseLayer }[];

  constructor(
    private readonly tf: Tf,
    layers: DenseLayer[],
  ) {
    this.vars = layers.map((layer) => ({
      w: tf.variable(tf.tensor2d(layer.weights, [layer.weights.length / layer.units, layer.units])),
      b: tf.variable(tf.tensor1d(layer.bias)),
      layer,
    }));
  }

  /** Logits [rows, outputs]; hidden activations are multiplied by `masks` (dropout) when given. */
  private logits(x: tfjs.Tensor2D, masks: tfjs.Tensor2D[] | null): tfjs.Tensor2D {
    const tf = this.tf;
    let h = x;
    this.vars.forEach(({ w, b }, i) => {
      // One fused kernel (and gradient) for matMul + bias + ReLU: fewer ops per step.
      const last = i === this.vars.length - 1;
      const activation = last ? 'linear' : 'relu';
      h = tf.fused.matMul({ a: h, b: w as tfjs.Tensor2D, bias: b, activation }) as tfjs.Tensor2D;
      const mask = masks?.[i];
      if (mask) h = tf.mul(h, mask);
    });
    return h;
  }

  /** One Adam step on `rows`; returns the batch's mean loss. */
  step(
    optimizer: tfjs.Optimizer,
    task: Task,
    set: EncodedSet,
    rows: number[],
    dropout: number,
    rng: Rng,
  ): number {
    const tf = this.tf;
    const width = set.x.length / set.n;
    const xb = new Float32Array(rows.length * width);
    rows.forEach((r, i) => xb.set(set.x.subarray(r * width, (r + 1) * width), i * width));
    const target = task.encode(set.y, rows);
    const wb = set.w && Float32Array.from(rows, (r) => set.w![r]!);
    const masks =
      dropout > 0
        ? this.vars
            .slice(0, -1)
            .map(({ layer }) => dropoutMask(rows.length * layer.units, dropout, rng))
        : null;
    return tf.tidy(() => {
      const x = tf.tensor2d(xb, [rows.length, width]);
      const y = tf.tensor2d(target, [rows.length, task.numOutputs]);
      const m = masks?.map((v, i) => tf.tensor2d(v, [rows.length, this.vars[i]!.layer.units]));
      const w = wb && tf.tensor1d(wb);
      const cost = optimizer.minimize(
        () => weightedMean(tf, task.loss(tf, this.logits(x, m ?? null), y), w),
        true,
        this.vars.flatMap((v) => [v.w, v.b]),
      );
      return cost!.dataSync()[0]!;
    });
  }

  /** Mean loss over a whole set, without dropout. */
  loss(task: Task, set: EncodedSet): number {
    const tf = this.tf;
    const width = set.x.length / set.n;
    const all = Array.from({ length: set.n }, (_, i) => i);
    let sum = 0;
    for (let from = 0; from < set.n; from += EVAL_CHUNK_ROWS) {
      const rows = Math.min(EVAL_CHUNK_ROWS, set.n - from);
      const target = task.encode(set.y, all.slice(from, from + rows));
      sum +=
        rows *
        tf.tidy(() => {
          const x = tf.tensor2d(set.x.subarray(from * width, (from + rows) * width), [rows, width]);
          const y = tf.tensor2d(target, [rows, task.numOutputs]);
          const w = set.w && tf.tensor1d(set.w.subarray(from, from + rows));
          return weightedMean(tf, task.loss(tf, this.logits(x, null), y), w).dataSync()[0]!;
        });
    }
    return sum / set.n;
  }

  /** A copy of the current weights. */
  read(): DenseLayer[] {
    return this.vars.map(({ w, b, layer }) => ({
      units: layer.units,
      activation: layer.activation,
      weights: Float32Array.from(w.dataSync()),
      bias: Float32Array.from(b.dataSync()),
    }));
  }

  dispose(): void {
    for (const v of this.vars) this.tf.dispose([v.w, v.b]);
  }
}

/** mean(loss · w), or mean(loss) without weights. */
function weightedMean(tf: Tf, loss: tfjs.Tensor1D, w: tfjs.Tensor1D | null): tfjs.Scalar {
  return tf.mean(w ? tf.mul(loss, w) : loss);
}

/** Inverted dropout: kept units are scaled by 1 / (1 − rate), so prediction needs no change. */
function dropoutMask(length: number, rate: number, rng: Rng): Float32Array {
  const keep = 1 / (1 - rate);
  const m = new Float32Array(length);
  for (let i = 0; i < length; i++) m[i] = rng.next() < rate ? 0 : keep;
  return m;
}

/** Splits off a random `fraction` of the rows (at least one) as the validation set. */
function holdOut(all: LabelledData, fraction: number, rng: Rng): [LabelledData, LabelledData] {
  const n = all.label.length;
  const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
  const nValid = Math.max(1, Math.floor(n * fraction));
  if (nValid >= n) throw new RangeError(`parameter 'validation_fraction' leaves no training rows`);
  const part = (rows: Int32Array): LabelledData => {
    const out: LabelledData = {
      data: selectRows(all.data, rows),
      label: Float64Array.from(rows, (r) => all.label[r]!),
    };
    if (all.weight) out.weight = Float64Array.from(rows, (r) => all.weight![r]!);
    return out;
  };
  return [
    part(Int32Array.from(order.slice(nValid)).sort()),
    part(Int32Array.from(order.slice(0, nValid)).sort()),
  ];
}

function selectRows(data: RawData, rows: Int32Array): RawData {
  const pick = <T extends Float64Array | Int32Array>(col: T): T => {
    const out = new (col.constructor as new (n: number) => T)(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = col[rows[i]!]!;
    return out;
  };
  const out: RawData = { numeric: data.numeric.map(pick), categorical: data.categorical.map(pick) };
  if (data.names) out.names = data.names;
  return out;
}
