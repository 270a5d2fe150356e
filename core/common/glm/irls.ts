// The fit: IRLS (Newton's method on the deviance) for ridge or no penalty, coordinate descent
// on the same quadratic approximation for the elastic net.
import type { Family } from './families/index.js';
import { cholesky, choleskySolve, weightedGram } from './linalg.js';

/*
 * Objective (see params.ts): Σ wᵢ·d(yᵢ, μᵢ) / (2·W) + λ₁‖β‖₁ + λ₂/2·‖β‖₂², W = Σ wᵢ,
 * λ₁ = alpha·l1_ratio, λ₂ = alpha·(1 − l1_ratio). Each iteration replaces the deviance term by
 * its second-order Taylor expansion at the current η — weights ωᵢ = wᵢ·hᵢ, hᵢ the curvature of
 * dᵢ/2 in η, and working response zᵢ = ηᵢ + (yᵢ − μᵢ)·(dμ/dη)/(V(μᵢ)·hᵢ), the classic IRLS on a
 * canonical link (hᵢ = (dμ/dη)²/V) — and minimises (1/2W)·Σ ωᵢ(zᵢ − ηᵢ)² plus the penalty: in
 * closed form (Cholesky) when λ₁ = 0, by cyclic coordinate descent otherwise (glmnet). A step
 * that raises the objective is halved until it does not. Convergence: the objective changes by
 * less than tol·(|objective| + 0.1) (R's glm.fit test, on the penalised objective).
 */

export interface GlmProblem {
  /** Design columns (standardised), without the intercept. */
  x: Float64Array[];
  y: Float64Array;
  /** Row weights, ≥ 0. */
  w: Float64Array;
  family: Family;
  l1: number;
  l2: number;
  maxIter: number;
  tol: number;
}

export interface GlmSolution {
  intercept: number;
  beta: Float64Array;
  iterations: number;
  converged: boolean;
  /** Σ wᵢ·d(yᵢ, μᵢ) at the solution. */
  deviance: number;
}

/** Most halvings of one step before the fit stops where it is. */
const MAX_HALVINGS = 40;
/** Coordinate descent stops when no weighted squared coefficient change exceeds this. */
const CD_TOL = 1e-18;
const CD_MAX_SWEEPS = 100_000;

export function linearPredictor(
  x: Float64Array[],
  intercept: number,
  beta: ArrayLike<number>,
  out: Float64Array,
): Float64Array {
  out.fill(intercept);
  x.forEach((col, j) => {
    const b = beta[j]!;
    if (b !== 0) for (let i = 0; i < out.length; i++) out[i]! += b * col[i]!;
  });
  return out;
}

/** Σ wᵢ·d(yᵢ, μᵢ) for linear predictor η; NaN or Infinity when η leaves the family's domain. */
export function totalDeviance(family: Family, y: Float64Array, w: Float64Array, eta: Float64Array) {
  let dev = 0;
  for (let i = 0; i < y.length; i++) {
    if (w[i]! > 0) dev += w[i]! * family.deviance(y[i]!, family.link.mu(eta[i]!));
  }
  return dev;
}

function penalty(p: GlmProblem, beta: Float64Array): number {
  let a = 0;
  let b = 0;
  for (const v of beta) {
    a += Math.abs(v);
    b += v * v;
  }
  return p.l1 * a + (p.l2 / 2) * b;
}

/**
 * Working weights ω (the observed curvature: a full Newton step, quadratic convergence on
 * non-canonical links too) and working response z at η.
 */
function working(p: GlmProblem, eta: Float64Array, omega: Float64Array, z: Float64Array): void {
  const { family, y, w } = p;
  for (let i = 0; i < y.length; i++) {
    const e = eta[i]!;
    const mu = family.link.mu(e);
    const g = family.link.dmuDeta(e) / family.variance(mu);
    let h = family.curvature(y[i]!, mu);
    // Fisher's weight where the observed one is no use (it is ≥ 0 for every built-in family).
    if (!(h > 0 && Number.isFinite(h))) h = family.link.dmuDeta(e) * g;
    const om = w[i]! * h;
    // A row whose mean sits on the boundary (p = 0 or 1 in floating point) carries no curvature.
    omega[i] = om > 0 && Number.isFinite(om) ? om : 0;
    z[i] = omega[i]! > 0 ? e + ((y[i]! - mu) * g) / h : e;
  }
}

/** The ridge (or unpenalised) Newton step: solves the weighted normal equations. */
function newtonStep(p: GlmProblem, omega: Float64Array, z: Float64Array, sumW: number) {
  const k = p.x.length + 1;
  const n = p.y.length;
  const a = weightedGram(p.x, omega);
  for (let m = 0; m < k * k; m++) a[m]! /= sumW;
  for (let r = 1; r < k; r++) a[r * k + r]! += p.l2;
  const wz = Float64Array.from(omega, (o, i) => o * z[i]!);
  const b = new Float64Array(k);
  for (let i = 0; i < n; i++) b[0]! += wz[i]!;
  p.x.forEach((col, j) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += wz[i]! * col[i]!;
    b[j + 1] = s;
  });
  for (let r = 0; r < k; r++) b[r]! /= sumW;
  const l = cholesky(a, k);
  if (!l) {
    throw new RangeError(
      'the design is singular (collinear or empty columns, or too few rows); set alpha > 0',
    );
  }
  const theta = choleskySolve(l, k, b);
  return { intercept: theta[0]!, beta: theta.subarray(1) };
}

