// Multiclass metrics. yTrue holds class indices 0 … K−1; yPred holds the class
// probabilities as a row-major n × K matrix (row i is yPred[i·K … i·K + K)), the layout of
// an ONNX [N, K] output. K is inferred as yPred.length / yTrue.length.

import { checkFinite, checkWeights } from './input.js';
import { defineMetric } from './metric.js';
import { LOGLOSS_EPS } from './probability.js';
import { weightedMean } from './sum.js';

/** Checks shapes and labels; returns [n, K]. */
function checkMulticlass(
  what: string,
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  weights: ArrayLike<number> | undefined,
): [number, number] {
  checkFinite(what, 'yTrue', yTrue);
  checkFinite(what, 'yPred', yPred);
  const n = yTrue.length;
  const k = yPred.length / n;
  if (!Number.isInteger(k) || k < 2) {
    throw new RangeError(
      `${what}: yPred has ${yPred.length} values for ${n} rows; expected n × K with K ≥ 2 classes`,
    );
  }
  for (let i = 0; i < n; i++) {
    const y = yTrue[i]!;
    if (!Number.isInteger(y) || y < 0 || y >= k) {
      throw new RangeError(
        `${what}: yTrue[${i}] is ${y}; labels must be class indices 0 … ${k - 1}`,
      );
    }
  }
  checkWeights(what, weights, n);
  return [n, k];
}

/** Mean −log of the probability given to the true class, clipped to [eps, 1 − eps]. */
export function multiLogLoss(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  weights?: ArrayLike<number>,
  eps = LOGLOSS_EPS.default,
): number {
  const [n, k] = checkMulticlass('multi_logloss', yTrue, yPred, weights);
  for (let j = 0; j < yPred.length; j++) {
    const p = yPred[j]!;
    if (!(p >= 0 && p <= 1)) {
      throw new RangeError(`multi_logloss: yPred[${j}] is ${p}; probabilities must lie in [0, 1]`);
    }
  }
  const hi = 1 - eps;
  return weightedMean(n, weights, (i) => {
    const p = yPred[i * k + yTrue[i]!]!;
    return -Math.log(Math.min(Math.max(p, eps), hi));
  });
}

/** Share of rows whose highest-probability class (the first, on a tie) is not the label. */
export function multiError(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  weights?: ArrayLike<number>,
): number {
  const [n, k] = checkMulticlass('multi_error', yTrue, yPred, weights);
  return weightedMean(n, weights, (i) => {
    let best = 0;
    for (let c = 1; c < k; c++) if (yPred[i * k + c]! > yPred[i * k + best]!) best = c;
    return best === yTrue[i] ? 0 : 1;
  });
}

export const multiLoglossMetric = defineMetric({
  name: 'multi_logloss',
  task: 'multiclass',
  biggerIsBetter: false,
  needs: 'probability',
  description: 'Mean negative log of the probability given to the true class.',
  params: { eps: LOGLOSS_EPS },
  evaluate: (yTrue, yPred, { weights }, { eps }) => multiLogLoss(yTrue, yPred, weights, eps),
});

export const multiErrorMetric = defineMetric({
  name: 'multi_error',
  task: 'multiclass',
  biggerIsBetter: false,
  needs: 'probability',
  description: 'Share of rows whose most probable class is not the true class.',
  evaluate: (yTrue, yPred, { weights }) => multiError(yTrue, yPred, weights),
});
