import { describe, expect, it } from 'vitest';
import {
  dayNumber,
  dayOfYear,
  holidays,
  isoDate,
  isoDateTime,
  parseDate,
  weekday,
} from './calendar.js';

describe('calendar', () => {
  it('agrees with Date in UTC over two centuries', () => {
    for (let d = dayNumber(1950, 1, 1); d < dayNumber(2150, 1, 1); d += 13) {
      const js = new Date(d * 86_400_000);
      expect(isoDate(d)).toBe(js.toISOString().slice(0, 10));
      expect(weekday(d)).toBe((js.getUTCDay() + 6) % 7);
      expect(parseDate(isoDate(d))).toBe(d);
    }
    expect(isoDateTime(dayNumber(2025, 6, 30), 23 * 3600 + 59 * 60 + 7)).toBe(
      '2025-06-30 23:59:07',
    );
    expect(dayOfYear(dayNumber(2024, 12, 31))).toBe(365);
    expect(() => parseDate('2025-6-30')).toThrow();
  });

  it('lists the holidays on their actual dates', () => {
    const h = Object.fromEntries(holidays(2024).map((x) => [x.key, isoDate(x.day)]));
    expect(h).toMatchObject({
      mlk_day: '2024-01-15',
      presidents_day: '2024-02-19',
      memorial_day: '2024-05-27',
      labor_day: '2024-09-02',
      columbus_day: '2024-10-14',
      thanksgiving: '2024-11-28',
      black_friday: '2024-11-29',
      christmas_eve: '2024-12-24',
    });
    expect(holidays(2025).find((x) => x.key === 'thanksgiving')?.day).toBe(dayNumber(2025, 11, 27));
    expect(holidays(2023).find((x) => x.key === 'memorial_day')?.day).toBe(dayNumber(2023, 5, 29));
  });
});
