// The behavioural features of one customer at one cutoff, computed only from records with
// time < cutoff. Windows are half-open: "the last 90 days" is [cutoff − 90, cutoff).
import type { RawData } from '../../core/common/raw-data.js';
import { lowerBound, type LogIndex } from './log-index.js';
import type { CustomerAttributes } from './types.js';

/**
 * Feature names in column order. "Purchases" exclude refunds (amount < 0); spend sums are net
 * of refunds. The observation window is [cutoff − observationDays, cutoff).
 *
 * - recency_days: days from the last purchase to the cutoff.
 * - frequency, monetary_total, monetary_mean: purchases, net spend, and spend per purchase in
 *   the observation window (mean NaN without purchases).
 * - frequency_30d, frequency_90d, monetary_90d: purchases / net spend in the last 30 / 90 days.
 * - spend_trend: (L − P) / (L + P) with L, P the net spend (floored at 0) in the last 90 days and
 *   the 90 days before; −1 = stopped spending, 0 = flat, +1 = new spend; NaN when both are 0.
 *   The percent change is 2·s / (1 − s).
 * - gap_mean, gap_std: mean and population standard deviation of the gaps between consecutive
 *   purchases in the observation window (NaN with fewer than 1 / 2 gaps).
 * - overdue_ratio: recency_days / gap_mean (NaN without a positive gap_mean).
 * - tenure_days: days since signup, or since the first purchase if earlier or no signup is known.
 * - lifetime_purchases, lifetime_spend: all purchases / net spend before the cutoff.
 */
