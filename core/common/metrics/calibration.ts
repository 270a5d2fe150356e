// Calibration: how predicted probabilities compare with observed frequencies, as a binned
// table for the reliability diagram and as one number (expected calibration error).

import { checkBinary, checkProbabilities } from './input.js';
import { defineMetric } from './metric.js';
import { CompensatedSum } from './sum.js';

export interface CalibrationBin {
  /** The bin's edges; a bin holds predictions in (lower, upper], the first also lower itself. */
  lower: number;
  upper: number;
  /** Weighted mean prediction and weighted share of positives (NaN if its rows weigh 0). */
  meanPredicted: number;
  fractionPositive: number;
  /** Rows in the bin (whatever their weights). */
  count: number;
  /** Their total weight (equal to count when unweighted). */
  weight: number;
}

export interface CalibrationOptions {
  /** Number of bins; 10 by default. */
  bins?: number;
  /**
   * 'uniform': equal-width bins on [0, 1]; 'quantile': edges at the quantiles of the
   * predictions (numpy's linear interpolation, unweighted), so bins hold similar row counts.
   */
  strategy?: 'uniform' | 'quantile';
  weights?: ArrayLike<number>;
}

/**
 * The reliability table, bins without rows left out; scikit-learn's calibration_curve
 * (same edges, same right-closed bins), with weights and counts added.
 */
export function calibrationBins(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  opts: CalibrationOptions = {},
): CalibrationBin[] {
  const { bins = 10, strategy = 'uniform', weights } = opts;
  const n = checkBinary('calibrationBins', yTrue, yPred, weights);
  checkProbabilities('calibrationBins', yPred);
  if (!Number.isInteger(bins) || bins < 1) {
    throw new RangeError(`calibrationBins: bins must be a positive integer, got ${bins}`);
  }
  const edges = strategy === 'uniform' ? uniformEdges(bins) : quantileEdges(yPred, bins);
  const count = new Float64Array(bins);
  const weight = Array.from({ length: bins }, () => new CompensatedSum());
  const predSum = Array.from({ length: bins }, () => new CompensatedSum());
  const posSum = Array.from({ length: bins }, () => new CompensatedSum());
  for (let i = 0; i < n; i++) {
    const p = yPred[i]!;
    const b = binOf(edges, p);
    const w = weights === undefined ? 1 : weights[i]!;
    count[b]!++;
    weight[b]!.add(w);
    predSum[b]!.add(w * p);
    if (yTrue[i] === 1) posSum[b]!.add(w);
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const w = weight[b]!.value;
    if (count[b] === 0) continue;
    out.push({
      lower: edges[b]!,
      upper: edges[b + 1]!,
      meanPredicted: w > 0 ? predSum[b]!.value / w : NaN,
      fractionPositive: w > 0 ? posSum[b]!.value / w : NaN,
      count: count[b]!,
      weight: w,
    });
  }
  return out;
}

/** 0, 1/B, …, 1. */
function uniformEdges(bins: number): Float64Array {
  const edges = new Float64Array(bins + 1);
  for (let b = 0; b <= bins; b++) edges[b] = b / bins;
  return edges;
}

/** numpy.percentile(p, linspace(0, 100, B + 1)) with the default 'linear' method. */
function quantileEdges(p: ArrayLike<number>, bins: number): Float64Array {
  const sorted = Float64Array.from(p).sort();
  const n = sorted.length;
  const edges = new Float64Array(bins + 1);
  for (let b = 0; b <= bins; b++) {
    const h = ((n - 1) * b) / bins;
    const lo = Math.floor(h);
    const t = h - lo;
    const a = sorted[lo]!;
    const c = sorted[Math.min(lo + 1, n - 1)]!;
    // numpy's _lerp: interpolate from the nearer end, so t = 1 lands exactly on c.
    edges[b] = t >= 0.5 ? c - (c - a) * (1 - t) : a + (c - a) * t;
  }
  return edges;
}

/**
 * The bin of p: the number of inner edges strictly below p (numpy.searchsorted on the
 * inner edges), so a prediction on an edge belongs to the bin below it.
 */
function binOf(edges: Float64Array, p: number): number {
  let lo = 0;
  let hi = edges.length - 2; // inner edges are edges[1 … B−1]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid + 1]! < p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Expected calibration error: Σ_b (weight_b / total) · |mean prediction_b − share positive_b|
 * over the equal-width bins of calibrationBins.
 */
export function expectedCalibrationError(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  weights?: ArrayLike<number>,
  bins = 10,
): number {
  const table = calibrationBins(yTrue, yPred, { bins, strategy: 'uniform', weights });
  const sum = new CompensatedSum();
  const total = new CompensatedSum();
  for (const bin of table) {
    if (bin.weight === 0) continue;
    sum.add(bin.weight * Math.abs(bin.meanPredicted - bin.fractionPositive));
    total.add(bin.weight);
  }
  return sum.value / total.value;
}

export const eceMetric = defineMetric({
  name: 'ece',
  task: 'binary',
  biggerIsBetter: false,
  needs: 'probability',
  description: 'Expected calibration error: weighted gap between predicted and observed rates.',
  params: {
    bins: {
      type: 'integer',
      default: 10,
      min: 1,
      max: 1000,
      description: 'Number of equal-width probability bins on [0, 1].',
    },
  },
  evaluate: (yTrue, yPred, { weights }, { bins }) =>
    expectedCalibrationError(yTrue, yPred, weights, bins),
});
