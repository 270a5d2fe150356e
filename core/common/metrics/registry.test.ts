import { describe, expect, it } from 'vitest';
import { averagePrecision, rocAuc } from './auc.js';
import { expectedCalibrationError } from './calibration.js';
import {
  accuracyOf,
  confusionMatrix,
  f1Of,
  fprOf,
  mccOf,
  precisionOf,
  recallOf,
  specificityOf,
} from './classification.js';
import { tweedieDeviance } from './deviance.js';
import {
  meanAbsolutePercentageError,
  meanAbsoluteScaledError,
  symmetricMape,
  weightedAbsolutePercentageError,
} from './forecast.js';
import type { EvaluateOptions, MetricParams } from './metric.js';
import { multiError, multiLogLoss } from './multiclass.js';
import { brierScore, logLoss } from './probability.js';
import {
  ACTUAL,
  FORECAST,
  P,
  PK,
  PR,
  TRAIN,
  W,
  WF,
  WK,
  WR,
  Y,
  YK,
  YR,
} from './reference-data.fixture.js';
import { METRIC_NAMES, METRICS, createMetric, isMetricName, type MetricName } from './registry.js';
import { meanAbsoluteError, meanSquaredError, pinballLoss, r2Score } from './regression.js';

/** The direction of every metric, written out: early stopping relies on nothing else. */
const BIGGER_IS_BETTER: Record<MetricName, boolean> = {
  auc: true,
  pr_auc: true,
  logloss: false,
  brier: false,
  ece: false,
  accuracy: true,
  precision: true,
  recall: true,
  f1: true,
  mcc: true,
  fpr: false,
  specificity: true,
  multi_logloss: false,
  multi_error: false,
  mae: false,
  mse: false,
  rmse: false,
  r2: true,
  pinball: false,
  poisson_deviance: false,
  gamma_deviance: false,
  tweedie_deviance: false,
  mape: false,
  smape: false,
  wape: false,
  mase: false,
};

const YP = YR.map((y) => y + 1); // positive targets for the gamma deviance

/**
 * Each metric through the registry, with non-default parameters where it has any, against
 * the function behind it (each function is checked against scikit-learn in its own test).
 */
const WIRING: Record<
  MetricName,
  [ArrayLike<number>, ArrayLike<number>, EvaluateOptions, MetricParams, number]
> = {
  auc: [Y, P, { weights: W }, {}, rocAuc(Y, P, W)],
  pr_auc: [Y, P, { weights: W }, {}, averagePrecision(Y, P, W)],
  logloss: [Y, P, { weights: W }, { eps: 1e-6 }, logLoss(Y, P, W, 1e-6)],
  brier: [Y, P, { weights: W }, {}, brierScore(Y, P, W)],
  ece: [Y, P, { weights: W }, { bins: 5 }, expectedCalibrationError(Y, P, W, 5)],
  accuracy: [
    Y,
    P,
    { weights: W },
    { threshold: 0.3 },
    accuracyOf(confusionMatrix(Y, P, { threshold: 0.3, weights: W })),
  ],
  precision: [
    Y,
    P,
    { weights: W },
    { threshold: 0.3 },
    precisionOf(confusionMatrix(Y, P, { threshold: 0.3, weights: W })),
  ],
  recall: [
    Y,
    P,
    { weights: W },
    { threshold: 0.7 },
    recallOf(confusionMatrix(Y, P, { threshold: 0.7, weights: W })),
  ],
  f1: [Y, P, { weights: W }, {}, f1Of(confusionMatrix(Y, P, { weights: W }))],
  mcc: [Y, P, { weights: W }, {}, mccOf(confusionMatrix(Y, P, { weights: W }))],
  fpr: [
    Y,
    P,
    { weights: W },
    { threshold: 0.3 },
    fprOf(confusionMatrix(Y, P, { threshold: 0.3, weights: W })),
  ],
  specificity: [Y, P, {}, {}, specificityOf(confusionMatrix(Y, P))],
  multi_logloss: [YK, PK, { weights: WK }, {}, multiLogLoss(YK, PK, WK)],
  multi_error: [YK, PK, { weights: WK }, {}, multiError(YK, PK, WK)],
  mae: [YR, PR, { weights: WR }, {}, meanAbsoluteError(YR, PR, WR)],
  mse: [YR, PR, { weights: WR }, {}, meanSquaredError(YR, PR, WR)],
  rmse: [YR, PR, { weights: WR }, {}, Math.sqrt(meanSquaredError(YR, PR, WR))],
  r2: [YR, PR, { weights: WR }, {}, r2Score(YR, PR, WR)],
  pinball: [YR, PR, { weights: WR }, { alpha: 0.9 }, pinballLoss(YR, PR, WR, 0.9)],
  poisson_deviance: [YR, PR, { weights: WR }, {}, tweedieDeviance(YR, PR, 1, WR)],
  gamma_deviance: [YP, PR, { weights: WR }, {}, tweedieDeviance(YP, PR, 2, WR)],
  tweedie_deviance: [YR, PR, { weights: WR }, { power: 1.2 }, tweedieDeviance(YR, PR, 1.2, WR)],
  mape: [ACTUAL, FORECAST, { weights: WF }, {}, meanAbsolutePercentageError(ACTUAL, FORECAST, WF)],
  smape: [ACTUAL, FORECAST, { weights: WF }, {}, symmetricMape(ACTUAL, FORECAST, WF)],
  wape: [ACTUAL, FORECAST, {}, {}, weightedAbsolutePercentageError(ACTUAL, FORECAST)],
  mase: [
    ACTUAL,
    FORECAST,
    { weights: WF, trainSeries: TRAIN },
    { period: 12 },
    meanAbsoluteScaledError(ACTUAL, FORECAST, TRAIN, 12, WF),
  ],
};

