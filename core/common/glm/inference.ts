// Standard errors, z statistics and p-values of an unpenalised fit, as analysts read them.
import type { Family } from './families/index.js';
import { cholesky, choleskyInverse, weightedGram } from './linalg.js';

/*
 * Cov(θ) = φ·(X̃ᵀΩX̃)⁻¹ with X̃ the design with its intercept column and Ω the IRLS weights at
 * the solution: the inverse expected (Fisher) information, which for the canonical links
 * (logit, identity, Poisson's log) is also the inverse Hessian of the negative log-likelihood.
 * φ is 1 for binomial and Poisson and otherwise the Pearson estimate Σ wᵢ(yᵢ − μᵢ)²/V(μᵢ) /
 * (n − k), n the rows with positive weight: R's summary.glm and statsmodels' GLM. A penalised
 * fit has no such errors (they would ignore the bias the penalty buys), so none are given.
 */

export interface Inference {
  /** Standard error of the intercept then each design column, on the original scale. */
  standardErrors: Float64Array;
  dispersion: number;
}

/**
 * Standard errors on the original scale. `scale` and `shift` are the de-standardising map of
 * design.ts: original βⱼ = scaleⱼ·βⱼ, original intercept = intercept + Σ shiftⱼ·βⱼ.
 */
export function inference(
  family: Family,
  x: Float64Array[],
  y: Float64Array,
  w: Float64Array,
  eta: Float64Array,
  scale: Float64Array,
  shift: Float64Array,
): Inference | null {
  const n = y.length;
  const k = x.length + 1;
  const omega = new Float64Array(n);
  let pearson = 0;
  let rows = 0;
  for (let i = 0; i < n; i++) {
    if (!(w[i]! > 0)) continue;
    rows++;
    const mu = family.link.mu(eta[i]!);
    const d = family.link.dmuDeta(eta[i]!);
    const v = family.variance(mu);
    omega[i] = (w[i]! * d * d) / v;
    if (!Number.isFinite(omega[i]!)) omega[i] = 0;
    if (v > 0) pearson += (w[i]! * (y[i]! - mu) * (y[i]! - mu)) / v;
  }
  const dispersion = family.fixedDispersion ? 1 : rows > k ? pearson / (rows - k) : NaN;
  const info = weightedGram(x, omega);
  const l = cholesky(info, k);
  if (!l || !Number.isFinite(dispersion)) return null;
  const cov = choleskyInverse(l, k);
  const se = new Float64Array(k);
  // Intercept: variance of tᵀθ with t = (1, shift).
  const t = Float64Array.of(1, ...shift);
  let v0 = 0;
  for (let r = 0; r < k; r++) for (let c = 0; c < k; c++) v0 += t[r]! * cov[r * k + c]! * t[c]!;
  se[0] = Math.sqrt(dispersion * v0);
  for (let j = 1; j < k; j++) se[j] = scale[j - 1]! * Math.sqrt(dispersion * cov[j * k + j]!);
  return { standardErrors: se, dispersion };
}

/**
 * erfc(x) to near double precision: the Maclaurin series of erf below 2 (where 1 − erf loses at
 * most 3 digits of 16), the Laplace continued fraction above.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2) {
    // erf(x) = 2/√π · Σ (−1)ⁿ x^(2n+1) / (n!·(2n+1))
    let term = x;
    let sum = x;
    for (let m = 1; m < 200; m++) {
      term *= (-x * x) / m;
      const add = term / (2 * m + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  if (x > 27) return 0;
  // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated bottom-up.
  let f = x;
  for (let m = 120; m >= 1; m--) f = x + m / 2 / f;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** Two-sided p-value of a standard normal statistic z. */
export function twoSidedP(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}
