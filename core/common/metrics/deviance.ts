// Mean unit deviances of the Tweedie family: the losses a log-link count (Poisson),
// positive-amount (gamma) or zero-inflated-amount (Tweedie) model is fitted with. Formulas
// as in scikit-learn's mean_tweedie_deviance; predictions must be > 0.

import { checkRows } from './input.js';
import { defineMetric } from './metric.js';
import { weightedMean } from './sum.js';

/**
 * Mean Tweedie deviance with power p ≥ 1 (p = 1 Poisson, p = 2 gamma, 1 < p < 2 compound
 * Poisson–gamma, p = 3 inverse Gaussian). yTrue must be ≥ 0 for p < 2 and > 0 for p ≥ 2.
 */
export function tweedieDeviance(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  power: number,
  weights?: ArrayLike<number>,
): number {
  const what =
    power === 1 ? 'poisson_deviance' : power === 2 ? 'gamma_deviance' : 'tweedie_deviance';
  if (!(power >= 1) || power === Infinity) {
    throw new RangeError(`${what}: power must be a finite number ≥ 1, got ${power}`);
  }
  const n = checkRows(what, yTrue, yPred, weights);
  const yMin = power < 2 ? 0 : Number.MIN_VALUE;
  for (let i = 0; i < n; i++) {
    if (!(yTrue[i]! >= yMin)) {
      const need = power < 2 ? '≥ 0' : '> 0';
      throw new RangeError(`${what}: yTrue[${i}] is ${yTrue[i]}; it must be ${need}`);
    }
    if (!(yPred[i]! > 0)) {
      throw new RangeError(`${what}: yPred[${i}] is ${yPred[i]}; predictions must be > 0`);
    }
  }
  const unit = unitDeviance(power);
  return weightedMean(n, weights, (i) => unit(yTrue[i]!, yPred[i]!));
}

function unitDeviance(p: number): (y: number, mu: number) => number {
  if (p === 1) return (y, mu) => 2 * ((y === 0 ? 0 : y * Math.log(y / mu)) - y + mu);
  if (p === 2) return (y, mu) => 2 * (Math.log(mu / y) + y / mu - 1);
  const a = 1 - p;
  const b = 2 - p;
  // scikit-learn's form, 2·(y^b / (a·b) − y·μ^a / a + μ^b / b), cancels terms of size 1/a
  // or 1/b near p = 1 or 2 (power 1 + 1e-9 keeps 6 digits). Regrouped as
  // 2·(y·(y^a − μ^a) / a − (y^b − μ^b) / b) with (y^c − μ^c) / c = μ^c·expm1(c·ln(y/μ)) / c,
  // it is exact in the limit and continuous with the Poisson and gamma cases.
  return (y, mu) => {
    if (y === 0) return (2 * Math.pow(mu, b)) / b; // p < 2 here: y^b = 0
    const l = Math.log(y / mu);
    return (
      2 *
      ((y * Math.pow(mu, a) * Math.expm1(a * l)) / a - (Math.pow(mu, b) * Math.expm1(b * l)) / b)
    );
  };
}

export const poissonDevianceMetric = defineMetric({
  name: 'poisson_deviance',
  task: 'regression',
  biggerIsBetter: false,
  needs: 'value',
  description: 'Mean Poisson deviance, for counts (yTrue ≥ 0, predictions > 0).',
  evaluate: (yTrue, yPred, { weights }) => tweedieDeviance(yTrue, yPred, 1, weights),
});

export const gammaDevianceMetric = defineMetric({
  name: 'gamma_deviance',
  task: 'regression',
  biggerIsBetter: false,
  needs: 'value',
  description: 'Mean gamma deviance, for positive amounts (yTrue > 0, predictions > 0).',
  evaluate: (yTrue, yPred, { weights }) => tweedieDeviance(yTrue, yPred, 2, weights),
});

export const tweedieDevianceMetric = defineMetric({
  name: 'tweedie_deviance',
  task: 'regression',
  biggerIsBetter: false,
  needs: 'value',
  description: 'Mean Tweedie deviance, for amounts with exact zeros (1 < power < 2).',
  params: {
    power: {
      type: 'number',
      default: 1.5,
      min: 1,
      description: 'Variance power p: 1 Poisson, 2 gamma, between them compound Poisson–gamma.',
    },
  },
  evaluate: (yTrue, yPred, { weights }, { power }) =>
    tweedieDeviance(yTrue, yPred, power!, weights),
});
