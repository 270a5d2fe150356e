// Rows for scoring current customers: the snapshot features at one date for every customer who
// has purchased before it, with no label (the future is what the model predicts).
import type { RawData } from '../../core/common/raw-data.js';
import { featureTable, purchasesBefore } from './features.js';
import { checkDays, indexWithAttributes } from './snapshots.js';
import type { CustomerAttributes, TransactionLog } from './types.js';

export interface ScoringOptions {
  /** The cutoff: only records with time < asOf are used (typically the day after the log). */
  asOf: number;
  /** Must match the observationDays the model was trained with (default 180). */
  observationDays?: number;
}

export interface ScoringRows {
  data: RawData;
  /** Customer code per row, ascending. */
  customer: Int32Array;
  names: string[];
}

/**
 * Features at `asOf` for every customer with a purchase before it, including customers silent
 * for longer than the observation window (who were never training rows: filter them out or
 * treat their scores as extrapolation).
 */
export function buildScoringRows(
  tx: TransactionLog,
  attrs: CustomerAttributes | undefined,
  options: ScoringOptions,
): ScoringRows {
  const { asOf } = options;
  const observationDays = options.observationDays ?? 180;
  checkDays('observationDays', observationDays);
  if (!Number.isFinite(asOf)) throw new RangeError(`asOf ${asOf} is not a day number`);
  const ix = indexWithAttributes(tx, attrs);
  const rows: number[] = [];
  for (let c = 0; c < ix.customers; c++) {
    if (purchasesBefore(ix, c, asOf) > ix.purStart[c]!) rows.push(c);
  }
  const customer = Int32Array.from(rows);
  const cutoff = new Float64Array(customer.length).fill(asOf);
  const data = featureTable(ix, attrs, customer, cutoff, observationDays);
  return { data, customer, names: data.names! };
}
