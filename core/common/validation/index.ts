// Validation: cross-validation splits, out-of-fold predictions and probability calibration.
export {
  type Fold,
  kFold,
  stratifiedKFold,
  groupKFold,
  timeSeriesSplit,
  outOfFold,
  foldsFromAssignment,
} from './folds.js';
export { type PlattCalibration, fitPlatt, applyPlatt } from './platt.js';
export { type IsotonicCalibration, fitIsotonic, applyIsotonic } from './isotonic.js';
