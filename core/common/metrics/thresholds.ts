// Choosing a decision threshold from validation scores: best F1, lowest cost, or the lowest
// false-positive rate that still reaches a recall target. Every candidate is a distinct
// score t with the rule "flag scores ≥ t" (as in confusionMatrix), plus +Infinity for
// "flag nothing" where that can win.

import { rankedCounts, requireBothClasses } from './ranking.js';

export interface ThresholdOptions {
  weights?: ArrayLike<number>;
}

export interface MaxF1Threshold {
  threshold: number;
  f1: number;
  precision: number;
  recall: number;
}

/** The threshold of highest F1; on a tie, the highest such threshold (fewest flags). */
export function thresholdForMaxF1(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  opts: ThresholdOptions = {},
): MaxF1Threshold {
  const { thresholds, tp, fp, positives } = rankedCounts(
    'thresholdForMaxF1',
    yTrue,
    yPred,
    opts.weights,
  );
  if (!(positives > 0)) throw new RangeError('thresholdForMaxF1: needs a positive row with weight');
  let best = 0;
  let bestF1 = -1;
  for (let k = 0; k < thresholds.length; k++) {
    // F1 = 2·tp / (2·tp + fp + fn) with fn = positives − tp.
    const f1 = (2 * tp[k]!) / (tp[k]! + fp[k]! + positives);
    if (f1 > bestF1) {
      bestF1 = f1;
      best = k;
    }
  }
  return {
    threshold: thresholds[best]!,
    f1: bestF1,
    precision: tp[best]! / (tp[best]! + fp[best]!),
    recall: tp[best]! / positives,
  };
}

export interface Costs {
  /** Cost of flagging a negative row (e.g. a retention offer to a customer who stays). */
  falsePositive: number;
  /** Cost of missing a positive row (e.g. the value of a customer lost). */
  falseNegative: number;
}

export interface CostThreshold {
  /** +Infinity when flagging nothing is cheapest. */
  threshold: number;
  /** Total weighted cost fp·falsePositive + fn·falseNegative at the threshold. */
  cost: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** The threshold of lowest total cost; on a tie, the highest such threshold. */
export function thresholdForCosts(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  costs: Costs,
  opts: ThresholdOptions = {},
): CostThreshold {
  const { falsePositive: cFp, falseNegative: cFn } = costs;
  for (const [name, c] of [
    ['falsePositive', cFp],
    ['falseNegative', cFn],
  ] as const) {
    if (!(c >= 0 && c < Infinity)) {
      throw new RangeError(`thresholdForCosts: cost ${name} must be finite and ≥ 0, got ${c}`);
    }
  }
  const { thresholds, tp, fp, positives, negatives } = rankedCounts(
    'thresholdForCosts',
    yTrue,
    yPred,
    opts.weights,
  );
  // k = −1 stands for +Infinity: nothing flagged, every positive missed.
  let best = -1;
  let bestCost = positives * cFn;
  for (let k = 0; k < thresholds.length; k++) {
    const cost = fp[k]! * cFp + (positives - tp[k]!) * cFn;
    if (cost < bestCost) {
      bestCost = cost;
      best = k;
    }
  }
  const t = best < 0 ? 0 : tp[best]!;
  const f = best < 0 ? 0 : fp[best]!;
  return {
    threshold: best < 0 ? Infinity : thresholds[best]!,
    cost: bestCost,
    tp: t,
    fp: f,
    tn: negatives - f,
    fn: positives - t,
  };
}

export interface RecallThreshold {
  threshold: number;
  recall: number;
  fpr: number;
  precision: number;
}

/**
 * The highest threshold whose recall is ≥ minRecall. Recall and false-positive rate both
 * only grow as the threshold falls, so this is also the one of lowest FPR reaching the
 * target. minRecall = 0 returns +Infinity (nothing flagged; precision then reads 1).
 */
export function thresholdForRecall(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  minRecall: number,
  opts: ThresholdOptions = {},
): RecallThreshold {
  if (!(minRecall >= 0 && minRecall <= 1)) {
    throw new RangeError(`thresholdForRecall: minRecall must lie in [0, 1], got ${minRecall}`);
  }
  const counts = rankedCounts('thresholdForRecall', yTrue, yPred, opts.weights);
  requireBothClasses('thresholdForRecall', counts);
  const { thresholds, tp, fp, positives, negatives } = counts;
  if (minRecall === 0) return { threshold: Infinity, recall: 0, fpr: 0, precision: 1 };
  // The last point has recall exactly 1 (tp[m−1] is positives), so the search always ends.
  let k = 0;
  while (k < thresholds.length - 1 && tp[k]! / positives < minRecall) k++;
  return {
    threshold: thresholds[k]!,
    recall: tp[k]! / positives,
    fpr: fp[k]! / negatives,
    precision: tp[k]! / (tp[k]! + fp[k]!),
  };
}
