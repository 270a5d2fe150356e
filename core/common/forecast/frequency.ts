// The frequency of a series from its period starts (whole days since 1970-01-01), and period
// arithmetic in that frequency. Monthly periods follow the calendar, so their length varies.
import { civilFromDays, daysFromCivil } from '../calendar.js';

export type Frequency = 'daily' | 'weekly' | 'monthly';

/** Periods per seasonal cycle: a week of days, a year of weeks, a year of months. */
export const SEASON_LENGTH: Readonly<Record<Frequency, number>> = {
  daily: 7,
  weekly: 52,
  monthly: 12,
};

export interface DetectedFrequency {
  frequency: Frequency;
  season: number;
}

function daysInMonth(y: number, m: number): number {
  return m === 12 ? 31 : daysFromCivil(y, m + 1, 1) - daysFromCivil(y, m, 1);
}

/**
 * Detects the frequency of period starts (any order, duplicates ignored; at least two distinct
 * days). Monthly: every day falls on the same day of the month (a day past a month's end is
 * clamped to its last day, so 31 Jan, 28 Feb, 31 Mar is monthly) and consecutive starts are
 * 28 to 31 days apart or whole multiples of months (gaps allowed). Weekly: every gap is a
 * multiple of 7. Otherwise daily.
 */
export function detectFrequency(days: ArrayLike<number>): DetectedFrequency {
  const sorted = [...new Set(Array.from(days))].sort((a, b) => a - b);
  if (sorted.length < 2) throw new RangeError('detectFrequency needs at least two distinct days');
  for (const d of sorted) {
    if (!Number.isInteger(d)) throw new RangeError(`period start ${d} is not a whole day`);
  }
  const of = (frequency: Frequency): DetectedFrequency => ({
    frequency,
    season: SEASON_LENGTH[frequency],
  });
  if (isMonthly(sorted)) return of('monthly');
  let weekly = true;
  for (let i = 1; i < sorted.length; i++) {
    if ((sorted[i]! - sorted[i - 1]!) % 7 !== 0) weekly = false;
  }
  return of(weekly ? 'weekly' : 'daily');
}

function isMonthly(sorted: number[]): boolean {
  const civil = sorted.map(civilFromDays);
  // The anchor day of month is the largest one seen (28 Feb next to 31 Jan means 31).
  const anchor = Math.max(...civil.map((c) => c[2]));
  for (let i = 0; i < civil.length; i++) {
    const [y, m, d] = civil[i]!;
    if (d !== Math.min(anchor, daysInMonth(y, m))) return false;
    if (i > 0) {
      const [py, pm] = civil[i - 1]!;
      if ((y - py) * 12 + (m - pm) < 1) return false;
    }
  }
  return true;
}

/**
 * The index of the period containing `day`, counted from the period starting at `origin`
 * (negative before it). Daily and weekly periods are 1 and 7 days from `origin`; monthly periods
 * are calendar months, counted from `origin`'s month.
 */
export function periodIndex(day: number, origin: number, frequency: Frequency): number {
  switch (frequency) {
    case 'daily':
      return day - origin;
    case 'weekly':
      return Math.floor((day - origin) / 7);
    case 'monthly': {
      const [y, m] = civilFromDays(day);
      const [y0, m0] = civilFromDays(origin);
      return (y - y0) * 12 + (m - m0);
    }
  }
}

/**
 * The day `k` periods after `day` (k may be negative). Monthly steps move by calendar months and
 * keep the day of month, clamped to the target month's length (31 Jan + 1 month = 28/29 Feb).
 */
export function addPeriods(day: number, k: number, frequency: Frequency): number {
  switch (frequency) {
    case 'daily':
      return day + k;
    case 'weekly':
      return day + 7 * k;
    case 'monthly': {
      const [y, m, d] = civilFromDays(day);
      const total = y * 12 + (m - 1) + k;
      const ty = Math.floor(total / 12);
      const tm = total - ty * 12 + 1;
      return daysFromCivil(ty, tm, Math.min(d, daysInMonth(ty, tm)));
    }
  }
}

/** The start of the period containing `day`: itself, the 7-day block from `origin`, or the 1st. */
export function periodStart(day: number, origin: number, frequency: Frequency): number {
  if (frequency === 'monthly') {
    const [y, m] = civilFromDays(day);
    return daysFromCivil(y, m, 1);
  }
  return addPeriods(origin, periodIndex(day, origin, frequency), frequency);
}
