// The JSON shape of a column profile, as stored with the column and printed by the CLI.
import type { ColumnType } from '../schema.js';
import type { Histogram } from './histogram.js';
import type { TopValue } from './topk.js';

/** A number for numeric columns; a 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS[.fff]' string for dates. */
export type ProfileValue = number | string;

export interface Quantiles {
  p01: ProfileValue;
  p05: ProfileValue;
  p25: ProfileValue;
  p50: ProfileValue;
  p75: ProfileValue;
  p95: ProfileValue;
  p99: ProfileValue;
}

/**
 * Statistics of one column. Fields are present only where they make sense: min, max,
 * quantiles and histogram for integer, real, date and datetime; mean and std for integer and
 * real (mean is the share of true for boolean); top for boolean, categorical and text;
 * lengths (in UTF-16 code units) for categorical and text. Statistics cover the valid
 * values only: count − missing − invalid.
 */
export interface ColumnProfile {
  type: ColumnType;
  /** Rows seen. */
  count: number;
  /** Nulls. */
  missing: number;
  /** Non-null values that do not fit the type (text in a number column, a bad date, ±∞). */
  invalid: number;
  distinct: number;
  /** False when `distinct` is a HyperLogLog estimate (standard error 0.8 %). */
  distinctExact: boolean;
  min?: ProfileValue;
  max?: ProfileValue;
  /** Absent if it overflows a double (values near ±1.8e308). */
  mean?: number;
  /**
   * Sample standard deviation (divisor n − 1), present from two values; absent if the sum of
   * squares overflows a double (values beyond ~1e154).
   */
  std?: number;
  /**
   * numpy-style (linear) quantiles: exact up to 4,096 values or 10,000 distinct values, else
   * from the KLL sketch, within ~0.3 % in rank.
   */
  quantiles?: Quantiles;
  quantilesExact?: boolean;
  histogram?: Histogram;
  /** Up to 20 most frequent values, by count then value. */
  top?: TopValue[];
  /** False when counts are SpaceSaving estimates (each at most n / 100 too high). */
  topExact?: boolean;
  lengths?: { min: number; mean: number; max: number };
}

/** The quantile levels a profile reports, by field name. */
export const QUANTILE_LEVELS: readonly (readonly [keyof Quantiles, number])[] = [
  ['p01', 0.01],
  ['p05', 0.05],
  ['p25', 0.25],
  ['p50', 0.5],
  ['p75', 0.75],
  ['p95', 0.95],
  ['p99', 0.99],
];
