// Proper scoring rules for a predicted probability of the positive class.

import { checkBinary, checkProbabilities } from './input.js';
import { defineMetric, type ParamSpec } from './metric.js';
import { weightedMean } from './sum.js';

/** The clip shared with multi_logloss: LightGBM's kEpsilon, so a confident miss costs ~34.5. */
export const LOGLOSS_EPS: ParamSpec = {
  type: 'number',
  default: 1e-15,
  min: 0,
  max: 0.5,
  exclusiveMin: true,
  exclusiveMax: true,
  description: 'Probabilities are clipped to [eps, 1 − eps] so that a certain miss stays finite.',
};

export function logLoss(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  weights?: ArrayLike<number>,
  eps = LOGLOSS_EPS.default,
): number {
  const n = checkBinary('logloss', yTrue, yPred, weights);
  checkProbabilities('logloss', yPred);
  const hi = 1 - eps;
  return weightedMean(n, weights, (i) => {
    const p = Math.min(Math.max(yPred[i]!, eps), hi);
    // log1p(−p) keeps the digits of log(1 − p) for small p.
    return yTrue[i] === 1 ? -Math.log(p) : -Math.log1p(-p);
  });
}

export function brierScore(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  weights?: ArrayLike<number>,
): number {
  const n = checkBinary('brier', yTrue, yPred, weights);
  checkProbabilities('brier', yPred);
  return weightedMean(n, weights, (i) => {
    const d = yPred[i]! - yTrue[i]!;
    return d * d;
  });
}

export const loglossMetric = defineMetric({
  name: 'logloss',
  task: 'binary',
  biggerIsBetter: false,
  needs: 'probability',
  description: 'Mean negative log-likelihood of the labels under the predicted probabilities.',
  params: { eps: LOGLOSS_EPS },
  evaluate: (yTrue, yPred, { weights }, { eps }) => logLoss(yTrue, yPred, weights, eps),
});

export const brierMetric = defineMetric({
  name: 'brier',
  task: 'binary',
  biggerIsBetter: false,
  needs: 'probability',
  description: 'Mean squared difference between predicted probability and the 0/1 label.',
  evaluate: (yTrue, yPred, { weights }) => brierScore(yTrue, yPred, weights),
});
