// Calendar arithmetic on whole days since 1970-01-01 (UTC), in integers only, so generated
// dates never depend on the machine's time zone. Also the fixed holiday list used by sales.
import { civilFromDays, daysFromCivil } from '../core/common/calendar.js';

/** Days since 1970-01-01 for a proleptic Gregorian date. */
export const dayNumber = daysFromCivil;

/** [year, month (1-12), day] of a day number. */
export const civil = civilFromDays;

/** Parses "YYYY-MM-DD" to a day number. */
export function parseDate(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  return dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

/** "YYYY-MM-DD". */
export function isoDate(dayNum: number): string {
  const [y, m, d] = civil(dayNum);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** "YYYY-MM-DD HH:MM:SS" for a day number plus seconds into that day (0-86399). */
export function isoDateTime(dayNum: number, secondOfDay: number): string {
  const h = Math.floor(secondOfDay / 3600);
  const mi = Math.floor((secondOfDay % 3600) / 60);
  return `${isoDate(dayNum)} ${pad2(h)}:${pad2(mi)}:${pad2(secondOfDay % 60)}`;
}

/** 0 = Monday … 6 = Sunday. */
export function weekday(dayNum: number): number {
  return (((dayNum + 3) % 7) + 7) % 7;
}

/** 0-based day of the year (0 = 1 January). */
export function dayOfYear(dayNum: number): number {
  return dayNum - dayNumber(civil(dayNum)[0], 1, 1);
}

/** The n-th (1-based) given weekday (0 = Monday) of a month; n = -1 for the last one. */
function nthWeekday(year: number, month: number, wd: number, n: number): number {
  if (n > 0) {
    const first = dayNumber(year, month, 1);
    return first + ((wd - weekday(first) + 7) % 7) + 7 * (n - 1);
  }
  const lastDay = (month === 12 ? dayNumber(year + 1, 1, 1) : dayNumber(year, month + 1, 1)) - 1;
  return lastDay - ((weekday(lastDay) - wd + 7) % 7);
}

export interface Holiday {
  day: number;
  /** Stable key, also the key of the sales effect table. */
  key: HolidayKey;
  name: string;
}

export const HOLIDAY_NAMES = {
  new_years_day: "New Year's Day",
  mlk_day: 'Martin Luther King Jr. Day',
  presidents_day: "Presidents' Day",
  memorial_day: 'Memorial Day',
  juneteenth: 'Juneteenth',
  independence_day: 'Independence Day',
  labor_day: 'Labor Day',
  columbus_day: 'Columbus Day',
  veterans_day: 'Veterans Day',
  thanksgiving: 'Thanksgiving Day',
  black_friday: 'Black Friday',
  christmas_eve: 'Christmas Eve',
  christmas_day: 'Christmas Day',
} as const;
export type HolidayKey = keyof typeof HOLIDAY_NAMES;

/**
 * The 11 US federal holidays on their actual dates (not the "observed" weekday), plus Black
 * Friday and Christmas Eve, for one year, in date order.
 */
export function holidays(year: number): Holiday[] {
  const thanksgiving = nthWeekday(year, 11, 3, 4);
  const list: [HolidayKey, number][] = [
    ['new_years_day', dayNumber(year, 1, 1)],
    ['mlk_day', nthWeekday(year, 1, 0, 3)],
    ['presidents_day', nthWeekday(year, 2, 0, 3)],
    ['memorial_day', nthWeekday(year, 5, 0, -1)],
    ['juneteenth', dayNumber(year, 6, 19)],
    ['independence_day', dayNumber(year, 7, 4)],
    ['labor_day', nthWeekday(year, 9, 0, 1)],
    ['columbus_day', nthWeekday(year, 10, 0, 2)],
    ['veterans_day', dayNumber(year, 11, 11)],
    ['thanksgiving', thanksgiving],
    ['black_friday', thanksgiving + 1],
    ['christmas_eve', dayNumber(year, 12, 24)],
    ['christmas_day', dayNumber(year, 12, 25)],
  ];
  return list.map(([key, day]) => ({ day, key, name: HOLIDAY_NAMES[key] }));
}
