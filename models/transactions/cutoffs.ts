// Snapshot dates for training: the first day of calendar months, so that each cutoff has some
// history before it and a whole prediction window of data after it.
import { civilFromDays, daysFromCivil } from '../../core/common/calendar.js';

export interface CutoffOptions {
  observationDays: number;
  predictionDays: number;
  /** Keep only the most recent this many cutoffs. */
  maxSnapshots?: number;
}

/**
 * Month-start cutoffs (days since 1970-01-01), oldest first, for a log whose first record is on
 * `minDay` and last on `maxDay` (fractional days allowed; the log covers whole days up to the
 * end of day floor(maxDay)). A cutoff c is kept when
 *
 * - c ≥ minDay + min(observationDays, 90): at least 90 days (or the whole observation window, if
 *   shorter) of history lie before it; earlier windows are mostly empty, and
 * - c + predictionDays ≤ floor(maxDay) + 1: the prediction window [c, c + predictionDays) is
 *   covered by the log, so "no purchase" means no purchase rather than no data.
 */
export function monthlyCutoffs(minDay: number, maxDay: number, options: CutoffOptions): number[] {
  const { observationDays, predictionDays, maxSnapshots } = options;
  if (!Number.isFinite(minDay) || !Number.isFinite(maxDay) || maxDay < minDay) {
    throw new RangeError(`invalid day range ${minDay} … ${maxDay}`);
  }
  if (!(observationDays > 0) || !(predictionDays > 0)) {
    throw new RangeError('observationDays and predictionDays must be positive');
  }
  if (maxSnapshots !== undefined && !(Number.isInteger(maxSnapshots) && maxSnapshots >= 1)) {
    throw new RangeError(`maxSnapshots must be an integer ≥ 1 (got ${maxSnapshots})`);
  }
  const earliest = minDay + Math.min(observationDays, 90);
  const latest = Math.floor(maxDay) + 1 - predictionDays;
  let [y, m] = civilFromDays(Math.floor(earliest));
  const cutoffs: number[] = [];
  for (let day = daysFromCivil(y, m, 1); day <= latest; day = daysFromCivil(y, m, 1)) {
    if (day >= earliest) cutoffs.push(day);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return maxSnapshots !== undefined ? cutoffs.slice(-maxSnapshots) : cutoffs;
}
