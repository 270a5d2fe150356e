// Training and forecasting rows of the global demand model: one row per item-period, built only
// from what was known before the period (past demand) or planned for it (calendar, holidays,
// price, promotion). Nothing reads the target of its own period or later.
import { civilFromDays, daysFromCivil } from '../../core/common/calendar.js';
import { addPeriods, type Frequency } from '../../core/common/forecast/index.js';
import type { RawData } from '../../core/common/raw-data.js';

/** What the features of a model are; plain data, saved with the model. */
export interface FeatureSpec {
  frequency: Frequency;
  season: number;
  lags: number[];
  /** Rolling windows ending at the previous period. */
  windows: number[];
  /** Demand of a row is divided by the mean of this many previous periods (see scaleAt). */
  scaleWindow: number;
  /** Whether rows are scaled (false: the scale is always 1). */
  scaled: boolean;
  /** Holiday days (days since 1970-01-01), ascending. */
  holidays: number[];
  hasPrice: boolean;
  hasPromotion: boolean;
}

/** One item's history as the features see it. `y` may be longer than `t`: only y[< t] is read. */
export interface SeriesView {
  /** Code of the item among the model's items (0 … k − 1), and its category code (−1: none). */
  itemCode: number;
  category: number;
  /** Day the series' period 0 starts. */
  start: number;
  y: ArrayLike<number>;
  price?: ArrayLike<number>;
  promotion?: ArrayLike<number>;
}

/**
 * Lags: daily 1–7, 14, 21, 28 (the last three are multiples of the weekly season); weekly 1–8,
 * 13, 26, 52 (a quarter, half a year and a year; 1–52 would be 52 mostly redundant columns);
 * monthly 1–12 and 24.
 */
export function defaultLags(frequency: Frequency): number[] {
  const upTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
  if (frequency === 'daily') return [...upTo(7), 14, 21, 28];
  if (frequency === 'weekly') return [...upTo(8), 13, 26, 52];
  return [...upTo(12), 24];
}

const WINDOWS: Record<Frequency, number[]> = { daily: [7, 28], weekly: [4, 13], monthly: [3, 12] };
const SCALE_WINDOW: Record<Frequency, number> = { daily: 28, weekly: 13, monthly: 12 };

export interface FeatureSpecOptions {
  holidays?: readonly number[];
  lags?: number[];
  scaled?: boolean;
}

export function featureSpec(
  frequency: Frequency,
  season: number,
  covariates: { hasPrice: boolean; hasPromotion: boolean },
  options: FeatureSpecOptions = {},
): FeatureSpec {
  return {
    frequency,
    season,
    lags: options.lags ?? defaultLags(frequency),
    windows: WINDOWS[frequency],
    scaleWindow: SCALE_WINDOW[frequency],
    scaled: options.scaled ?? true,
    holidays: [...new Set(options.holidays ?? [])].sort((a, b) => a - b),
    ...covariates,
  };
}

/** Feature names, numeric then categorical, in RawData order. */
export function featureNames(spec: FeatureSpec): { numeric: string[]; categorical: string[] } {
  const numeric = spec.lags.map((k) => `lag_${k}`);
  for (const w of spec.windows) {
    numeric.push(`mean_${w}`, `std_${w}`, `min_${w}`, `max_${w}`);
  }
  numeric.push('log_scale');
  if (spec.frequency === 'daily') {
    numeric.push('day_of_week', 'day_of_month', 'week_of_year', 'month');
    numeric.push('holiday', 'holiday_before', 'holiday_after');
  } else {
    if (spec.frequency === 'weekly') numeric.push('week_of_year');
    numeric.push('month', 'holidays_in_period');
  }
  if (spec.hasPrice) numeric.push('price', 'relative_price');
  if (spec.hasPromotion) numeric.push('promotion');
  return { numeric, categorical: ['item', 'category'] };
}

/**
 * The demand scale of period t: the mean of the `scaleWindow` periods before t (fewer at the
 * start of a series), or 1 when that is 0 or there is no history. Rows are modelled as
 * y / scale with weight scale (Poisson, quantile) or scale^(2 − p) (Tweedie), which is the
 * same loss as modelling y with offset log(scale): a model on scale-free lags that follows
 * each item's level and extrapolates trends that trees alone cannot.
 */
