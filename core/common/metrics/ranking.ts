// Weighted true- and false-positive counts at every distinct score, highest score first:
// the shared table behind AUC, average precision, the ROC and PR curves and the threshold
// searches (scikit-learn's _binary_clf_curve).

import { checkBinary } from './input.js';
import { sortDescending } from './order.js';

export interface RankedCounts {
  /** The distinct scores, descending; "positive" at thresholds[k] means score ≥ thresholds[k]. */
  thresholds: Float64Array;
  /** Weight of positives scoring ≥ thresholds[k] (cumulative, compensated). */
  tp: Float64Array;
  /** Weight of negatives scoring ≥ thresholds[k]. */
  fp: Float64Array;
  /** Total weight of positives and of negatives. */
  positives: number;
  negatives: number;
}

export interface RankedRows {
  /** Scores of the rows with weight, highest first. */
  scores: Float64Array;
  /** Each sorted row's weight, negated for a negative row: one array, read in order. */
  signedWeights: Float64Array;
}

/**
 * The rows with weight sorted by score, highest first, after the binary input checks.
 * Rows of weight 0 are left out, as scikit-learn does: a score held only by weightless
 * rows would otherwise add a threshold at which nothing changes.
 */
export function rankRows(
  what: string,
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  weights: ArrayLike<number> | undefined,
): RankedRows {
  const n = checkBinary(what, yTrue, yPred, weights);
  const scores = new Float64Array(n);
  const signed = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    if (w === 0) continue;
    scores[m] = yPred[i]!;
    signed[m] = yTrue[i] === 1 ? w : -w;
    m++;
  }
  const out = { scores: scores.subarray(0, m), signedWeights: signed.subarray(0, m) };
  sortDescending(out.scores, out.signedWeights);
  return out;
}

export function rankedCounts(
  what: string,
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  weights: ArrayLike<number> | undefined,
): RankedCounts {
  const { scores: keys, signedWeights: signed } = rankRows(what, yTrue, yPred, weights);
  const m = keys.length;
  const thresholds = new Float64Array(m);
  const tp = new Float64Array(m);
  const fp = new Float64Array(m);
  // Running sums with Neumaier compensation (inlined: this loop is the hot one).
  let tpS = 0;
  let tpC = 0;
  let fpS = 0;
  let fpC = 0;
  let groups = 0;
  let k = 0;
  while (k < m) {
    const score = keys[k]!;
    // One tied group: every row with this score.
    for (; k < m && keys[k] === score; k++) {
      const v = signed[k]!;
      if (v > 0) {
        const t = tpS + v;
        tpC += Math.abs(tpS) >= v ? tpS - t + v : v - t + tpS;
        tpS = t;
      } else {
        const t = fpS - v;
        fpC += Math.abs(fpS) >= -v ? fpS - t - v : -v - t + fpS;
        fpS = t;
      }
    }
    thresholds[groups] = score;
    tp[groups] = tpS + tpC;
    fp[groups] = fpS + fpC;
    groups++;
  }
  return {
    thresholds: thresholds.subarray(0, groups),
    tp: tp.subarray(0, groups),
    fp: fp.subarray(0, groups),
    positives: groups > 0 ? tp[groups - 1]! : 0,
    negatives: groups > 0 ? fp[groups - 1]! : 0,
  };
}

/** Throws unless both classes carry weight (AUC, curves and recall-based searches need both). */
export function requireBothClasses(what: string, counts: RankedCounts): void {
  if (!(counts.positives > 0) || !(counts.negatives > 0)) {
    const missing = counts.positives > 0 ? 'negative' : 'positive';
    throw new RangeError(`${what}: needs both classes, but no ${missing} row has weight`);
  }
}
