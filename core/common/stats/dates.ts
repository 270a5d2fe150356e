// Canonical workspace dates as numbers (epoch days, epoch seconds) and back, for profiling.
import { civilFromDays, daysFromCivil } from '../calendar.js';

/*
 * The workspace stores dates as 'YYYY-MM-DD' and datetimes as 'YYYY-MM-DD HH:MM:SS[.fff]'
 * (UTC). Profiling needs them as numbers for moments, sketches and histograms: parsing by
 * char codes with Hinnant's days-from-civil arithmetic avoids allocating a Date per value
 * and has no time-zone dependence.
 */

const SECONDS_PER_DAY = 86400;

function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1000; // poisons any sum it enters
}

function twoDigits(s: string, i: number): number {
  return digit(s, i) * 10 + digit(s, i + 1);
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export { daysFromCivil };

/** Epoch days of 'YYYY-MM-DD' (the first 10 characters of `s`), or NaN when not a valid date. */
function parseDatePart(s: string): number {
  if (s.length < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  const y = twoDigits(s, 0) * 100 + twoDigits(s, 2);
  const m = twoDigits(s, 5);
  const d = twoDigits(s, 8);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return NaN;
  return daysFromCivil(y, m, d);
}

/** Epoch days of a 'YYYY-MM-DD' string; NaN when it is not one. */
export function parseDate(s: string): number {
  return s.length === 10 ? parseDatePart(s) : NaN;
}

/**
 * Epoch seconds of 'YYYY-MM-DD HH:MM:SS[.fff…]' (a 'T' separator and a bare date, read as
 * midnight, are accepted too); NaN when it is not one.
 */
export function parseDateTime(s: string): number {
  const days = parseDatePart(s);
  if (s.length === 10 || Number.isNaN(days)) return days * SECONDS_PER_DAY;
  const sep = s.charCodeAt(10);
  if (s.length < 19 || (sep !== 32 && sep !== 84) || s.charCodeAt(13) !== 58) return NaN;
  if (s.charCodeAt(16) !== 58) return NaN;
  const h = twoDigits(s, 11);
  const mi = twoDigits(s, 14);
  const sec = twoDigits(s, 17);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return NaN;
  let t = days * SECONDS_PER_DAY + h * 3600 + mi * 60 + sec;
  if (s.length > 19) {
    if (s.charCodeAt(19) !== 46 || s.length === 20) return NaN;
    let frac = 0;
    let scale = 1;
    for (let i = 20; i < s.length; i++) {
      const d = digit(s, i);
      if (d < 0) return NaN;
      frac = frac * 10 + d;
      scale *= 10;
    }
    t += frac / scale;
  }
  return t;
}

const P2: readonly string[] = Array.from({ length: 100 }, (_, n) => (n < 10 ? `0${n}` : `${n}`));

/** 'YYYY-MM-DD' of an integer number of epoch days (Hinnant's civil_from_days). */
export function formatDate(days: number): string {
  const [y, m, d] = civilFromDays(days);
  const ys = y >= 0 ? String(y).padStart(4, '0') : `-${String(-y).padStart(4, '0')}`;
  return `${ys}-${P2[m]}-${P2[d]}`;
}

/** 'YYYY-MM-DD HH:MM:SS[.fff]' of epoch seconds, rounded to the millisecond. */
export function formatDateTime(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const days = Math.floor(ms / 86_400_000);
  let rest = ms - days * 86_400_000;
  const frac = rest % 1000;
  rest = (rest - frac) / 1000;
  const h = Math.floor(rest / 3600);
  const mi = Math.floor((rest % 3600) / 60);
  const s = rest % 60;
  const base = `${formatDate(days)} ${P2[h]}:${P2[mi]}:${P2[s]}`;
  return frac === 0 ? base : `${base}.${String(frac).padStart(3, '0')}`;
}
