import { describe, expect, it } from 'vitest';
import { DistinctCounter } from './distinct.js';
import { hashNumber, hashString } from './hash.js';
import { HyperLogLog } from './hll.js';

function hllOf(n: number, key: (i: number) => number): HyperLogLog {
  const h = new HyperLogLog(14);
  for (let i = 0; i < n; i++) h.addHash(key(i));
  return h;
}

describe('HyperLogLog', () => {
  it('is within 2 % at 1M distinct strings and 1M distinct integers', () => {
    const strings = hllOf(1_000_000, (i) => hashString(`customer-${i}`)).estimate();
    const ints = hllOf(1_000_000, (i) => hashNumber(i)).estimate();
    expect(Math.abs(strings / 1e6 - 1)).toBeLessThan(0.02);
    expect(Math.abs(ints / 1e6 - 1)).toBeLessThan(0.02);
  });

  it('has no bias bump across the small and middle range (Ertl estimator)', () => {
    // The classic estimator is off by several percent around 2.5–5 × 16,384 registers.
    for (const n of [100, 1000, 12_000, 40_000, 60_000, 80_000, 200_000]) {
      const e = hllOf(n, (i) => hashNumber(i * 3 + 0.25)).estimate();
      expect(Math.abs(e / n - 1), `n = ${n}`).toBeLessThan(0.025);
    }
    expect(new HyperLogLog().estimate()).toBe(0);
  });

  it('ignores repeats and merges to the union', () => {
    const a = hllOf(50_000, (i) => hashNumber(i % 20_000));
    expect(Math.abs(a.estimate() / 20_000 - 1)).toBeLessThan(0.025);
    const b = hllOf(30_000, (i) => hashNumber(10_000 + i)); // overlaps a on 10k–20k
    a.merge(b);
    expect(Math.abs(a.estimate() / 40_000 - 1)).toBeLessThan(0.025);
    expect(() => a.merge(new HyperLogLog(12))).toThrow(RangeError);
  });
});

describe('DistinctCounter', () => {
  it('counts exactly, with per-value counts, up to the bound', () => {
    const d = new DistinctCounter<string>(hashString, { bound: 100 });
    for (let i = 0; i < 1000; i++) d.add(`v${i % 100}`);
    expect(d.exact).toBe(true);
    expect(d.count()).toBe(100);
    const exact = d.exactCounts()!;
    expect(exact.values[0]).toBe('v0');
    expect(exact.counts.every((c) => c === 10)).toBe(true);
  });

  it('switches to HyperLogLog past the bound, reporting the exact counts once', () => {
    const seen: number[] = [];
    const d = new DistinctCounter<number>(hashNumber, {
      bound: 1000,
      onOverflow: (e) =>
        seen.push(
          e.values.length,
          e.counts.reduce((a, b) => a + b, 0),
        ),
    });
    for (let i = 0; i < 200_000; i++) d.add(i % 50_000);
    expect(d.exact).toBe(false);
    expect(d.exactCounts()).toBeUndefined();
    expect(seen).toEqual([1000, 1000]);
    expect(Math.abs(d.count() / 50_000 - 1)).toBeLessThan(0.02);
  });

  it('never reports fewer than the values it has certainly seen', () => {
    const d = new DistinctCounter<number>(hashNumber, { bound: 10 });
    for (let i = 0; i < 11; i++) d.add(i);
    expect(d.count()).toBeGreaterThanOrEqual(11);
  });

  it('merges: exact + exact stays exact; past the bound it becomes an estimate', () => {
    const a = new DistinctCounter<number>(hashNumber, { bound: 100 });
    const b = new DistinctCounter<number>(hashNumber, { bound: 100 });
    for (let i = 0; i < 60; i++) a.add(i);
    for (let i = 30; i < 90; i++) b.add(i);
    a.merge(b);
    expect(a.exact).toBe(true);
    expect(a.count()).toBe(90);
    expect(a.exactCounts()!.counts.filter((c) => c === 2).length).toBe(30);

    const big = new DistinctCounter<number>(hashNumber, { bound: 100 });
    for (let i = 0; i < 30_000; i++) big.add(i);
    a.merge(big); // union is 0 … 29,999
    expect(a.exact).toBe(false);
    expect(Math.abs(a.count() / 30_000 - 1)).toBeLessThan(0.025);

    const c = new DistinctCounter<number>(hashNumber, { bound: 100 });
    for (let i = 25_000; i < 40_000; i++) c.add(i);
    c.merge(big);
    expect(Math.abs(c.count() / 40_000 - 1)).toBeLessThan(0.025);
  });
});
