// The demand model kind: a global gradient-boosted model over a panel of items.
export {
  DEMAND_MODEL_FORMAT,
  DEMAND_MODEL_VERSION,
  forecastDemand,
  trainDemand,
  trendOf,
  TREND_THRESHOLD,
  type DemandForecast,
  type DemandItemState,
  type DemandModel,
  type DemandOptions,
  type FutureCovariates,
  type ItemForecast,
  type PeriodForecast,
  type Trend,
} from './model.js';
export { METHODS, type DemandBacktest, type Method, type MethodErrors } from './backtest.js';
export {
  defaultLags,
  featureNames,
  featureSpec,
  numericFeatures,
  scaleAt,
  type FeatureSpec,
  type SeriesView,
} from './features.js';
export { DEFAULT_GBDT_PARAMS, type DemandObjective } from './fit.js';
