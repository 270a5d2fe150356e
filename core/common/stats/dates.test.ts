import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, parseDate, parseDateTime } from './dates.js';

// Epoch days by Python: (datetime.date.fromisoformat(s) - datetime.date(1970, 1, 1)).days
const DAYS: [string, number][] = [
  ['1970-01-01', 0],
  ['1969-12-31', -1],
  ['2024-02-29', 19782],
  ['1900-03-01', -25508],
  ['0001-01-01', -719162],
  ['9999-12-31', 2932896],
];

describe('dates', () => {
  it('parses and formats dates as epoch days', () => {
    for (const [s, d] of DAYS) {
      expect(parseDate(s), s).toBe(d);
      expect(formatDate(d)).toBe(s);
    }
  });

  it('round-trips every day of a leap cycle', () => {
    for (let d = -146097; d < 146097; d += 37) expect(parseDate(formatDate(d))).toBe(d);
  });

  it('rejects what is not a canonical date', () => {
    for (const s of [
      '2023-02-29',
      '2024-13-01',
      '2024-00-10',
      '2024-1-01',
      '2024/01/01',
      'abc',
      '',
    ]) {
      expect(parseDate(s), s).toBeNaN();
    }
  });

  it('parses and formats datetimes as epoch seconds', () => {
    // Python: datetime(2024, 2, 29, 13, 45, 30, 250000, tzinfo=timezone.utc).timestamp()
    expect(parseDateTime('2024-02-29 13:45:30.250')).toBe(1709214330.25);
    expect(parseDateTime('2024-02-29T13:45:30.25')).toBe(1709214330.25);
    expect(parseDateTime('2024-02-29 13:45:30')).toBe(1709214330);
    expect(parseDateTime('2024-02-29')).toBe(19782 * 86400);
    expect(formatDateTime(1709214330.25)).toBe('2024-02-29 13:45:30.250');
    expect(formatDateTime(1709214330)).toBe('2024-02-29 13:45:30');
    expect(formatDateTime(-0.001)).toBe('1969-12-31 23:59:59.999');
    for (const s of [
      '2024-02-29 24:00:00',
      '2024-02-29 13:45',
      '2024-02-29 13:45:30.',
      '2024-02-29x',
    ]) {
      expect(parseDateTime(s), s).toBeNaN();
    }
  });
});
