// The metrics of the learning engine: the registry (create a metric by name), the plain
// functions behind it, and the curves, tables and threshold searches the evaluation UI shows.
export { METRICS, METRIC_NAMES, createMetric, isMetricName, type MetricName } from './registry.js';
export {
  defineMetric,
  resolveParams,
  type EvaluateOptions,
  type Metric,
  type MetricDefinition,
  type MetricFactory,
  type MetricInput,
  type MetricParams,
  type MetricTask,
  type ParamSpec,
  type ParamSpecs,
} from './metric.js';
export { rocAuc, averagePrecision } from './auc.js';
export { logLoss, brierScore } from './probability.js';
export {
  confusionMatrix,
  accuracyOf,
  precisionOf,
  recallOf,
  f1Of,
  mccOf,
  fprOf,
  specificityOf,
  type ConfusionMatrix,
  type ConfusionOptions,
} from './classification.js';
export { multiLogLoss, multiError } from './multiclass.js';
export {
  calibrationBins,
  expectedCalibrationError,
  type CalibrationBin,
  type CalibrationOptions,
} from './calibration.js';
export { meanAbsoluteError, meanSquaredError, r2Score, pinballLoss } from './regression.js';
export {
  meanAbsolutePercentageError,
  symmetricMape,
  weightedAbsolutePercentageError,
  meanAbsoluteScaledError,
} from './forecast.js';
export { tweedieDeviance } from './deviance.js';
export {
  rocCurve,
  prCurve,
  liftGains,
  type RocCurve,
  type PrCurve,
  type LiftRow,
  type LiftOptions,
  type CurveOptions,
} from './curves.js';
export {
  thresholdForMaxF1,
  thresholdForCosts,
  thresholdForRecall,
  type MaxF1Threshold,
  type CostThreshold,
  type RecallThreshold,
  type Costs,
  type ThresholdOptions,
} from './thresholds.js';
