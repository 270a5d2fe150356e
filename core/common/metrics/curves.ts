// Curves and tables for the evaluation screens: ROC, precision–recall, lift and gains.
// Not registry metrics: they return arrays, one point per distinct score, highest first.

import { rankedCounts, rankRows, requireBothClasses } from './ranking.js';
import { CompensatedSum } from './sum.js';

export interface CurveOptions {
  weights?: ArrayLike<number>;
}

export interface RocCurve {
  fpr: Float64Array;
  tpr: Float64Array;
  /** thresholds[0] is +Infinity (nothing flagged); point k flags scores ≥ thresholds[k]. */
  thresholds: Float64Array;
}

/**
 * The ROC curve at every distinct score, ties collapsed into one point; scikit-learn's
 * roc_curve with drop_intermediate=False (whose first threshold is +∞ since 1.3).
 */
export function rocCurve(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  opts: CurveOptions = {},
): RocCurve {
  const counts = rankedCounts('rocCurve', yTrue, yPred, opts.weights);
  requireBothClasses('rocCurve', counts);
  const { thresholds, tp, fp, positives, negatives } = counts;
  const m = thresholds.length;
  const out = {
    fpr: new Float64Array(m + 1),
    tpr: new Float64Array(m + 1),
    thresholds: new Float64Array(m + 1),
  };
  out.thresholds[0] = Infinity;
  for (let k = 0; k < m; k++) {
    out.fpr[k + 1] = fp[k]! / negatives;
    out.tpr[k + 1] = tp[k]! / positives;
    out.thresholds[k + 1] = thresholds[k]!;
  }
  return out;
}

export interface PrCurve {
  precision: Float64Array;
  recall: Float64Array;
  /** thresholds[0] is +Infinity, the conventional point (recall 0, precision 1). */
  thresholds: Float64Array;
}

/**
 * The precision–recall curve at every distinct score: scikit-learn's precision_recall_curve
 * reversed (highest threshold first, like rocCurve), with its end point (recall 0,
 * precision 1) first and given the threshold +Infinity so all three arrays have one length.
 */
export function prCurve(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  opts: CurveOptions = {},
): PrCurve {
  const { thresholds, tp, fp, positives } = rankedCounts('prCurve', yTrue, yPred, opts.weights);
  if (!(positives > 0)) throw new RangeError('prCurve: needs a positive row with weight');
  const m = thresholds.length;
  const out = {
    precision: new Float64Array(m + 1),
    recall: new Float64Array(m + 1),
    thresholds: new Float64Array(m + 1),
  };
  out.precision[0] = 1;
  out.thresholds[0] = Infinity;
  for (let k = 0; k < m; k++) {
    out.precision[k + 1] = tp[k]! / (tp[k]! + fp[k]!);
    out.recall[k + 1] = tp[k]! / positives;
    out.thresholds[k + 1] = thresholds[k]!;
  }
  return out;
}

export interface LiftRow {
  /** 1 for the highest-scoring group. */
  group: number;
  /** Share of the population (by weight) in groups 1 … group: group / groups. */
  cumulativeShare: number;
  /** Highest and lowest score in the group. */
  maxScore: number;
  minScore: number;
  /** Weight in the group (its row count when unweighted; fractional where ties are shared). */
  count: number;
  /** Weight of positives in the group. */
  positives: number;
  /** positives / count. */
  responseRate: number;
  /** responseRate / the overall positive rate. */
  lift: number;
  /** Share of all positives captured by groups 1 … group (the gains curve). */
  gains: number;
  /** gains / cumulativeShare. */
  cumulativeLift: number;
}

export interface LiftOptions {
  /** Number of equal-weight groups; 10 (deciles) by default. */
  groups?: number;
  weights?: ArrayLike<number>;
}

/**
 * Lift and gains by score group, highest scores first. Groups hold exactly equal shares
 * of the total weight: a row (or a run of tied scores) that straddles a boundary is shared
 * between the two groups in proportion, so the table does not depend on row order or on
 * how ties happen to be sorted.
 */
export function liftGains(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  opts: LiftOptions = {},
): LiftRow[] {
  const { groups = 10, weights } = opts;
  if (!Number.isInteger(groups) || groups < 1) {
    throw new RangeError(`liftGains: groups must be a positive integer, got ${groups}`);
  }
  const { scores, signedWeights } = rankRows('liftGains', yTrue, yPred, weights);
  const n = scores.length;
  const total = new CompensatedSum();
  const positives = new CompensatedSum();
  for (let k = 0; k < n; k++) {
    const v = signedWeights[k]!;
    total.add(Math.abs(v));
    if (v > 0) positives.add(v);
  }
  const totalWeight = total.value;
  const totalPos = positives.value;
  if (!(totalPos > 0)) throw new RangeError('liftGains: needs a positive row with weight');
  const count = new Float64Array(groups);
  const pos = new Float64Array(groups);
  const maxScore = new Float64Array(groups).fill(NaN);
  const minScore = new Float64Array(groups).fill(NaN);
  const size = totalWeight / groups;
  let start = 0; // weight ranked above the current run of ties
  let k = 0;
  while (k < n) {
    const score = scores[k]!;
    let w = 0;
    let p = 0;
    for (; k < n && scores[k] === score; k++) {
      const v = signedWeights[k]!;
      w += Math.abs(v);
      if (v > 0) p += v;
    }
    // The run covers [start, start + w) of the ranked weight; share it among the groups it meets.
    const end = start + w;
    // Start one group early: start / size may round up past a boundary the run still touches.
    for (let g = Math.max(0, Math.min(groups, Math.floor(start / size)) - 1); g < groups; g++) {
      const lo = g * size;
      const hi = g === groups - 1 ? Infinity : (g + 1) * size;
      if (lo >= end) break;
      const overlap = Math.min(end, hi) - Math.max(start, lo);
      if (overlap <= 0) continue;
      count[g]! += overlap;
      pos[g]! += (overlap / w) * p;
      if (Number.isNaN(maxScore[g]!)) maxScore[g] = score;
      minScore[g] = score;
    }
    start = end;
  }
  const rate = totalPos / totalWeight;
  const out: LiftRow[] = [];
  let cumPos = 0;
  for (let g = 0; g < groups; g++) {
    cumPos += pos[g]!;
    const share = (g + 1) / groups;
    const gains = cumPos / totalPos;
    const responseRate = count[g]! > 0 ? pos[g]! / count[g]! : 0;
    out.push({
      group: g + 1,
      cumulativeShare: share,
      maxScore: maxScore[g]!,
      minScore: minScore[g]!,
      count: count[g]!,
      positives: pos[g]!,
      responseRate,
      lift: responseRate / rate,
      gains,
      cumulativeLift: gains / share,
    });
  }
  return out;
}
