// Ranking metrics: area under the ROC curve and average precision (area under the PR curve).

import { defineMetric } from './metric.js';
import { rankedCounts, requireBothClasses, type RankedCounts } from './ranking.js';
import { CompensatedSum } from './sum.js';

/**
 * ROC AUC: the chance that a random positive outscores a random negative, ties counting
 * one half. Computed as the trapezoid over tied groups, so it equals the average-rank
 * (Mann–Whitney) value exactly; weighted pairs count wᵢ·wⱼ.
 */
export function rocAuc(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  weights?: ArrayLike<number>,
): number {
  const counts = rankedCounts('auc', yTrue, yPred, weights);
  requireBothClasses('auc', counts);
  return aucOf(counts);
}

export function aucOf({ tp, fp, positives, negatives }: RankedCounts): number {
  // Σ over groups of Δfp · (tp before + tp after) / 2: pairs ranked right count 1, tied 1/2.
  const area = new CompensatedSum();
  let prevTp = 0;
  let prevFp = 0;
  for (let k = 0; k < tp.length; k++) {
    const t = tp[k]!;
    const f = fp[k]!;
    if (f !== prevFp) area.add((f - prevFp) * (prevTp + t));
    prevTp = t;
    prevFp = f;
  }
  return area.value / 2 / (positives * negatives);
}

/**
 * Average precision as scikit-learn defines it: Σₖ (Rₖ − Rₖ₋₁)·Pₖ over the distinct
 * thresholds, highest first, without interpolation.
 */
export function averagePrecision(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  weights?: ArrayLike<number>,
): number {
  const counts = rankedCounts('pr_auc', yTrue, yPred, weights);
  const { tp, fp, positives } = counts;
  if (!(positives > 0)) throw new RangeError('pr_auc: needs a positive row with weight');
  const sum = new CompensatedSum();
  let prevTp = 0;
  for (let k = 0; k < tp.length; k++) {
    const t = tp[k]!;
    if (t !== prevTp) sum.add(((t - prevTp) * t) / (t + fp[k]!));
    prevTp = t;
  }
  return sum.value / positives;
}

export const aucMetric = defineMetric({
  name: 'auc',
  task: 'binary',
  biggerIsBetter: true,
  needs: 'score',
  description: 'Area under the ROC curve: how well scores rank positives above negatives.',
  evaluate: (yTrue, yPred, { weights }) => rocAuc(yTrue, yPred, weights),
});

export const prAucMetric = defineMetric({
  name: 'pr_auc',
  task: 'binary',
  biggerIsBetter: true,
  needs: 'score',
  description: 'Average precision: precision averaged over the recall gained at each threshold.',
  evaluate: (yTrue, yPred, { weights }) => averagePrecision(yTrue, yPred, weights),
});
