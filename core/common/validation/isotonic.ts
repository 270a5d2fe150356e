// Isotonic calibration: the non-decreasing step function of the score that best fits the labels
// in weighted least squares (pool-adjacent-violators), predicted by linear interpolation between
// its points and clipped outside them — scikit-learn's IsotonicRegression(out_of_bounds='clip').

export interface IsotonicCalibration {
  kind: 'isotonic';
  /** Increasing scores and the calibrated value at each. */
  x: number[];
  y: number[];
}

export function fitIsotonic(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  weights?: ArrayLike<number>,
): IsotonicCalibration {
  const n = scores.length;
  if (n === 0) throw new RangeError('isotonic calibration needs data');
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => scores[i]! - scores[j]! || i - j,
  );
  // Equal scores become one point with their weighted mean label.
  const xs: number[] = [];
  const ys: number[] = [];
  const ws: number[] = [];
  for (const i of order) {
    const w = weights ? weights[i]! : 1;
    if (w <= 0) continue;
    const x = scores[i]!;
    const last = xs.length - 1;
    if (last >= 0 && xs[last] === x) {
      ys[last] = (ys[last]! * ws[last]! + labels[i]! * w) / (ws[last]! + w);
      ws[last]! += w;
    } else {
      xs.push(x);
      ys.push(labels[i]!);
      ws.push(w);
    }
  }
  // Pool adjacent violators over blocks [start, end).
  const val: number[] = [];
  const wt: number[] = [];
  const start: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    val.push(ys[i]!);
    wt.push(ws[i]!);
    start.push(i);
    while (val.length > 1 && val[val.length - 2]! >= val[val.length - 1]!) {
      const v2 = val.pop()!;
      const w2 = wt.pop()!;
      start.pop();
      const k = val.length - 1;
      val[k] = (val[k]! * wt[k]! + v2 * w2) / (wt[k]! + w2);
      wt[k]! += w2;
    }
  }
  // Keep each block's first and last point: interpolation between them is flat, as it should be.
  const x: number[] = [];
  const y: number[] = [];
  for (let b = 0; b < val.length; b++) {
    const first = start[b]!;
    const last = (b + 1 < start.length ? start[b + 1]! : xs.length) - 1;
    x.push(xs[first]!);
    y.push(val[b]!);
    if (last !== first) {
      x.push(xs[last]!);
      y.push(val[b]!);
    }
  }
  return { kind: 'isotonic', x, y };
}

export function applyIsotonic(c: IsotonicCalibration, score: number): number {
  const { x, y } = c;
  const n = x.length;
  if (score <= x[0]!) return y[0]!;
  if (score >= x[n - 1]!) return y[n - 1]!;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid]! <= score) lo = mid;
    else hi = mid;
  }
  const t = (score - x[lo]!) / (x[hi]! - x[lo]!);
  return y[lo]! + t * (y[hi]! - y[lo]!);
}
