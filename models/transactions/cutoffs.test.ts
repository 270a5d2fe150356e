import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil } from '../../core/common/calendar.js';
import { monthlyCutoffs } from './index.js';

const d = (y: number, m: number, day: number) => daysFromCivil(y, m, day);
const dates = (days: number[]) => days.map((x) => civilFromDays(x).join('-'));

describe('monthlyCutoffs', () => {
  it('starts after min(observation, 90) days of history and leaves a whole prediction window', () => {
    const c = monthlyCutoffs(d(2024, 1, 1), d(2025, 6, 30) + 0.9, {
      observationDays: 180,
      predictionDays: 90,
    });
    expect(dates(c)).toEqual([
      '2024-4-1',
      '2024-5-1',
      '2024-6-1',
      '2024-7-1',
      '2024-8-1',
      '2024-9-1',
      '2024-10-1',
      '2024-11-1',
      '2024-12-1',
      '2025-1-1',
      '2025-2-1',
      '2025-3-1',
      '2025-4-1',
    ]);
  });

  it('honours short observation windows, the last day exactly, and maxSnapshots', () => {
    // 30 days of history from 2024-01-15 → 2024-02-14; first month start is March.
    const c = monthlyCutoffs(d(2024, 1, 15), d(2024, 12, 30), {
      observationDays: 30,
      predictionDays: 31,
    });
    expect(dates(c)[0]).toBe('2024-3-1');
    // 2024-12-01 + 31 = 2025-01-01 > 2024-12-31: the last cutoff is November.
    expect(dates(c).at(-1)).toBe('2024-11-1');
    const exact = monthlyCutoffs(d(2024, 1, 15), d(2024, 12, 31), {
      observationDays: 30,
      predictionDays: 31,
    });
    expect(dates(exact).at(-1)).toBe('2024-12-1');
    const recent = monthlyCutoffs(d(2024, 1, 15), d(2024, 12, 31), {
      observationDays: 30,
      predictionDays: 31,
      maxSnapshots: 2,
    });
    expect(dates(recent)).toEqual(['2024-11-1', '2024-12-1']);
  });

  it('returns nothing when the log is too short and rejects bad options', () => {
    const opts = { observationDays: 180, predictionDays: 90 };
    expect(monthlyCutoffs(d(2024, 1, 1), d(2024, 4, 1), opts)).toEqual([]);
    expect(() => monthlyCutoffs(10, 5, opts)).toThrow();
    expect(() => monthlyCutoffs(0, 500, { ...opts, predictionDays: 0 })).toThrow();
    expect(() => monthlyCutoffs(0, 500, { ...opts, maxSnapshots: 0 })).toThrow();
  });
});
