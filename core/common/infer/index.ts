// The public API of value parsing and column type inference, as used by the importer.
export { isMissing, MISSING_MARKERS } from './missing.js';
export { parseInteger, parseReal, isIntegerSyntax, hasLeadingZero } from './number.js';
export { parseBoolean, TRUE_WORDS, FALSE_WORDS } from './boolean.js';
export {
  compileDateFormat,
  makeDateConverter,
  detectDateFormat,
  BUILTIN_DATE_FORMATS,
  type DateParser,
  type DetectedDate,
} from './date.js';
export {
  inferColumn,
  makeConverter,
  widenType,
  isIdName,
  CATEGORICAL_MIN_DISTINCT,
  CATEGORICAL_MAX_SHARE,
  CATEGORICAL_MAX_DISTINCT,
  CATEGORICAL_MAX_MEAN_LENGTH,
  ID_MIN_SAMPLE,
  ID_MAX_LENGTH,
  type InferredColumn,
  type InferOptions,
  type Converter,
} from './infer.js';
