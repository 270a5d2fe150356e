// The metric registry: every metric the engine can compute, created by name from this one
// table. A new metric is a new entry here and a definition in its family's file; nothing
// that consumes metrics (early stopping, leaderboards, reports) names a metric itself.

import { aucMetric, prAucMetric } from './auc.js';
import { eceMetric } from './calibration.js';
import {
  accuracyMetric,
  f1Metric,
  fprMetric,
  mccMetric,
  precisionMetric,
  recallMetric,
  specificityMetric,
} from './classification.js';
import { gammaDevianceMetric, poissonDevianceMetric, tweedieDevianceMetric } from './deviance.js';
import { mapeMetric, maseMetric, smapeMetric, wapeMetric } from './forecast.js';
import type { Metric, MetricFactory, MetricParams } from './metric.js';
import { multiErrorMetric, multiLoglossMetric } from './multiclass.js';
import { brierMetric, loglossMetric } from './probability.js';
import { maeMetric, mseMetric, pinballMetric, r2Metric, rmseMetric } from './regression.js';

export const METRICS = {
  // binary: ranking
  auc: aucMetric,
  pr_auc: prAucMetric,
  // binary: probabilities
  logloss: loglossMetric,
  brier: brierMetric,
  ece: eceMetric,
  // binary: at a threshold
  accuracy: accuracyMetric,
  precision: precisionMetric,
  recall: recallMetric,
  f1: f1Metric,
  mcc: mccMetric,
  fpr: fprMetric,
  specificity: specificityMetric,
  // multiclass
  multi_logloss: multiLoglossMetric,
  multi_error: multiErrorMetric,
  // regression
  mae: maeMetric,
  mse: mseMetric,
  rmse: rmseMetric,
  r2: r2Metric,
  pinball: pinballMetric,
  poisson_deviance: poissonDevianceMetric,
  gamma_deviance: gammaDevianceMetric,
  tweedie_deviance: tweedieDevianceMetric,
  // forecasting
  mape: mapeMetric,
  smape: smapeMetric,
  wape: wapeMetric,
  mase: maseMetric,
} as const satisfies Readonly<Record<string, MetricFactory>>;

export type MetricName = keyof typeof METRICS;

export const METRIC_NAMES = Object.freeze(Object.keys(METRICS) as MetricName[]);

export function isMetricName(name: string): name is MetricName {
  return Object.hasOwn(METRICS, name);
}

/**
 * Creates a metric by name, with parameters checked against its declaration. An unknown
 * name throws an Error that lists the valid ones.
 */
export function createMetric(name: string, params?: MetricParams): Metric {
  if (!isMetricName(name)) {
    throw new Error(`Unknown metric '${name}'; valid metrics: ${METRIC_NAMES.join(', ')}`);
  }
  return METRICS[name](params);
}