/** Coordinate descent on the penalised weighted least squares, from (intercept, beta). */
function coordinateDescent(
  p: GlmProblem,
  omega: Float64Array,
  z: Float64Array,
  sumW: number,
  start: { intercept: number; beta: Float64Array },
  eta: Float64Array,
) {
  const n = p.y.length;
  const beta = Float64Array.from(start.beta);
  let intercept = start.intercept;
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) r[i] = z[i]! - eta[i]!;
  const xwx = p.x.map((col) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += omega[i]! * col[i]! * col[i]!;
    return s / sumW;
  });
  let sumOmega = 0;
  for (let i = 0; i < n; i++) sumOmega += omega[i]!;
  /** One coordinate update (j = −1: the intercept); returns the weighted squared change. */
  const update = (j: number): number => {
    if (j < 0) {
      if (!(sumOmega > 0)) return 0;
      let s = 0;
      for (let i = 0; i < n; i++) s += omega[i]! * r[i]!;
      const d = s / sumOmega;
      intercept += d;
      for (let i = 0; i < n; i++) r[i]! -= d;
      return (sumOmega / sumW) * d * d;
    }
    const col = p.x[j]!;
    const old = beta[j]!;
    let g = 0;
    for (let i = 0; i < n; i++) g += omega[i]! * col[i]! * r[i]!;
    g = g / sumW + xwx[j]! * old;
    const shrunk = Math.sign(g) * Math.max(Math.abs(g) - p.l1, 0);
    const denom = xwx[j]! + p.l2;
    const d = (denom > 0 ? shrunk / denom : 0) - old;
    if (d === 0) return 0;
    beta[j] = old + d;
    for (let i = 0; i < n; i++) r[i]! -= d * col[i]!;
    return xwx[j]! * d * d;
  };
  const all = [-1, ...p.x.keys()];
  // glmnet's active-set cycling: sweep everything, then only the non-zero coefficients until
  // they settle, then everything again; done when a full sweep changes nothing.
  for (let sweeps = 0; sweeps < CD_MAX_SWEEPS;) {
    let maxChange = 0;
    for (const j of all) maxChange = Math.max(maxChange, update(j));
    sweeps++;
    if (maxChange < CD_TOL) break;
    const active = all.filter((j) => j < 0 || beta[j] !== 0);
    while (sweeps < CD_MAX_SWEEPS) {
      let change = 0;
      for (const j of active) change = Math.max(change, update(j));
      sweeps++;
      if (change < CD_TOL) break;
    }
  }
  return { intercept, beta };
}

export function weightedMean(y: Float64Array, w: Float64Array): number {
  let s = 0;
  let sw = 0;
  for (let i = 0; i < y.length; i++) {
    s += w[i]! * y[i]!;
    sw += w[i]!;
  }
  return s / sw;
}

export function solveGlm(p: GlmProblem): GlmSolution {
  const n = p.y.length;
  let sumW = 0;
  for (let i = 0; i < n; i++) sumW += p.w[i]!;
  if (!(sumW > 0)) throw new RangeError('the row weights sum to zero');
  const { family } = p;
  let intercept = family.link.eta(family.startMean(weightedMean(p.y, p.w)));
  let beta = new Float64Array(p.x.length);
  const eta = linearPredictor(p.x, intercept, beta, new Float64Array(n));
  let dev = totalDeviance(family, p.y, p.w, eta);
  let obj = dev / (2 * sumW);
  const omega = new Float64Array(n);
  const z = new Float64Array(n);
  const trial = new Float64Array(n);
  let iterations = 0;
  let converged = false;
  while (iterations < p.maxIter && !converged) {
    iterations++;
    working(p, eta, omega, z);
    const step =
      p.l1 > 0
        ? coordinateDescent(p, omega, z, sumW, { intercept, beta }, eta)
        : newtonStep(p, omega, z, sumW);
    let nextIntercept = step.intercept;
    const nextBeta = Float64Array.from(step.beta);
    let nextDev = NaN;
    let nextObj = NaN;
    for (let h = 0; h <= MAX_HALVINGS; h++) {
      linearPredictor(p.x, nextIntercept, nextBeta, trial);
      nextDev = totalDeviance(family, p.y, p.w, trial);
      nextObj = nextDev / (2 * sumW) + penalty(p, nextBeta);
      if (nextObj <= obj + 1e-15 * Math.abs(obj)) break;
      nextIntercept = (nextIntercept + intercept) / 2;
      for (let j = 0; j < nextBeta.length; j++) nextBeta[j] = (nextBeta[j]! + beta[j]!) / 2;
    }
    if (!(nextObj <= obj + 1e-15 * Math.abs(obj))) {
      // No step lowers the objective: the fit is as good as rounding allows.
      converged = true;
      break;
    }
    converged = Math.abs(obj - nextObj) / (Math.abs(nextObj) + 0.1) < p.tol;
    intercept = nextIntercept;
    beta = nextBeta;
    eta.set(trial);
    dev = nextDev;
    obj = nextObj;
  }
  return { intercept, beta, iterations, converged, deviance: dev };
}
