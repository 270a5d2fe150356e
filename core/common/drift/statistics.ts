// The drift statistics: PSI, two-sample Kolmogorov–Smirnov, Wasserstein-1, Jensen–Shannon,
// chi-square goodness of fit and the missing-rate change. Each is checked against scipy in
// statistics.test.ts.
import { chiSquareSf, kolmogorovSf, normalTwoSidedP } from './distributions.js';

/**
 * Pseudo-count added to every bin (reference and current) before PSI is computed, so an empty
 * bin gives a finite term: p_i = (r_i + 0.5) / (R + 0.5·B). 0.5 is Jeffreys' prior; with
 * 10 bins it moves a 5000-row bin proportion by at most 1e-4.
 */
export const PSI_PSEUDO_COUNT = 0.5;

/**
 * Population stability index Σ (q_i − p_i) · ln(q_i / p_i) over the same bins, where p are the
 * reference and q the current proportions, each smoothed as (count + pseudoCount) /
 * (total + pseudoCount · bins).
 */
export function psi(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
  pseudoCount = PSI_PSEUDO_COUNT,
): number {
  if (reference.length !== current.length) {
    throw new RangeError(`psi: ${reference.length} reference bins, ${current.length} current`);
  }
  const b = reference.length;
  let rTotal = 0;
  let cTotal = 0;
  for (let i = 0; i < b; i++) {
    rTotal += reference[i]!;
    cTotal += current[i]!;
  }
  const rDen = rTotal + pseudoCount * b;
  const cDen = cTotal + pseudoCount * b;
  if (!(rDen > 0 && cDen > 0)) return NaN;
  let s = 0;
  for (let i = 0; i < b; i++) {
    const p = (reference[i]! + pseudoCount) / rDen;
    const q = (current[i]! + pseudoCount) / cDen;
    if (p > 0 && q > 0) s += (q - p) * Math.log(q / p);
    else if (p !== q) return Infinity;
  }
  return s;
}

export interface KsResult {
  statistic: number;
  /** scipy.stats.ks_2samp(a, b, method='asymp').pvalue (see kolmogorovSf for the accuracy). */
  pValue: number;
  n1: number;
  n2: number;
}

/**
 * Two-sample Kolmogorov–Smirnov: D = sup |F_a − F_b| over the pooled values (right-continuous
 * empirical CDFs, ties handled as scipy does) and the two-sided asymptotic p-value
 * kstwo.sf(D, round(n1·n2 / (n1 + n2))). Values must be finite; pass `sorted` when both
 * arrays are already ascending to skip the copies and sorts.
 */
export function ksTwoSample(a: Float64Array, b: Float64Array, sorted = false): KsResult {
  const x = sorted ? a : a.slice().sort();
  const y = sorted ? b : b.slice().sort();
  const n = x.length;
  const m = y.length;
  if (n === 0 || m === 0) return { statistic: NaN, pValue: NaN, n1: n, n2: m };
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const v = Math.min(x[i]!, y[j]!);
    while (i < n && x[i] === v) i++;
    while (j < m && y[j] === v) j++;
    const diff = Math.abs(i / n - j / m);
    if (diff > d) d = diff;
  }
  // Once one sample is used up, |F_a − F_b| only shrinks towards 0.
  const en = (n * m) / (n + m);
  return { statistic: d, pValue: kolmogorovSf(Math.max(1, roundHalfEven(en)), d), n1: n, n2: m };
}

/**
 * Wasserstein-1 distance ∫ |F_a − F_b| dx between the empirical distributions of a and b
 * (scipy.stats.wasserstein_distance). Finite values only; `sorted` as for ksTwoSample.
 */
export function wasserstein1(a: Float64Array, b: Float64Array, sorted = false): number {
  const x = sorted ? a : a.slice().sort();
  const y = sorted ? b : b.slice().sort();
  const n = x.length;
  const m = y.length;
  if (n === 0 || m === 0) return NaN;
  let i = 0;
  let j = 0;
  let prev = Math.min(x[0]!, y[0]!);
  let s = 0;
  while (i < n || j < m) {
    const v = Math.min(i < n ? x[i]! : Infinity, j < m ? y[j]! : Infinity);
    s += Math.abs(i / n - j / m) * (v - prev);
    while (i < n && x[i] === v) i++;
    while (j < m && y[j] === v) j++;
    prev = v;
  }
  return s;
}

