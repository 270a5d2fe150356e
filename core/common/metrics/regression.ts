// Point-prediction errors for regression: absolute, squared, explained variance, quantile.

import { checkRows } from './input.js';
import { defineMetric } from './metric.js';
import { CompensatedSum, weightedMean } from './sum.js';

export function meanAbsoluteError(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  weights?: ArrayLike<number>,
): number {
  const n = checkRows('mae', yTrue, yPred, weights);
  return weightedMean(n, weights, (i) => Math.abs(yTrue[i]! - yPred[i]!));
}

export function meanSquaredError(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  weights?: ArrayLike<number>,
): number {
  const n = checkRows('mse', yTrue, yPred, weights);
  return weightedMean(n, weights, (i) => {
    const d = yTrue[i]! - yPred[i]!;
    return d * d;
  });
}

/**
 * Coefficient of determination 1 − SS_res / SS_tot about the weighted mean of yTrue. When
 * yTrue is constant (SS_tot = 0) it is 1 for a perfect fit and 0 otherwise, as in
 * scikit-learn (force_finite=True), so a constant validation fold does not yield −∞.
 */
export function r2Score(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  weights?: ArrayLike<number>,
): number {
  const n = checkRows('r2', yTrue, yPred, weights);
  const mean = weightedMean(n, weights, (i) => yTrue[i]!);
  const res = new CompensatedSum();
  const tot = new CompensatedSum();
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    const e = yTrue[i]! - yPred[i]!;
    const d = yTrue[i]! - mean;
    res.add(w * e * e);
    tot.add(w * d * d);
  }
  if (tot.value === 0) return res.value === 0 ? 1 : 0;
  return 1 - res.value / tot.value;
}

/**
 * Pinball (quantile) loss at level alpha: alpha·(y − ŷ) when under-predicting,
 * (1 − alpha)·(ŷ − y) when over-predicting. At alpha = 0.5 it is half the MAE.
 */
export function pinballLoss(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  weights?: ArrayLike<number>,
  alpha = 0.5,
): number {
  const n = checkRows('pinball', yTrue, yPred, weights);
  return weightedMean(n, weights, (i) => {
    const d = yTrue[i]! - yPred[i]!;
    return d >= 0 ? alpha * d : (alpha - 1) * d;
  });
}

export const maeMetric = defineMetric({
  name: 'mae',
  task: 'regression',
  biggerIsBetter: false,
  needs: 'value',
  description: 'Mean absolute error.',
  evaluate: (yTrue, yPred, { weights }) => meanAbsoluteError(yTrue, yPred, weights),
});

export const mseMetric = defineMetric({
  name: 'mse',
  task: 'regression',
  biggerIsBetter: false,
  needs: 'value',
  description: 'Mean squared error.',
  evaluate: (yTrue, yPred, { weights }) => meanSquaredError(yTrue, yPred, weights),
});

export const rmseMetric = defineMetric({
  name: 'rmse',
  task: 'regression',
  biggerIsBetter: false,
  needs: 'value',
  description: 'Root mean squared error, in the units of the target.',
  evaluate: (yTrue, yPred, { weights }) => Math.sqrt(meanSquaredError(yTrue, yPred, weights)),
});

export const r2Metric = defineMetric({
  name: 'r2',
  task: 'regression',
  biggerIsBetter: true,
  needs: 'value',
  description: 'Share of the variance of the target explained by the predictions (R²).',
  evaluate: (yTrue, yPred, { weights }) => r2Score(yTrue, yPred, weights),
});

export const pinballMetric = defineMetric({
  name: 'pinball',
  task: 'regression',
  biggerIsBetter: false,
  needs: 'value',
  description: 'Pinball loss of a predicted quantile; lowest when yPred is the alpha-quantile.',
  params: {
    alpha: {
      type: 'number',
      default: 0.5,
      min: 0,
      max: 1,
      exclusiveMin: true,
      exclusiveMax: true,
      description: 'The quantile level the predictions estimate, e.g. 0.9 for the 90th percentile.',
    },
  },
  evaluate: (yTrue, yPred, { weights }, { alpha }) => pinballLoss(yTrue, yPred, weights, alpha),
});
