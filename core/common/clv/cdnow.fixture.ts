// The CDNOW reference set-up shared by the tests: 39-week calibration 1997-01-01..1997-09-30,
// 39-week holdout to 1998-06-30, time in weeks.
import { daysFromCivil } from '../calendar.js';
import { loadCdnow } from '../../../tests/fixtures/cdnow/cdnow.js';
import { rfmSummary, type RfmSummary } from './summary.js';

export const CALIBRATION_END = daysFromCivil(1997, 9, 30);
export const HOLDOUT_END = daysFromCivil(1998, 6, 30);

let cached: RfmSummary | undefined;

export function cdnowSummary(): RfmSummary {
  cached ??= rfmSummary(loadCdnow(), {
    calibrationEnd: CALIBRATION_END,
    holdoutEnd: HOLDOUT_END,
    unitDays: 7,
  });
  return cached;
}