export const FEATURE_NAMES = [
  'recency_days',
  'frequency',
  'monetary_total',
  'monetary_mean',
  'frequency_30d',
  'frequency_90d',
  'monetary_90d',
  'spend_trend',
  'gap_mean',
  'gap_std',
  'overdue_ratio',
  'tenure_days',
  'lifetime_purchases',
  'lifetime_spend',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

/** Purchases of customer c before the cutoff are ix.purTime[purStart[c]] … [end − 1]. */
export function purchasesBefore(ix: LogIndex, c: number, cutoff: number): number {
  return lowerBound(ix.purTime, ix.purStart[c]!, ix.purStart[c + 1]!, cutoff);
}

/** Net spend of customer c over records [a, b) of the customer's segment. */
export function spendBetween(ix: LogIndex, c: number, a: number, b: number): number {
  return ix.recSpend[b + c]! - ix.recSpend[a + c]!;
}

/** Writes the FEATURE_NAMES values of customer c at `cutoff` into `cols[·][row]`. */
export function writeFeatures(
  ix: LogIndex,
  c: number,
  cutoff: number,
  observationDays: number,
  signupDay: number,
  cols: Float64Array[],
  row: number,
): void {
  const t = ix.purTime;
  const ps = ix.purStart[c]!;
  const pEnd = lowerBound(t, ps, ix.purStart[c + 1]!, cutoff);
  const rs = ix.recStart[c]!;
  const rEnd = lowerBound(ix.recTime, rs, ix.recStart[c + 1]!, cutoff);
  const pObs = lowerBound(t, ps, pEnd, cutoff - observationDays);
  const rObs = lowerBound(ix.recTime, rs, rEnd, cutoff - observationDays);
  const r90 = lowerBound(ix.recTime, rs, rEnd, cutoff - 90);
  const r180 = lowerBound(ix.recTime, rs, r90, cutoff - 180);

  const recency = pEnd > ps ? cutoff - t[pEnd - 1]! : NaN;
  const frequency = pEnd - pObs;
  const total = spendBetween(ix, c, rObs, rEnd);
  const last = Math.max(0, spendBetween(ix, c, r90, rEnd));
  const prev = Math.max(0, spendBetween(ix, c, r180, r90));
  const gapMean = frequency >= 2 ? (t[pEnd - 1]! - t[pObs]!) / (frequency - 1) : NaN;
  let gapStd = NaN;
  if (frequency >= 3) {
    let ss = 0;
    for (let i = pObs + 1; i < pEnd; i++) ss += (t[i]! - t[i - 1]! - gapMean) ** 2;
    gapStd = Math.sqrt(ss / (frequency - 1));
  }
  const first = pEnd > ps ? t[ps]! : NaN;
  const start = Number.isFinite(signupDay) && !(signupDay > first) ? signupDay : first;

  cols[0]![row] = recency;
  cols[1]![row] = frequency;
  cols[2]![row] = total;
  cols[3]![row] = frequency > 0 ? total / frequency : NaN;
  cols[4]![row] = pEnd - lowerBound(t, ps, pEnd, cutoff - 30);
  cols[5]![row] = pEnd - lowerBound(t, ps, pEnd, cutoff - 90);
  cols[6]![row] = spendBetween(ix, c, r90, rEnd);
  cols[7]![row] = last + prev > 0 ? (last - prev) / (last + prev) : NaN;
  cols[8]![row] = gapMean;
  cols[9]![row] = gapStd;
  cols[10]![row] = gapMean > 0 ? recency / gapMean : NaN;
  cols[11]![row] = cutoff - start;
  cols[12]![row] = pEnd - ps;
  cols[13]![row] = spendBetween(ix, c, rs, rEnd);
}

/** Number of customers the attributes describe (0 when there are none). */
export function attributeRows(attrs: CustomerAttributes | undefined): number {
  if (!attrs) return 0;
  const cols: ArrayLike<number>[] = [...attrs.numeric, ...attrs.categorical];
  if (attrs.signupDay) cols.push(attrs.signupDay);
  const n = cols[0]?.length ?? 0;
  cols.forEach((col, j) => {
    if (col.length !== n) throw new RangeError(`attribute ${j} has ${col.length} rows, not ${n}`);
  });
  if (attrs.names && attrs.names.length !== attrs.numeric.length + attrs.categorical.length) {
    throw new RangeError(
      `${attrs.names.length} attribute names for ${attrs.numeric.length + attrs.categorical.length} attributes`,
    );
  }
  return n;
}

/** Behavioural features and attribute names, checked for clashes. */
export function featureNames(attrs: CustomerAttributes | undefined): string[] {
  const nNum = attrs?.numeric.length ?? 0;
  const nCat = attrs?.categorical.length ?? 0;
  const attrNames = attrs?.names ?? [
    ...Array.from({ length: nNum }, (_, j) => `numeric_${j}`),
    ...Array.from({ length: nCat }, (_, j) => `categorical_${j}`),
  ];
  const names = [...FEATURE_NAMES, ...attrNames];
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new RangeError(`feature name ${name} appears twice`);
    seen.add(name);
  }
  return names;
}

/**
 * Computes features for the given (customer, cutoff) rows and gathers the attributes of each
 * row's customer, as RawData (behaviour and numeric attributes, then categorical attributes).
 */
export function featureTable(
  ix: LogIndex,
  attrs: CustomerAttributes | undefined,
  rowCustomer: Int32Array,
  rowCutoff: Float64Array,
  observationDays: number,
): RawData {
  const n = rowCustomer.length;
  const behaviour = FEATURE_NAMES.map(() => new Float64Array(n));
  const signup = attrs?.signupDay;
  for (let r = 0; r < n; r++) {
    const c = rowCustomer[r]!;
    const s = signup && c < signup.length ? signup[c]! : NaN;
    writeFeatures(ix, c, rowCutoff[r]!, observationDays, s, behaviour, r);
  }
  const numeric = (attrs?.numeric ?? []).map((col) =>
    Float64Array.from(rowCustomer, (c) => (c < col.length ? col[c]! : NaN)),
  );
  const categorical = (attrs?.categorical ?? []).map((col) =>
    Int32Array.from(rowCustomer, (c) => (c < col.length ? col[c]! : -1)),
  );
  return {
    numeric: [...behaviour, ...numeric],
    categorical,
    names: featureNames(attrs),
  };
}
