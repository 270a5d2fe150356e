// The inputs shared by snapshots and scoring rows: a transaction log keyed by customer code and
// optional per-customer attributes indexed by the same codes.

/** One row per transaction. `amount` NaN counts as a purchase with no spend; < 0 is a refund. */
export interface TransactionLog {
  /** Customer code per transaction, 0 … k − 1. */
  customer: Int32Array;
  /** Days since 1970-01-01; fractional for datetimes. */
  time: Float64Array;
  amount: Float64Array;
}

/**
 * Static per-customer columns, row c = customer code c, passed through as features (numeric
 * first, then categorical, like RawData). Attributes must be known at every cutoff: a column
 * that is only known later (e.g. "support contacts in the first 90 days") leaks the future.
 */
export interface CustomerAttributes {
  numeric: Float64Array[];
  categorical: Int32Array[];
  names?: string[];
  /** Signup day per customer (NaN = unknown); tenure counts from it when given. */
  signupDay?: Float64Array;
}
