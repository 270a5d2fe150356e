// Training rows for the churn and lifetime-value kinds: one row per (cutoff, active customer),
// features from before the cutoff, the label from the prediction window after it.
import type { RawData } from '../../core/common/raw-data.js';
import { attributeRows, featureTable, purchasesBefore, spendBetween } from './features.js';
import { indexLog, lowerBound, type LogIndex } from './log-index.js';
import type { CustomerAttributes, TransactionLog } from './types.js';

export type SnapshotLabel = 'churn' | 'spend';

export interface SnapshotOptions {
  cutoffs: ArrayLike<number>;
  /** Length of the observation window before each cutoff, in days (default 180). */
  observationDays?: number;
  /** Length of the prediction window [cutoff, cutoff + predictionDays) (default 90). */
  predictionDays?: number;
  label: SnapshotLabel;
  /**
   * First day the log does not cover; default the day after the last record. A cutoff whose
   * prediction window reaches past it is an error (its churn labels would be inflated).
   */
  logEnd?: number;
}

export interface Snapshots {
  data: RawData;
  /** churn: 1 = no purchase in the prediction window; spend: net spend in it. */
  label: Float64Array;
  /** Customer code per row: the group id for group k-fold. */
  customer: Int32Array;
  cutoff: Float64Array;
  names: string[];
}

/** Indexes the log and checks that attributes cover every customer code in it. */
export function indexWithAttributes(
  tx: TransactionLog,
  attrs: CustomerAttributes | undefined,
): LogIndex {
  const rows = attributeRows(attrs);
  const ix = indexLog(tx, rows);
  if (attrs && rows < ix.customers && attrs.numeric.length + attrs.categorical.length > 0) {
    throw new RangeError(
      `attributes cover ${rows} customers but the log has code ${ix.customers - 1}`,
    );
  }
  return ix;
}

export function checkDays(name: string, days: number): void {
  if (!(days > 0) || !Number.isFinite(days)) {
    throw new RangeError(`${name} must be a positive number of days (got ${days})`);
  }
}

/**
 * A customer is active at a cutoff when they purchased before it and their last purchase lies in
 * the observation window [cutoff − observationDays, cutoff). Customers silent for longer are
 * left out: they would be endless, easy churn negatives (and churn is what already happened).
 * Rows are ordered by cutoff (as given), then customer code.
 */
export function buildSnapshots(
  tx: TransactionLog,
  attrs: CustomerAttributes | undefined,
  options: SnapshotOptions,
): Snapshots {
  const { cutoffs, label } = options;
  const observationDays = options.observationDays ?? 180;
  const predictionDays = options.predictionDays ?? 90;
  checkDays('observationDays', observationDays);
  checkDays('predictionDays', predictionDays);
  if (label !== 'churn' && label !== 'spend') {
    throw new RangeError(`unknown label ${String(label)}; use churn or spend`);
  }
  const ix = indexWithAttributes(tx, attrs);
  let lastTime = -Infinity;
  for (const t of ix.recTime) if (t > lastTime) lastTime = t;
  const logEnd = options.logEnd ?? Math.floor(lastTime) + 1;
  for (let i = 0; i < cutoffs.length; i++) {
    const c = cutoffs[i]!;
    if (!Number.isFinite(c)) throw new RangeError(`cutoff ${i} is not a day number`);
    if (c + predictionDays > logEnd) {
      throw new RangeError(
        `cutoff ${c}: the prediction window ends on day ${c + predictionDays}, after the log (${logEnd})`,
      );
    }
  }

  const rowCustomer: number[] = [];
  const rowCutoff: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < cutoffs.length; i++) {
    const cut = cutoffs[i]!;
    const end = cut + predictionDays;
    for (let c = 0; c < ix.customers; c++) {
      const pEnd = purchasesBefore(ix, c, cut);
      if (pEnd === ix.purStart[c] || ix.purTime[pEnd - 1]! < cut - observationDays) continue;
      rowCustomer.push(c);
      rowCutoff.push(cut);
      if (label === 'churn') {
        const next = lowerBound(ix.purTime, pEnd, ix.purStart[c + 1]!, end);
        labels.push(next === pEnd ? 1 : 0);
      } else {
        const rs = ix.recStart[c]!;
        const re = ix.recStart[c + 1]!;
        const a = lowerBound(ix.recTime, rs, re, cut);
        labels.push(spendBetween(ix, c, a, lowerBound(ix.recTime, a, re, end)));
      }
    }
  }
  const customer = Int32Array.from(rowCustomer);
  const cutoff = Float64Array.from(rowCutoff);
  const data = featureTable(ix, attrs, customer, cutoff, observationDays);
  return { data, label: Float64Array.from(labels), customer, cutoff, names: data.names! };
}
