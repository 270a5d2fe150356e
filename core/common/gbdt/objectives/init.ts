// Starting margins shared by several objectives.

/** The weighted q-quantile of y (lower quantile: the smallest v with weight(y ≤ v) ≥ q·total). */
export function weightedQuantile(y: Float64Array, q: number, w?: Float64Array): number {
  const n = y.length;
  if (n === 0) return 0;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => y[a]! - y[b]! || a - b);
  let total = 0;
  for (let i = 0; i < n; i++) total += w ? w[i]! : 1;
  const target = q * total;
  let acc = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    acc += w ? w[i]! : 1;
    if (acc >= target) return y[i]!;
  }
  return y[order[n - 1]!]!;
}

/** log of the weighted mean of y, for log-link objectives (the mean is floored above zero). */
export function logMean(y: Float64Array, w?: Float64Array): number {
  let sum = 0;
  let sumW = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w ? w[i]! : 1;
    sum += wi * y[i]!;
    sumW += wi;
  }
  const mean = sumW > 0 ? sum / sumW : 1;
  return Math.log(Math.max(mean, 1e-12));
}

/** The weighted q-quantile of the residuals y − score over `rows`: a leaf value for L1 / quantile. */
export function residualQuantile(
  y: Float64Array,
  score: Float64Array,
  rows: Uint32Array,
  q: number,
  w?: Float64Array,
): number {
  const res = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) res[k] = y[rows[k]!]! - score[rows[k]!]!;
  return weightedQuantile(res, q, w && Float64Array.from(rows, (r) => w[r]!));
}
