// Forecast-accuracy metrics: scale-free errors for comparing demand series of different size.

import { checkFinite, checkRows } from './input.js';
import { defineMetric } from './metric.js';
import { CompensatedSum, weightedMean } from './sum.js';

/**
 * Mean absolute percentage error |y − ŷ| / |y|, as a fraction (0.1 = 10 %). Rows with
 * y = 0 are skipped: their percentage error is undefined, and scikit-learn's substitute
 * denominator (machine epsilon) makes one such row swamp the mean. Throws when every
 * weighted row has y = 0.
 */
export function meanAbsolutePercentageError(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  weights?: ArrayLike<number>,
): number {
  const n = checkRows('mape', yTrue, yPred, weights);
  const num = new CompensatedSum();
  const den = new CompensatedSum();
  for (let i = 0; i < n; i++) {
    const y = yTrue[i]!;
    const w = weights === undefined ? 1 : weights[i]!;
    if (y === 0 || w === 0) continue;
    num.add((w * Math.abs(y - yPred[i]!)) / Math.abs(y));
    den.add(w);
  }
  if (den.value === 0) throw new RangeError('mape: every row has yTrue = 0');
  return num.value / den.value;
}

/**
 * Symmetric MAPE: mean of 2·|y − ŷ| / (|y| + |ŷ|), a fraction in [0, 2]; a row with
 * y = ŷ = 0 counts as 0 (a perfect forecast of nothing).
 */
export function symmetricMape(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  weights?: ArrayLike<number>,
): number {
  const n = checkRows('smape', yTrue, yPred, weights);
  return weightedMean(n, weights, (i) => {
    const y = yTrue[i]!;
    const p = yPred[i]!;
    const den = Math.abs(y) + Math.abs(p);
    return den === 0 ? 0 : (2 * Math.abs(y - p)) / den;
  });
}

/** Weighted absolute percentage error Σ w·|y − ŷ| / Σ w·|y| (total error over total volume). */
export function weightedAbsolutePercentageError(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  weights?: ArrayLike<number>,
): number {
  const n = checkRows('wape', yTrue, yPred, weights);
  const num = new CompensatedSum();
  const den = new CompensatedSum();
  for (let i = 0; i < n; i++) {
    const w = weights === undefined ? 1 : weights[i]!;
    num.add(w * Math.abs(yTrue[i]! - yPred[i]!));
    den.add(w * Math.abs(yTrue[i]!));
  }
  if (den.value === 0) throw new RangeError('wape: yTrue is 0 on every weighted row');
  return num.value / den.value;
}

/**
 * Mean absolute scaled error (Hyndman & Koehler 2006): the (weighted) MAE of the forecast
 * divided by the in-sample MAE of the seasonal naive forecast on the training series,
 * scale = mean over t ≥ m of |x_t − x_{t−m}|. Below 1, the forecast beats the naive one.
 */
export function meanAbsoluteScaledError(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  trainSeries: ArrayLike<number> | undefined,
  period = 1,
  weights?: ArrayLike<number>,
): number {
  const n = checkRows('mase', yTrue, yPred, weights);
  if (trainSeries === undefined) {
    throw new Error('mase: needs the training series (evaluate options: trainSeries)');
  }
  checkFinite('mase', 'trainSeries', trainSeries);
  if (trainSeries.length <= period) {
    throw new RangeError(
      `mase: the training series has ${trainSeries.length} values; it needs more than the period ${period}`,
    );
  }
  const naive = new CompensatedSum();
  for (let t = period; t < trainSeries.length; t++) {
    naive.add(Math.abs(trainSeries[t]! - trainSeries[t - period]!));
  }
  const scale = naive.value / (trainSeries.length - period);
  if (scale === 0) {
    throw new RangeError('mase: the training series repeats itself at the period; scale is 0');
  }
  return weightedMean(n, weights, (i) => Math.abs(yTrue[i]! - yPred[i]!)) / scale;
}

export const mapeMetric = defineMetric({
  name: 'mape',
  task: 'regression',
  biggerIsBetter: false,
  needs: 'value',
  description:
    'Mean absolute percentage error, as a fraction; rows with a true value of 0 skipped.',
  evaluate: (yTrue, yPred, { weights }) => meanAbsolutePercentageError(yTrue, yPred, weights),
});

export const smapeMetric = defineMetric({
  name: 'smape',
  task: 'regression',
  biggerIsBetter: false,
  needs: 'value',
  description: 'Symmetric mean absolute percentage error, as a fraction from 0 to 2.',
  evaluate: (yTrue, yPred, { weights }) => symmetricMape(yTrue, yPred, weights),
});

export const wapeMetric = defineMetric({
  name: 'wape',
  task: 'regression',
  biggerIsBetter: false,
  needs: 'value',
  description: 'Total absolute error divided by total absolute actuals.',
  evaluate: (yTrue, yPred, { weights }) => weightedAbsolutePercentageError(yTrue, yPred, weights),
});

export const maseMetric = defineMetric({
  name: 'mase',
  task: 'regression',
  biggerIsBetter: false,
  needs: 'value',
  description: 'MAE scaled by the seasonal naive forecast’s in-sample MAE on the training series.',
  params: {
    period: {
      type: 'integer',
      default: 1,
      min: 1,
      description: 'Seasonal period m of the naive forecast (1: last value; 7: same weekday).',
    },
  },
  evaluate: (yTrue, yPred, { weights, trainSeries }, { period }) =>
    meanAbsoluteScaledError(yTrue, yPred, trainSeries, period, weights),
});
