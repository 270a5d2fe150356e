// Tail probabilities the drift tests need: chi-square (regularized upper incomplete gamma),
// the normal, and the two-sided Kolmogorov distribution as scipy.stats.kstwo.sf computes it.
import { logGamma } from '../clv/special.js';

const EPS = 1e-16;
const TINY = 1e-300;
const MAX_ITER = 100_000;

/**
 * Q(a, x) = Γ(a, x) / Γ(a), the regularized upper incomplete gamma, for a > 0, x ≥ 0.
 * Numerical Recipes' split: below x = a + 1 the series for P (then Q = 1 − P, which cannot
 * lose the digits that matter there, Q being ≳ 0.3), above it the continued fraction for Q
 * by the modified Lentz method, so small tail probabilities keep their relative precision.
 */
export function gammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  const logPrefix = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let i = 0; i < MAX_ITER; i++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) break;
    }
    return Math.max(0, 1 - sum * Math.exp(logPrefix));
  }
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.exp(logPrefix) * h;
}

/** P(χ²_dof > x): scipy.stats.chi2.sf(x, dof). */
export function chiSquareSf(x: number, dof: number): number {
  if (!(dof > 0)) return NaN;
  return x <= 0 ? 1 : gammaQ(dof / 2, x / 2);
}

/** P(|Z| > |z|) for a standard normal Z, as erfc(|z|/√2) = Q(1/2, z²/2). */
export function normalTwoSidedP(z: number): number {
  return Number.isNaN(z) ? NaN : gammaQ(0.5, (z * z) / 2);
}

/**
 * P(D⁺_n ≥ x), the one-sided one-sample statistic (scipy.special.smirnov), by the exact
 * Birnbaum–Tingey sum x Σ_{j ≤ n(1−x)} C(n, j) (1 − x − j/n)^{n−j} (x + j/n)^{j−1}. Every
 * term is positive, so summing them in log space (largest first) is stable for any n.
 */
export function smirnovSf(n: number, x: number): number {
  if (!(x > 0)) return 1;
  if (x >= 1) return 0;
  const jmax = Math.floor(n * (1 - x) + 1e-12);
  const logN1 = logGamma(n + 1);
  const logs = new Float64Array(jmax + 1);
  let top = -Infinity;
  for (let j = 0; j <= jmax; j++) {
    const rest = 1 - x - j / n;
    const logC = logN1 - logGamma(j + 1) - logGamma(n - j + 1);
    const lt =
      logC +
      (n - j === 0 ? 0 : (n - j) * Math.log(Math.max(rest, 0))) +
      (j - 1) * Math.log(x + j / n);
    logs[j] = lt;
    if (lt > top) top = lt;
  }
  if (top === -Infinity) return 0;
  let s = 0;
  for (let j = 0; j <= jmax; j++) s += Math.exp(logs[j]! - top);
  return Math.min(1, x * Math.exp(top) * s);
}

const PI2 = Math.PI * Math.PI;
const PI4 = PI2 * PI2;
const PI6 = PI4 * PI2;
const SQRT2PI = Math.sqrt(2 * Math.PI);
const SQRT3 = Math.sqrt(3);

/**
 * P(D_n ≤ x) by the Pelz–Good (1976) expansion K0 + K1/√n + K2/n + K3/n^1.5, transcribed from
 * scipy.stats._ksstats._kolmogn_PelzGood.
 */
function pelzGoodCdf(n: number, x: number): number {
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const qlog = -PI2 / 8 / z2;
  if (qlog < -745) return 0;
  let q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z4 * z4;
  const maxk = Math.ceil((16 * z) / Math.PI);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const qp = Math.pow(q, 8 * k);
    s0 = s0 * qp + 1;
    s1 = s1 * qp + (k1a + k1b * m2);
    s2 = s2 * qp + (k2a + k2b * m2 + k2c * m4);
    s3 = s3 * qp + (k3a + k3b * m2 + k3c * m4 + k3d * m4 * m2);
  }
  const f = q * SQRT2PI;
  s0 = (s0 * f) / z;
  s1 = (s1 * f) / (6 * z4);
  s2 = (s2 * f) / (72 * z6 * z);
  s3 = (s3 * f) / (6480 * z6 * z4);
  q = Math.exp(-PI2 / 2 / z2);
  let e2 = 0;
  let e3 = 0;
  const sqrt3z = SQRT3 * z;
  for (let k = maxk; k > 0; k--) {
    const k2 = k * k;
    const qk = Math.pow(q, k2);
    e2 += k2 * qk;
    const kpi = Math.PI * k;
    e3 += (sqrt3z + kpi) * (sqrt3z - kpi) * k2 * qk;
  }
  s2 += (e2 * PI2 * SQRT2PI) / (-36 * z2 * z);
  s3 += (e3 * PI2 * SQRT2PI) / (216 * z6);
  const rn = Math.sqrt(n);
  return s0 + s1 / rn + s2 / n + s3 / (n * rn);
}

