import { describe, expect, it } from 'vitest';
import { daysFromCivil } from '../calendar.js';
import { regularizePanel } from './series.js';

describe('regularizePanel', () => {
  const rows = {
    items: [2, 1, 1, 1, 2, 1],
    days: [12, 10, 10, 13, 14, 11],
    quantities: [5, 1, 2, 4, 6, 3],
    prices: [9, 2, 4, NaN, 8, 3],
    promotions: [0, 1, 0, 0, 1, 0],
  };

  it('sums rows per item-period and fills missing periods with zeros over each item span', () => {
    const p = regularizePanel(rows, { frequency: 'daily' });
    expect(p).toMatchObject({ frequency: 'daily', season: 7, start: 10, length: 5 });
    const [a, b] = p.series;
    expect(a!.item).toBe(1);
    expect(Array.from(a!.y)).toEqual([3, 3, 0, 4, 0]);
    expect(a!.days).toEqual([10, 11, 12, 13, 14]);
    expect(Array.from(a!.price!)).toEqual([3, 3, NaN, NaN, NaN]);
    expect(Array.from(a!.promotion!)).toEqual([1, 0, 0, 0, 0]);
    // Item 2 starts at its first row and runs to the panel's end.
    expect(b!.offset).toBe(2);
    expect(Array.from(b!.y)).toEqual([5, 0, 6]);
  });

  it("fills with NaN under fill: 'none' and aligns every item under span: 'common'", () => {
    const p = regularizePanel(rows, { frequency: 'daily', fill: 'none', span: 'common' });
    expect(Array.from(p.series[1]!.y)).toEqual([NaN, NaN, 5, NaN, 6]);
    expect(p.series[1]!.offset).toBe(0);
  });

  it('buckets days into calendar months and detects the frequency when not given', () => {
    const d = daysFromCivil;
    const p = regularizePanel(
      {
        items: [7, 7, 7, 7],
        days: [d(2024, 1, 20), d(2024, 1, 3), d(2024, 3, 31), d(2024, 4, 2)],
        quantities: [1, 2, 3, 4],
      },
      { frequency: 'monthly', categories: new Map([[7, 3]]) },
    );
    expect(p.start).toBe(d(2024, 1, 1));
    expect(Array.from(p.series[0]!.y)).toEqual([3, 0, 3, 4]);
    expect(p.series[0]!.category).toBe(3);
    const auto = regularizePanel({ items: [1, 1, 1], days: [0, 7, 21], quantities: [1, 1, 1] });
    expect(auto.frequency).toBe('weekly');
    expect(Array.from(auto.series[0]!.y)).toEqual([1, 1, 0, 1]);
  });
});
