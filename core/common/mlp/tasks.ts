// What an MLP predicts: each task gives its output activation, loss and label checks.
import type * as tfjs from '@tensorflow/tfjs';
import type { Activation } from './forward.js';

type Tf = typeof tfjs;

/*
 * The network's last layer is linear ("logits"); a task names the activation applied to it
 * at prediction, and computes its loss from the logits, so cross-entropies use the stable
 * log-sum-exp forms rather than log(sigmoid(·)). One registry table, as for GBDT objectives.
 */
export interface Task {
  name: string;
  numOutputs: number;
  activation: Activation;
  /** Throws, naming the row, on a label the loss cannot take. */
  checkLabels(label: Float64Array): void;
  /** Target standardisation for training (regression); predictions undo it. Identity elsewhere. */
  targetScale(label: Float64Array): { shift: number; scale: number };
  /** The training target of each row, numOutputs values per row (one-hot for multiclass). */
  encode(label: ArrayLike<number>, rows: ArrayLike<number>): Float32Array;
  /** Starting output bias, from the (scaled) training labels, so training starts at the mean. */
  initBias(label: Float64Array): number[];
  /** Loss of each row [rows], from logits [rows, numOutputs] and targets of the same shape. */
  loss(tf: Tf, logits: tfjs.Tensor2D, target: tfjs.Tensor2D): tfjs.Tensor1D;
}

export type TaskFactory = (p: { num_class: number }) => Task;

function checkEach(label: Float64Array, ok: (y: number) => boolean, what: string): void {
  for (let i = 0; i < label.length; i++) {
    if (!ok(label[i]!)) throw new RangeError(`label of row ${i} is ${label[i]}; ${what}`);
  }
}

function mean(label: Float64Array): number {
  let s = 0;
  for (let i = 0; i < label.length; i++) s += label[i]!;
  return label.length > 0 ? s / label.length : 0;
}

function gather(label: ArrayLike<number>, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = label[rows[i]!]!;
  return out;
}

const identity = () => ({ shift: 0, scale: 1 });

const binary: TaskFactory = () => ({
  name: 'binary',
  numOutputs: 1,
  activation: 'sigmoid',
  checkLabels: (label) => checkEach(label, (y) => y === 0 || y === 1, 'binary labels are 0 or 1'),
  targetScale: identity,
  encode: gather,
  initBias: (label) => {
    const p = Math.min(Math.max(mean(label), 1e-6), 1 - 1e-6);
    return [Math.log(p / (1 - p))];
  },
  loss: (tf, logits, target) =>
    tf.sum(tf.losses.sigmoidCrossEntropy(target, logits, undefined, 0, tf.Reduction.NONE), 1),
});

const multiclass: TaskFactory = ({ num_class: k }) => ({
  name: 'multiclass',
  numOutputs: k,
  activation: 'softmax',
  checkLabels: (label) =>
    checkEach(
      label,
      (y) => Number.isInteger(y) && y >= 0 && y < k,
      `multiclass labels are integers 0 … ${k - 1} (parameter 'num_class' = ${k})`,
    ),
  targetScale: identity,
  encode: (label, rows) => {
    const out = new Float32Array(rows.length * k);
    for (let i = 0; i < rows.length; i++) out[i * k + label[rows[i]!]!] = 1;
    return out;
  },
  initBias: (label) => {
    const counts = new Float64Array(k);
    for (let i = 0; i < label.length; i++) counts[label[i]!]!++;
    return Array.from(counts, (c) => Math.log(Math.max(c / Math.max(label.length, 1), 1e-6)));
  },
  loss: (tf, logits, target) =>
    tf.losses.softmaxCrossEntropy(target, logits, undefined, 0, tf.Reduction.NONE) as tfjs.Tensor1D,
});

const regression: TaskFactory = () => ({
  name: 'regression',
  numOutputs: 1,
  activation: 'linear',
  checkLabels: (label) => checkEach(label, Number.isFinite, 'regression labels must be finite'),
  targetScale: (label) => {
    const m = mean(label);
    let ss = 0;
    for (let i = 0; i < label.length; i++) ss += (label[i]! - m) ** 2;
    const sd = Math.sqrt(ss / Math.max(label.length, 1));
    return { shift: m, scale: sd > 0 ? sd : 1 };
  },
  encode: gather,
  initBias: () => [0],
  loss: (tf, logits, target) => tf.sum(tf.squaredDifference(target, logits), 1),
});

/** Counts with a log link: the loss is the Poisson deviance up to terms without the model. */
const poisson: TaskFactory = () => ({
  name: 'poisson',
  numOutputs: 1,
  activation: 'exp',
  checkLabels: (label) =>
    checkEach(label, (y) => Number.isFinite(y) && y >= 0, 'poisson labels must be >= 0'),
  targetScale: identity,
  encode: gather,
  initBias: (label) => [Math.log(Math.max(mean(label), 1e-6))],
  loss: (tf, logits, target) => tf.sum(tf.sub(tf.exp(logits), tf.mul(target, logits)), 1),
});

export const TASKS: Record<string, TaskFactory> = { binary, multiclass, regression, poisson };

/** The task named `name`; an unknown name throws and lists the valid ones. */
export function createTask(name: string, p: { num_class: number }): Task {
  const factory = Object.hasOwn(TASKS, name) ? TASKS[name] : undefined;
  if (!factory) {
    throw new RangeError(`unknown MLP task '${name}'; valid: ${Object.keys(TASKS).join(', ')}`);
  }
  return factory(p);
}