/**
 * P(D_n ≤ x) exactly, by Durbin's matrix method as Marsaglia, Tsang & Wang (2003) program it:
 * n!/nⁿ · (Hⁿ)[k−1][k−1] for an m × m matrix H, m = 2⌊nx⌋ + 1, powered by squaring with a
 * decimal exponent kept aside. Used for n ≤ 140, where m ≤ 281.
 */
function durbinCdf(n: number, x: number): number {
  const k = Math.floor(n * x) + 1;
  const m = 2 * k - 1;
  const h = k - n * x;
  const H = new Float64Array(m * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) H[i * m + j] = i - j + 1 >= 0 ? 1 : 0;
  for (let i = 0; i < m; i++) {
    H[i * m] = H[i * m]! - Math.pow(h, i + 1);
    H[(m - 1) * m + i] = H[(m - 1) * m + i]! - Math.pow(h, m - i);
  }
  if (2 * h - 1 > 0) H[(m - 1) * m] = H[(m - 1) * m]! + Math.pow(2 * h - 1, m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      for (let g = 1; g <= i - j + 1; g++) H[i * m + j] = H[i * m + j]! / g;
    }
  }
  const { q, e } = matrixPower(H, m, n, k);
  let s = q[(k - 1) * m + k - 1]!;
  let eQ = e;
  for (let i = 1; i <= n; i++) {
    s = (s * i) / n;
    if (s < 1e-140) {
      s *= 1e140;
      eQ -= 140;
    }
  }
  return s * Math.pow(10, eQ);
}

function matrixMultiply(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const c = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let l = 0; l < m; l++) {
      const v = a[i * m + l]!;
      if (v === 0) continue;
      for (let j = 0; j < m; j++) c[i * m + j] = c[i * m + j]! + v * b[l * m + j]!;
    }
  }
  return c;
}

/** Hⁿ as q · 10^e, rescaled whenever the centre element passes 1e140. */
function matrixPower(
  H: Float64Array,
  m: number,
  n: number,
  k: number,
): { q: Float64Array; e: number } {
  if (n === 1) return { q: H, e: 0 };
  const half = matrixPower(H, m, Math.floor(n / 2), k);
  let q = matrixMultiply(half.q, half.q, m);
  let e = 2 * half.e;
  if (n % 2 === 1) q = matrixMultiply(H, q, m);
  const centre = (k - 1) * m + k - 1;
  if (q[centre]! > 1e140) {
    for (let i = 0; i < m * m; i++) q[i] = q[i]! * 1e-140;
    e += 140;
  }
  return { q, e };
}

/**
 * P(D_n > x) for the two-sided one-sample Kolmogorov–Smirnov statistic: scipy.stats.kstwo.sf
 * (Simard & L'Ecuyer 2011 as scipy implements it). One simplification: for n > 140 where
 * scipy uses the Durbin matrix (n ≤ 100000 and n·x^1.5 ≤ 1.4, p-values near 1), this uses
 * the Pelz–Good expansion, within 2e-5 there; and for n ≤ 140 the Durbin matrix replaces
 * Pomeranz's recursion (both are exact). Every other region (the Ruben–Gambino ends,
 * 2·smirnov for n·x² ≥ 2.2, 0 past n·x² ≥ 370) follows scipy's formulas.
 */
export function kolmogorovSf(n: number, x: number): number {
  if (!(Number.isInteger(n) && n > 0)) return NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    // P(D_n ≤ x) = n!/nⁿ (2t − 1)ⁿ here.
    const logCdf = logGamma(n + 1) - n * Math.log(n) + n * Math.log(2 * t - 1);
    return clip(1 - Math.exp(logCdf));
  }
  if (t >= n - 1) return clip(2 * Math.pow(1 - x, n));
  if (x >= 0.5) return clip(2 * smirnovSf(n, x));
  const nx2 = t * x;
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return clip(2 * smirnovSf(n, x));
  return clip(1 - (n <= 140 ? durbinCdf(n, x) : pelzGoodCdf(n, x)));
}

function clip(p: number): number {
  return Math.min(1, Math.max(0, p));
}
