// Recency–frequency–monetary summary of a transaction log, the input of the BG/NBD and
// Gamma-Gamma models. Follows lifetimes' summary_data_from_transaction_data and
// calibration_and_holdout_data with freq = 'D' and freq_multiplier = unitDays: time is
// bucketed into whole days, then measured in units of unitDays days.
import { clvOptions } from './params.js';

export interface TransactionColumns {
  /** Integer customer code per transaction. */
  customer: ArrayLike<number>;
  /** Days since 1970-01-01; a fractional part (time of day) is dropped (floored). */
  day: ArrayLike<number>;
  /** Transaction value. */
  amount: ArrayLike<number>;
}

export interface RfmSummaryOptions {
  /**
   * Last day of the calibration period, INCLUSIVE (days since 1970-01-01; floored): a purchase
   * on this day is in calibration, and T is measured to (the start of) this day, as lifetimes
   * does with calibration_period_end = that date. For CDNOW's 1997-01-01..1997-09-30 pass
   * daysFromCivil(1997, 9, 30).
   */
  calibrationEnd: number;
  /** Length of the time unit of recency and T, in days (default 7: weeks). */
  unitDays?: number;
  /** Last day of the holdout period, inclusive (floored). Adds the `holdout` columns. */
  holdoutEnd?: number;
}

export interface HoldoutColumns {
  /** Distinct purchase days in (calibrationEnd, holdoutEnd] (lifetimes' frequency_holdout). */
  frequency: Float64Array;
  /** Mean amount per holdout transaction, not merged by day (lifetimes' monetary_value_holdout); 0 when none. */
  monetary: Float64Array;
  /** Total amount spent in the holdout period. */
  spend: Float64Array;
}

/** One row per customer whose first purchase falls in calibration, by ascending code. */
export interface RfmSummary {
  customer: Float64Array;
  /** Repeat purchase days in calibration: distinct purchase days − 1. */
  frequency: Float64Array;
  /** First to last calibration purchase day, in units. */
  recency: Float64Array;
  /** First purchase day to calibrationEnd, in units. */
  T: Float64Array;
  /** Mean day-total of the repeat purchase days (first day excluded); 0 when frequency is 0. */
  monetary: Float64Array;
  holdout?: HoldoutColumns;
  /** (holdoutEnd − calibrationEnd) / unitDays, when holdoutEnd was given. */
  holdoutDuration?: number;
  unitDays: number;
}

/**
 * Builds the RFM summary. Transactions of one customer on the same day are merged into one
 * purchase (amounts summed); transactions after calibrationEnd count only toward the holdout
 * columns, and those after holdoutEnd are ignored.
 */
export function rfmSummary(input: TransactionColumns, opts: RfmSummaryOptions): RfmSummary {
  const n = input.customer.length;
  if (input.day.length !== n || input.amount.length !== n) {
    throw new RangeError('rfmSummary: customer, day and amount must have the same length');
  }
  const { unitDays: unit } = clvOptions(['unitDays'], opts);
  const calEnd = Math.floor(opts.calibrationEnd);
  const hasHoldout = opts.holdoutEnd !== undefined;
  const holdEnd = hasHoldout ? Math.floor(opts.holdoutEnd!) : -Infinity;
  if (hasHoldout && !(holdEnd > calEnd)) {
    throw new RangeError('rfmSummary: holdoutEnd must be after calibrationEnd');
  }

  const days = new Float64Array(n);
  for (let i = 0; i < n; i++) days[i] = Math.floor(input.day[i]!);
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((i, j) => input.customer[i]! - input.customer[j]! || days[i]! - days[j]! || i - j);

  const out = {
    customer: [] as number[],
    frequency: [] as number[],
    recency: [] as number[],
    T: [] as number[],
    monetary: [] as number[],
    hFreq: [] as number[],
    hMon: [] as number[],
    hSpend: [] as number[],
  };
  let k = 0;
  while (k < n) {
    const code = input.customer[order[k]!]!;
    let first = NaN;
    let last = NaN;
    let purchaseDays = 0;
    let repeatTotal = 0;
    let hDays = 0;
    let hCount = 0;
    let hSpend = 0;
    let lastHoldDay = NaN;
    for (; k < n && input.customer[order[k]!] === code; k++) {
      const i = order[k]!;
      const d = days[i]!;
      const amount = input.amount[i]!;
      if (d <= calEnd) {
        if (purchaseDays === 0) first = d;
        if (d !== last) purchaseDays++;
        // Only repeat days enter the monetary mean; the first day's total is dropped.
        if (d !== first) repeatTotal += amount;
        last = d;
      } else if (d <= holdEnd) {
        if (d !== lastHoldDay) hDays++;
        lastHoldDay = d;
        hCount++;
        hSpend += amount;
      }
    }
    if (purchaseDays === 0) continue; // first purchase after calibration: not in the cohort
    out.customer.push(code);
    out.frequency.push(purchaseDays - 1);
    out.recency.push((last - first) / unit);
    out.T.push((calEnd - first) / unit);
    out.monetary.push(purchaseDays > 1 ? repeatTotal / (purchaseDays - 1) : 0);
    out.hFreq.push(hDays);
    out.hMon.push(hCount > 0 ? hSpend / hCount : 0);
    out.hSpend.push(hSpend);
  }

  const summary: RfmSummary = {
    customer: Float64Array.from(out.customer),
    frequency: Float64Array.from(out.frequency),
    recency: Float64Array.from(out.recency),
    T: Float64Array.from(out.T),
    monetary: Float64Array.from(out.monetary),
    unitDays: unit,
  };
  if (hasHoldout) {
    summary.holdout = {
      frequency: Float64Array.from(out.hFreq),
      monetary: Float64Array.from(out.hMon),
      spend: Float64Array.from(out.hSpend),
    };
    summary.holdoutDuration = (holdEnd - calEnd) / unit;
  }
  return summary;
}
