// Input checks shared by the metrics. A wrong-shaped or out-of-domain input throws, naming
// the metric, instead of returning a NaN that an early-stopping loop would compare silently.

/** Row count of a (yTrue, yPred) pair, after checking lengths, finiteness and weights. */
export function checkRows(
  what: string,
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  weights: ArrayLike<number> | undefined,
): number {
  const n = yTrue.length;
  if (yPred.length !== n) {
    throw new RangeError(`${what}: yTrue has ${n} rows but yPred has ${yPred.length}`);
  }
  checkFinite(what, 'yTrue', yTrue);
  checkFinite(what, 'yPred', yPred);
  checkWeights(what, weights, n);
  return n;
}

/** Throws unless there is at least one row and every value is finite. */
export function checkFinite(what: string, label: string, values: ArrayLike<number>): void {
  if (values.length === 0) throw new RangeError(`${what}: ${label} is empty`);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    // v - v is 0 for finite numbers and NaN for NaN and ±Infinity.
    if (v - v !== 0) throw new RangeError(`${what}: ${label}[${i}] is ${v}; values must be finite`);
  }
}

/** Weights, when given: one per row, finite, ≥ 0, not all zero. */
export function checkWeights(what: string, weights: ArrayLike<number> | undefined, n: number) {
  if (weights === undefined) return;
  if (weights.length !== n) {
    throw new RangeError(`${what}: ${n} rows but ${weights.length} weights`);
  }
  let any = false;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!(w >= 0 && w < Infinity)) {
      throw new RangeError(`${what}: weights[${i}] is ${w}; weights must be finite and ≥ 0`);
    }
    if (w > 0) any = true;
  }
  if (!any) throw new RangeError(`${what}: every weight is 0`);
}

/** Binary labels are exactly 0 or 1. */
export function checkBinaryLabels(what: string, yTrue: ArrayLike<number>): void {
  for (let i = 0; i < yTrue.length; i++) {
    const y = yTrue[i];
    if (y !== 0 && y !== 1) {
      throw new RangeError(`${what}: yTrue[${i}] is ${y}; binary labels must be 0 or 1`);
    }
  }
}

/** Probabilities lie in [0, 1]. */
export function checkProbabilities(what: string, p: ArrayLike<number>): void {
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    if (!(v >= 0 && v <= 1)) {
      throw new RangeError(`${what}: yPred[${i}] is ${v}; probabilities must lie in [0, 1]`);
    }
  }
}

/** The binary checks every classification metric starts with; returns the row count. */
export function checkBinary(
  what: string,
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  weights: ArrayLike<number> | undefined,
): number {
  const n = checkRows(what, yTrue, yPred, weights);
  checkBinaryLabels(what, yTrue);
  return n;
}