/**
 * Jensen–Shannon distance in base 2 (scipy.spatial.distance.jensenshannon(p, q, base=2)):
 * sqrt of the mean KL divergence of p and q from their midpoint, after scaling each to sum 1.
 * In [0, 1]; 1 for disjoint supports.
 */
export function jensenShannon(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) throw new RangeError(`jensenShannon: ${p.length} vs ${q.length}`);
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < p.length; i++) {
    sp += p[i]!;
    sq += q[i]!;
  }
  if (!(sp > 0 && sq > 0)) return NaN;
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i]! / sp;
    const b = q[i]! / sq;
    const mid = (a + b) / 2;
    if (a > 0) s += a * Math.log(a / mid);
    if (b > 0) s += b * Math.log(b / mid);
  }
  return Math.sqrt(Math.max(0, s / 2 / Math.LN2));
}

export interface ChiSquareResult {
  statistic: number;
  pValue: number;
  dof: number;
}

/**
 * Pearson's chi-square goodness of fit Σ (o − e)² / e with k − 1 degrees of freedom
 * (scipy.stats.chisquare(observed, expected)). `expected` should sum to the observed total;
 * a cell with e = 0 and o > 0 gives an infinite statistic and p = 0.
 */
export function chiSquareTest(
  observed: ArrayLike<number>,
  expected: ArrayLike<number>,
): ChiSquareResult {
  if (observed.length !== expected.length) {
    throw new RangeError(`chiSquareTest: ${observed.length} observed, ${expected.length} expected`);
  }
  const dof = observed.length - 1;
  let s = 0;
  for (let i = 0; i < observed.length; i++) {
    const o = observed[i]!;
    const e = expected[i]!;
    if (e > 0) s += ((o - e) * (o - e)) / e;
    else if (o > 0) s = Infinity;
  }
  return { statistic: s, pValue: dof > 0 ? chiSquareSf(s, dof) : NaN, dof };
}

/**
 * Chi-square test of homogeneity of two count vectors over the same categories: the 2 × K
 * table test of scipy.stats.chi2_contingency([reference, current], correction=False), with
 * categories empty in both left out (K counts the rest). Unlike chiSquareTest against
 * reference frequencies it allows for the reference being a sample too, so its false-alarm
 * rate stays at the level when the reference is not much larger than the current data.
 */
export function chiSquareHomogeneity(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
): ChiSquareResult {
  if (reference.length !== current.length) {
    throw new RangeError(`chiSquareHomogeneity: ${reference.length} vs ${current.length} cells`);
  }
  let r = 0;
  let c = 0;
  for (let i = 0; i < reference.length; i++) {
    r += reference[i]!;
    c += current[i]!;
  }
  const total = r + c;
  let s = 0;
  let k = 0;
  for (let i = 0; i < reference.length; i++) {
    const col = reference[i]! + current[i]!;
    if (col === 0) continue;
    k++;
    const er = (r * col) / total;
    const ec = (c * col) / total;
    s += (reference[i]! - er) ** 2 / er + (current[i]! - ec) ** 2 / ec;
  }
  const dof = k - 1;
  if (!(r > 0 && c > 0)) return { statistic: NaN, pValue: NaN, dof };
  return { statistic: s, pValue: dof > 0 ? chiSquareSf(s, dof) : 1, dof };
}

export interface MissingChange {
  reference: number;
  current: number;
  /** current − reference (absolute, in rate units). */
  change: number;
  /** Two-sided p-value of the pooled two-proportion z-test. */
  pValue: number;
}

/** Missing-rate change with a two-proportion z-test (pooled variance). */
export function missingRateChange(
  refMissing: number,
  refRows: number,
  curMissing: number,
  curRows: number,
): MissingChange {
  const r = refRows > 0 ? refMissing / refRows : NaN;
  const c = curRows > 0 ? curMissing / curRows : NaN;
  const pooled = (refMissing + curMissing) / (refRows + curRows);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / refRows + 1 / curRows));
  const pValue = se > 0 ? normalTwoSidedP((c - r) / se) : c === r ? 1 : 0;
  return { reference: r, current: c, change: c - r, pValue };
}

/** numpy's round (half to even), which ks_2samp applies to n1·n2 / (n1 + n2). */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}
