// Binary metrics at a decision threshold, all read off one weighted confusion matrix.
// A row is predicted positive when its score is ≥ the threshold, the same rule the curves
// and threshold searches use, so a threshold they return reproduces their numbers here.

import { checkBinary } from './input.js';
import { defineMetric, type MetricFactory, type ParamSpecs } from './metric.js';
import { CompensatedSum } from './sum.js';

/** Weighted counts (row counts when unweighted). */
export interface ConfusionMatrix {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface ConfusionOptions {
  /** Scores ≥ threshold count as positive; 0.5 by default. */
  threshold?: number;
  weights?: ArrayLike<number>;
}

export function confusionMatrix(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  opts: ConfusionOptions = {},
): ConfusionMatrix {
  const { threshold = 0.5, weights } = opts;
  const n = checkBinary('confusionMatrix', yTrue, yPred, weights);
  if (Number.isNaN(threshold)) throw new RangeError('confusionMatrix: threshold is NaN');
  const tp = new CompensatedSum();
  const fp = new CompensatedSum();
  const tn = new CompensatedSum();
  const fn = new CompensatedSum();
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    const positive = yPred[i]! >= threshold;
    if (yTrue[i] === 1) (positive ? tp : fn).add(w);
    else (positive ? fp : tn).add(w);
  }
  return { tp: tp.value, fp: fp.value, tn: tn.value, fn: fn.value };
}

/** a / b, or 0 when b is 0 (scikit-learn's zero_division=0). */
function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

export function accuracyOf({ tp, fp, tn, fn }: ConfusionMatrix): number {
  return (tp + tn) / (tp + fp + tn + fn);
}
export function precisionOf({ tp, fp }: ConfusionMatrix): number {
  return ratio(tp, tp + fp);
}
export function recallOf({ tp, fn }: ConfusionMatrix): number {
  return ratio(tp, tp + fn);
}
export function f1Of({ tp, fp, fn }: ConfusionMatrix): number {
  return ratio(2 * tp, 2 * tp + fp + fn);
}
export function fprOf({ fp, tn }: ConfusionMatrix): number {
  return ratio(fp, fp + tn);
}
export function specificityOf({ fp, tn }: ConfusionMatrix): number {
  return ratio(tn, tn + fp);
}
/** Matthews correlation; 0 when a margin of the matrix is empty, as in scikit-learn. */
export function mccOf({ tp, fp, tn, fn }: ConfusionMatrix): number {
  const den = Math.sqrt(tp + fp) * Math.sqrt(tp + fn) * Math.sqrt(tn + fp) * Math.sqrt(tn + fn);
  return ratio(tp * tn - fp * fn, den);
}

const THRESHOLD: ParamSpecs = {
  threshold: {
    type: 'number',
    default: 0.5,
    description: 'Rows whose predicted probability is ≥ this threshold count as positive.',
  },
};

function atThreshold(
  name: string,
  biggerIsBetter: boolean,
  description: string,
  of: (m: ConfusionMatrix) => number,
): MetricFactory {
  return defineMetric({
    name,
    task: 'binary',
    biggerIsBetter,
    needs: 'probability',
    description,
    params: THRESHOLD,
    evaluate: (yTrue, yPred, { weights }, { threshold }) =>
      of(confusionMatrix(yTrue, yPred, { threshold: threshold!, weights })),
  });
}

export const accuracyMetric = atThreshold(
  'accuracy',
  true,
  'Share of rows classified correctly at the threshold.',
  accuracyOf,
);
export const precisionMetric = atThreshold(
  'precision',
  true,
  'Share of rows flagged positive that are positive (0 when none is flagged).',
  precisionOf,
);
export const recallMetric = atThreshold(
  'recall',
  true,
  'Share of positives that are flagged (true-positive rate, sensitivity).',
  recallOf,
);
export const f1Metric = atThreshold(
  'f1',
  true,
  'Harmonic mean of precision and recall at the threshold.',
  f1Of,
);
export const mccMetric = atThreshold(
  'mcc',
  true,
  'Matthews correlation between flags and labels, from −1 to 1 (0 when undefined).',
  mccOf,
);
export const fprMetric = atThreshold(
  'fpr',
  false,
  'False-positive rate: share of negatives that are flagged.',
  fprOf,
);
export const specificityMetric = atThreshold(
  'specificity',
  true,
  'True-negative rate: share of negatives that are not flagged.',
  specificityOf,
);
