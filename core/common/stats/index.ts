// Column profiling and the streaming sketches it is built from (reused for drift references).
export { ColumnProfiler, type ProfilerOptions } from './profiler.js';
export {
  QUANTILE_LEVELS,
  type ColumnProfile,
  type ProfileValue,
  type Quantiles,
} from './profile.js';
export { Moments } from './moments.js';
export { fmix32, hashNumber, hashString } from './hash.js';
export { HyperLogLog } from './hll.js';
export {
  DistinctCounter,
  DEFAULT_EXACT_BOUND,
  HLL_PRECISION,
  type ExactCounts,
} from './distinct.js';
export {
  QuantileSketch,
  quantilesOfCounts,
  DEFAULT_K,
  DEFAULT_EXACT_LIMIT,
  type QuantileSketchOptions,
} from './quantiles.js';
export {
  niceEdges,
  binOf,
  countsFromValues,
  countsFromRanks,
  discreteHistogram,
  MAX_BINS,
  MAX_DISCRETE_BINS,
  type Histogram,
  type Scale,
} from './histogram.js';
export {
  SpaceSaving,
  exactTop,
  DEFAULT_TOPK_CAPACITY,
  TOP_REPORTED,
  type TopValue,
} from './topk.js';
export { parseDate, parseDateTime, formatDate, formatDateTime, daysFromCivil } from './dates.js';