export function scaleAt(spec: FeatureSpec, y: ArrayLike<number>, t: number): number {
  if (!spec.scaled) return 1;
  const from = Math.max(0, t - spec.scaleWindow);
  let s = 0;
  for (let k = from; k < t; k++) s += y[k]!;
  const mean = t > from ? s / (t - from) : 0;
  return mean > 0 ? mean : 1;
}

function countBetween(sorted: readonly number[], from: number, to: number): number {
  // Holidays h with from <= h < to (binary search for both ends).
  const lowerBound = (x: number): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return lowerBound(to) - lowerBound(from);
}

/** Writes the numeric features of series `s` at period `t` into `out` (length: numeric names). */
export function numericFeatures(
  spec: FeatureSpec,
  s: SeriesView,
  t: number,
  out: Float64Array,
): void {
  const y = s.y;
  const scale = scaleAt(spec, y, t);
  let j = 0;
  for (const k of spec.lags) out[j++] = t - k >= 0 ? y[t - k]! / scale : NaN;
  for (const w of spec.windows) {
    const from = Math.max(0, t - w);
    const n = t - from;
    if (n === 0) {
      out.fill(NaN, j, j + 4);
      j += 4;
      continue;
    }
    let sum = 0;
    let sq = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let k = from; k < t; k++) {
      const v = y[k]!;
      sum += v;
      sq += v * v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    const mean = sum / n;
    out[j++] = mean / scale;
    out[j++] = Math.sqrt(Math.max(0, sq / n - mean * mean)) / scale;
    out[j++] = min / scale;
    out[j++] = max / scale;
  }
  out[j++] = Math.log1p(scale);
  const day = addPeriods(s.start, t, spec.frequency);
  const [yy, mm, dd] = civilFromDays(day);
  const weekOfYear = Math.floor((day - daysFromCivil(yy, 1, 1)) / 7);
  if (spec.frequency === 'daily') {
    // 1970-01-01 was a Thursday: 0 = Monday … 6 = Sunday.
    out[j++] = (((day + 3) % 7) + 7) % 7;
    out[j++] = dd;
    out[j++] = weekOfYear;
    out[j++] = mm;
    out[j++] = countBetween(spec.holidays, day, day + 1);
    out[j++] = countBetween(spec.holidays, day + 1, day + 2);
    out[j++] = countBetween(spec.holidays, day - 1, day);
  } else {
    if (spec.frequency === 'weekly') out[j++] = weekOfYear;
    out[j++] = mm;
    const end = addPeriods(s.start, t + 1, spec.frequency);
    out[j++] = countBetween(spec.holidays, day, end);
  }
  if (spec.hasPrice) {
    const p = s.price?.[t] ?? NaN;
    // Price relative to the mean known price of the previous scaleWindow periods (discounts).
    let sum = 0;
    let n = 0;
    for (let k = Math.max(0, t - spec.scaleWindow); k < t; k++) {
      const v = s.price?.[k] ?? NaN;
      if (!Number.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    out[j++] = p;
    out[j++] = n > 0 && sum > 0 ? p / (sum / n) : NaN;
  }
  if (spec.hasPromotion) out[j] = s.promotion?.[t] ?? 0;
}

/** Rows for (series index, period) pairs, as the GBDT reads them. */
export function buildRows(
  spec: FeatureSpec,
  series: readonly SeriesView[],
  rows: ReadonlyArray<readonly [number, number]>,
): RawData {
  const names = featureNames(spec);
  const n = rows.length;
  const numeric = names.numeric.map(() => new Float64Array(n));
  const item = new Int32Array(n);
  const category = new Int32Array(n);
  const buf = new Float64Array(names.numeric.length);
  rows.forEach(([si, t], i) => {
    const s = series[si]!;
    numericFeatures(spec, s, t, buf);
    for (let j = 0; j < buf.length; j++) numeric[j]![i] = buf[j]!;
    item[i] = s.itemCode;
    category[i] = s.category;
  });
  return {
    numeric,
    categorical: [item, category],
    names: [...names.numeric, ...names.categorical],
  };
}
