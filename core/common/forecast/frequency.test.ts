import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil } from '../calendar.js';
import { addPeriods, detectFrequency, periodIndex, periodStart } from './frequency.js';

const d = daysFromCivil;

describe('detectFrequency', () => {
  it('detects daily, with gaps', () => {
    expect(detectFrequency([d(2024, 1, 1), d(2024, 1, 2), d(2024, 1, 5), d(2024, 1, 6)])).toEqual({
      frequency: 'daily',
      season: 7,
    });
  });

  it('detects weekly, unordered and with a missing week', () => {
    const days = [0, 7, 21, 14, 35].map((k) => d(2024, 1, 1) + k);
    expect(detectFrequency(days)).toEqual({ frequency: 'weekly', season: 52 });
  });

  it('detects monthly on month starts and on a clamped day of month', () => {
    const starts = Array.from({ length: 14 }, (_, k) => d(2023, 1 + k, 1));
    expect(detectFrequency(starts)).toEqual({ frequency: 'monthly', season: 12 });
    const ends = [d(2024, 1, 31), d(2024, 2, 29), d(2024, 3, 31), d(2024, 4, 30), d(2024, 6, 30)];
    expect(detectFrequency(ends).frequency).toBe('monthly');
    const mid = [d(2024, 1, 15), d(2024, 2, 15), d(2024, 3, 15)];
    expect(detectFrequency(mid).frequency).toBe('monthly');
  });

  it('does not call irregular mid-month days monthly', () => {
    expect(detectFrequency([d(2024, 1, 15), d(2024, 2, 16), d(2024, 3, 15)]).frequency).toBe(
      'daily',
    );
  });

  it('needs two distinct days', () => {
    expect(() => detectFrequency([5, 5])).toThrow(/two distinct/);
  });
});

describe('period arithmetic', () => {
  it('adds calendar months, clamping the day of month', () => {
    expect(civilFromDays(addPeriods(d(2024, 1, 31), 1, 'monthly'))).toEqual([2024, 2, 29]);
    expect(civilFromDays(addPeriods(d(2024, 1, 31), 13, 'monthly'))).toEqual([2025, 2, 28]);
    expect(civilFromDays(addPeriods(d(2024, 3, 1), -3, 'monthly'))).toEqual([2023, 12, 1]);
    expect(addPeriods(100, 3, 'weekly')).toBe(121);
    expect(addPeriods(100, -3, 'daily')).toBe(97);
  });

  it('indexes periods and round-trips with addPeriods', () => {
    const origin = d(2020, 11, 1);
    for (const f of ['daily', 'weekly', 'monthly'] as const) {
      for (const k of [-5, 0, 1, 17, 40]) {
        expect(periodIndex(addPeriods(origin, k, f), origin, f)).toBe(k);
      }
    }
    expect(periodIndex(d(2021, 2, 27), origin, 'monthly')).toBe(3);
    expect(periodIndex(origin + 13, origin, 'weekly')).toBe(1);
    expect(periodIndex(origin - 1, origin, 'weekly')).toBe(-1);
    expect(periodStart(d(2021, 2, 27), origin, 'monthly')).toBe(d(2021, 2, 1));
    expect(periodStart(origin + 13, origin, 'weekly')).toBe(origin + 7);
  });
});
