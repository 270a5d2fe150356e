// The transaction log regrouped once per customer and sorted by time, with per-customer prefix
// sums, so that every windowed count or sum at a cutoff is two binary searches and a difference.
// Prefix sums restart at zero for each customer, so a customer's sums up to a cutoff depend on
// nothing but that customer's own earlier records (bit for bit: point-in-time safe).
import type { TransactionLog } from './types.js';

export interface LogIndex {
  customers: number;
  /** Records (purchases and refunds) of customer c are recStart[c] … recStart[c + 1] − 1. */
  recStart: Int32Array;
  recTime: Float64Array;
  /** Net amount before record i of the same customer: index i + c (length n + k). */
  recSpend: Float64Array;
  /** Purchases only (amount not < 0), same layout. */
  purStart: Int32Array;
  purTime: Float64Array;
}

/** First index i in [lo, hi) with a[i] ≥ x (hi when none). */
export function lowerBound(a: Float64Array, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Checks the log and groups it by customer; `minCustomers` covers customers with no records. */
export function indexLog(tx: TransactionLog, minCustomers = 0): LogIndex {
  const n = tx.customer.length;
  if (tx.time.length !== n || tx.amount.length !== n) {
    throw new RangeError(
      `transaction columns differ in length: customer ${n}, time ${tx.time.length}, amount ${tx.amount.length}`,
    );
  }
  let k = minCustomers;
  for (let i = 0; i < n; i++) {
    const c = tx.customer[i]!;
    if (c < 0) throw new RangeError(`transaction ${i} has customer code ${c}; codes start at 0`);
    if (!Number.isFinite(tx.time[i]!)) throw new RangeError(`transaction ${i} has no valid time`);
    if (c >= k) k = c + 1;
  }
  const recStart = new Int32Array(k + 1);
  const purStart = new Int32Array(k + 1);
  for (let i = 0; i < n; i++) {
    const c = tx.customer[i]!;
    recStart[c + 1]!++;
    if (!(tx.amount[i]! < 0)) purStart[c + 1]!++;
  }
  for (let c = 0; c < k; c++) {
    recStart[c + 1]! += recStart[c]!;
    purStart[c + 1]! += purStart[c]!;
  }
  // A counting sort by customer, then each customer's records by time.
  const order = new Uint32Array(n);
  const fill = recStart.slice(0, k);
  for (let i = 0; i < n; i++) order[fill[tx.customer[i]!]!++] = i;
  for (let c = 0; c < k; c++) sortByTime(order, recStart[c]!, recStart[c + 1]!, tx.time, tx.amount);

  const recTime = new Float64Array(n);
  const recAmount = new Float64Array(n);
  const purTime = new Float64Array(purStart[k]!);
  let p = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r]!;
    const a = tx.amount[i]!;
    recTime[r] = tx.time[i]!;
    recAmount[r] = Number.isNaN(a) ? 0 : a;
    if (!(a < 0)) purTime[p++] = tx.time[i]!;
  }
  const recSpend = new Float64Array(n + k);
  for (let c = 0; c < k; c++) {
    let sum = 0;
    for (let r = recStart[c]!; r < recStart[c + 1]!; r++) {
      sum += recAmount[r]!;
      recSpend[r + c + 1] = sum;
    }
  }
  return { customers: k, recStart, recTime, recSpend, purStart, purTime };
}

/**
 * Sorts order[lo … hi − 1] by time, then amount (NaN as 0), then index: records at the same
 * moment are summed in an order that does not depend on how the log was ordered, so features
 * are bit-for-bit the same for any row order. Insertion sort for the usual short runs.
 */
function sortByTime(
  order: Uint32Array,
  lo: number,
  hi: number,
  time: Float64Array,
  amount: Float64Array,
): void {
  const before = (a: number, b: number): number =>
    time[a]! - time[b]! || (amount[a]! || 0) - (amount[b]! || 0) || a - b;
  let sorted = true;
  for (let r = lo + 1; r < hi && sorted; r++) sorted = before(order[r - 1]!, order[r]!) < 0;
  if (sorted) return;
  if (hi - lo > 32) {
    order.subarray(lo, hi).sort(before);
    return;
  }
  for (let r = lo + 1; r < hi; r++) {
    const i = order[r]!;
    let q = r - 1;
    while (q >= lo && before(order[q]!, i) > 0) {
      order[q + 1] = order[q]!;
      q--;
    }
    order[q + 1] = i;
  }
}
