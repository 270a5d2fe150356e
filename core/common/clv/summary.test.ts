import { describe, expect, it } from 'vitest';
import { daysFromCivil } from '../calendar.js';
import { cdnowSummary } from './cdnow.fixture.js';
import { rfmSummary } from './summary.js';

describe('rfmSummary', () => {
  // Customer 7: days 0, 0 (merged), 3.5 (floored to 3), 14 (= calibration end, inclusive),
  // 20 (holdout, twice on one day), 40 (after the holdout). Customer 2: one purchase on day 7.
  // Customer 9: first purchase in the holdout, so not in the cohort.
  const input = {
    customer: [7, 2, 7, 7, 7, 9, 7, 7, 7],
    day: [0, 7, 0, 3.5, 14, 16, 20, 20.9, 40],
    amount: [10, 5, 5, 20, 40, 99, 1, 3, 1000],
  };
  const s = rfmSummary(input, { calibrationEnd: 14, holdoutEnd: 21, unitDays: 7 });

  it('merges same-day purchases and measures time in units', () => {
    expect([...s.customer]).toEqual([2, 7]);
    expect([...s.frequency]).toEqual([0, 2]);
    expect([...s.recency]).toEqual([0, 2]);
    expect([...s.T]).toEqual([1, 2]);
    // Repeat days of customer 7: 20 on day 3, 40 on day 14; the first day (15) is excluded.
    expect([...s.monetary]).toEqual([0, 30]);
  });

  it('counts holdout purchase days and spend as lifetimes does', () => {
    expect([...s.holdout!.frequency]).toEqual([0, 1]);
    expect([...s.holdout!.monetary]).toEqual([0, 2]); // mean per raw transaction
    expect([...s.holdout!.spend]).toEqual([0, 4]);
    expect(s.holdoutDuration).toBe(1);
  });

  it('omits holdout columns without holdoutEnd and checks its input', () => {
    expect(rfmSummary(input, { calibrationEnd: 14 }).holdout).toBeUndefined();
    expect(() => rfmSummary({ ...input, day: [1] }, { calibrationEnd: 14 })).toThrow(RangeError);
    expect(() => rfmSummary(input, { calibrationEnd: 14, holdoutEnd: 14 })).toThrow(RangeError);
  });

  it('reproduces the CDNOW reference cohort', () => {
    const c = cdnowSummary();
    expect(c.customer.length).toBe(2357);
    const repeat = [...c.frequency.keys()].filter((i) => c.frequency[i]! > 0);
    expect(repeat.length).toBe(946);
    const meanSpend = repeat.reduce((acc, i) => acc + c.monetary[i]!, 0) / repeat.length;
    expect(meanSpend).toBeCloseTo(35.08, 2);
    // The cohort first bought in Q1 1997: T runs from (09-30 − 03-31) to (09-30 − 01-01) days.
    expect(Math.max(...c.T)).toBeCloseTo(272 / 7, 12);
    const latest = (daysFromCivil(1997, 9, 30) - daysFromCivil(1997, 3, 31)) / 7;
    expect(Math.min(...c.T)).toBeGreaterThanOrEqual(latest);
    expect(c.holdoutDuration).toBe(39);
  });
});
