// fitGlm: raw columns and labels in, a fitted GlmModel out.
import { designColumns, destandardise, fitDesign, type GlmData, rowCount } from './design.js';
import { createFamily } from './families/index.js';
import { inference } from './inference.js';
import { linearPredictor, solveGlm, totalDeviance, weightedMean } from './irls.js';
import { GlmModel } from './model.js';
import { parseGlmParams } from './params.js';

export interface FitGlmOptions {
  /** Row weights, finite and ≥ 0; every row weighs 1 when absent. */
  weight?: ArrayLike<number>;
}

/**
 * Fits a GLM to raw columns: learns the preprocessing (median imputation with missing
 * indicators, standardisation, one-hot coding against the most frequent level), then the
 * coefficients by IRLS or, with an L1 share, coordinate descent. `params` follow GLM_PARAMS.
 */
export function fitGlm(
  data: GlmData,
  y: ArrayLike<number>,
  params: Readonly<Record<string, unknown>> = {},
  options: FitGlmOptions = {},
): GlmModel {
  const p = parseGlmParams(params);
  const family = createFamily(p.family, p);
  const n = rowCount(data);
  if (n === 0) throw new RangeError('the data has no rows');
  if (y.length !== n) throw new RangeError(`${y.length} labels for ${n} rows`);
  const labels = Float64Array.from(y);
  family.checkLabels(labels);
  const w = options.weight ? Float64Array.from(options.weight) : new Float64Array(n).fill(1);
  if (w.length !== n) throw new RangeError(`${w.length} weights for ${n} rows`);
  w.forEach((v, i) => {
    if (!(v >= 0 && Number.isFinite(v))) throw new RangeError(`weight ${i} is ${v}`);
  });
  const design = fitDesign(data);
  const x = designColumns(design, data);
  const sol = solveGlm({
    x,
    y: labels,
    w,
    family,
    l1: p.alpha * p.l1_ratio,
    l2: p.alpha * (1 - p.l1_ratio),
    maxIter: p.max_iter,
    tol: p.tol,
  });
  const eta = linearPredictor(x, sol.intercept, sol.beta, new Float64Array(n));
  const { scale, shift } = destandardise(design);
  const inf = p.alpha === 0 ? inference(family, x, labels, w, eta, scale, shift) : null;
  const nullEta = new Float64Array(n).fill(
    family.link.eta(family.startMean(weightedMean(labels, w))),
  );
  const warnings: string[] = [];
  if (!sol.converged) {
    warnings.push(`did not converge in max_iter = ${p.max_iter} iterations`);
  }
  if (p.family === 'logistic' && p.alpha === 0 && boundaryFit(eta, w)) {
    // R's glm says the same: the classes are (quasi-)separated and estimates run off to ±∞.
    warnings.push('fitted probabilities numerically 0 or 1 occurred (separation?)');
  }
  return new GlmModel({
    params: p,
    design,
    intercept: sol.intercept,
    beta: sol.beta,
    standardErrors: inf?.standardErrors ?? null,
    fit: {
      rows: w.filter((v) => v > 0).length,
      iterations: sol.iterations,
      converged: sol.converged,
      deviance: sol.deviance,
      nullDeviance: totalDeviance(family, labels, w, nullEta),
      dispersion: inf?.dispersion ?? null,
      warnings,
    },
  });
}

/** True when some weighted row's fitted probability is within 1e-10 of 0 or 1 (|η| > 23). */
function boundaryFit(eta: Float64Array, w: Float64Array): boolean {
  return eta.some((e, i) => w[i]! > 0 && Math.abs(e) > 23);
}
