// Prediction intervals and value segments for lifetime value from out-of-fold predictions: rows
// are grouped by predicted value into ten bins, and each bin keeps the 10th and 90th percentile
// of the actual spend of its rows. An interval is then what customers predicted alike went on
// to spend — empirically calibrated, whatever the learner.

export interface IntervalBins {
  /** Upper edges of the bins on the prediction (last = +Infinity). */
  edges: number[];
  lower: number[];
  upper: number[];
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (pos - lo) * (sorted[hi]! - sorted[lo]!);
}

export function fitIntervalBins(
  pred: Float64Array,
  actual: Float64Array,
  bins = 10,
  lo = 0.1,
  hi = 0.9,
): IntervalBins {
  const order = Array.from(pred.keys()).sort((a, b) => pred[a]! - pred[b]! || a - b);
  const edges: number[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  for (let b = 0; b < bins; b++) {
    const from = Math.floor((b * order.length) / bins);
    const to = Math.floor(((b + 1) * order.length) / bins);
    if (to <= from) continue;
    const ys = Float64Array.from(order.slice(from, to), (i) => actual[i]!).sort();
    edges.push(b === bins - 1 ? Infinity : pred[order[to - 1]!]!);
    lower.push(quantile(ys, lo));
    upper.push(quantile(ys, hi));
  }
  return { edges, lower, upper };
}

export function intervalFor(b: IntervalBins, p: number): [number, number] {
  let k = 0;
  while (k < b.edges.length - 1 && p > b.edges[k]!) k++;
  return [b.lower[k]!, Math.max(b.upper[k]!, b.lower[k]!)];
}

/** Share of rows whose actual value lies inside its interval. */
export function coverage(b: IntervalBins, pred: Float64Array, actual: Float64Array): number {
  let inside = 0;
  for (let i = 0; i < pred.length; i++) {
    const [l, u] = intervalFor(b, pred[i]!);
    if (actual[i]! >= l && actual[i]! <= u) inside++;
  }
  return pred.length ? inside / pred.length : NaN;
}

export type ValueSegment = 'low' | 'medium' | 'high' | 'top';

/** Segment cut points on predicted value: the 50th, 80th and 95th percentile of training predictions. */
export function segmentCuts(pred: Float64Array): [number, number, number] {
  const s = Float64Array.from(pred).sort();
  return [quantile(s, 0.5), quantile(s, 0.8), quantile(s, 0.95)];
}

export function segmentOf(v: number, cuts: readonly [number, number, number]): ValueSegment {
  if (v >= cuts[2]) return 'top';
  if (v >= cuts[1]) return 'high';
  if (v >= cuts[0]) return 'medium';
  return 'low';
}