describe('the metric registry', () => {
  it('lists every metric once, each factory making a metric of its own name', () => {
    expect([...METRIC_NAMES].sort()).toEqual(Object.keys(BIGGER_IS_BETTER).sort());
    for (const name of METRIC_NAMES) {
      const metric = METRICS[name]();
      expect(metric.name).toBe(name);
      expect(metric.description.length).toBeGreaterThan(10);
      expect(Object.isFrozen(metric)).toBe(true);
    }
  });

  it('declares the direction of every metric', () => {
    for (const name of METRIC_NAMES) {
      expect([name, createMetric(name).biggerIsBetter]).toEqual([name, BIGGER_IS_BETTER[name]]);
    }
  });

  it('declares each task and input', () => {
    expect(createMetric('auc')).toMatchObject({ task: 'binary', needs: 'score' });
    expect(createMetric('logloss')).toMatchObject({ task: 'binary', needs: 'probability' });
    expect(createMetric('multi_error')).toMatchObject({ task: 'multiclass', needs: 'probability' });
    expect(createMetric('mase')).toMatchObject({ task: 'regression', needs: 'value' });
  });

  it('evaluates each metric with its parameters and options', () => {
    for (const name of METRIC_NAMES) {
      const [yTrue, yPred, opts, params, expected] = WIRING[name];
      const value = createMetric(name, params).evaluate(yTrue, yPred, opts);
      expect([name, value]).toEqual([name, expected]);
      expect(Number.isFinite(value)).toBe(true);
    }
  });

  it('throws on an unknown name, listing every valid one', () => {
    for (const bad of ['auroc', 'toString', '__proto__', 'constructor', '']) {
      expect(isMetricName(bad)).toBe(false);
      let message = '';
      try {
        createMetric(bad);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toContain(`Unknown metric '${bad}'`);
      for (const name of METRIC_NAMES) expect(message).toContain(name);
    }
  });

  it('fills in declared defaults and checks given parameters', () => {
    expect(createMetric('f1').params).toEqual({ threshold: 0.5 });
    expect(createMetric('mase').params).toEqual({ period: 1 });
    expect(createMetric('tweedie_deviance', { power: 1.8 }).params).toEqual({ power: 1.8 });
    expect(createMetric('auc').paramSpecs).toEqual({});
    expect(createMetric('pinball').paramSpecs.alpha?.description).toMatch(/quantile/);
    expect(() => createMetric('auc', { threshold: 0.3 })).toThrow(
      "Unknown parameter 'threshold' for metric 'auc'; it takes none",
    );
    expect(() => createMetric('pinball', { quantile: 0.9 })).toThrow(/valid: alpha/);
    expect(() => createMetric('pinball', { alpha: 1 })).toThrow(/must be < 1, got 1/);
    expect(() => createMetric('ece', { bins: 2.5 })).toThrow(/must be an integer/);
    expect(() => createMetric('mase', { period: 0 })).toThrow(/must be ≥ 1/);
    expect(() => createMetric('f1', { threshold: NaN })).toThrow(/finite/);
    expect(() => createMetric('tweedie_deviance', { power: 0.5 })).toThrow(/≥ 1/);
  });
});
