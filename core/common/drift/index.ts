// Data and prediction drift: reference profiles, drift statistics, reports and timelines.
export {
  buildReference,
  parseReference,
  DEFAULT_BINS,
  DEFAULT_SAMPLE_SIZE,
  REFERENCE_FORMAT,
  REFERENCE_VERSION,
  type ReferenceProfile,
  type ReferenceOptions,
  type NumericReference,
  type CategoricalReference,
} from './reference.js';
export {
  psi,
  ksTwoSample,
  wasserstein1,
  jensenShannon,
  chiSquareTest,
  chiSquareHomogeneity,
  missingRateChange,
  PSI_PSEUDO_COUNT,
  type KsResult,
  type ChiSquareResult,
  type MissingChange,
} from './statistics.js';
export { gammaQ, chiSquareSf, kolmogorovSf, smirnovSf, normalTwoSidedP } from './distributions.js';
export {
  driftReport,
  type DriftOptions,
  type DriftReport,
  type FeatureDrift,
  type DriftMethod,
  type MethodChoice,
  type Verdict,
} from './report.js';
export {
  timelineReport,
  windowStart,
  DEFAULT_RETRAIN_RULE,
  type TimeWindow,
  type TimelineOptions,
  type TimelineReport,
  type WindowReport,
  type MetricSpec,
  type RetrainRule,
} from './timeline.js';
export { DEFAULT_THRESHOLDS, resolveThresholds, type DriftThresholds } from './thresholds.js';
export { encodeFloat32, decodeFloat32 } from './sample-codec.js';
