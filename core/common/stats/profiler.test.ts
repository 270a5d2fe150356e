import { describe, expect, it } from 'vitest';
import type { ColumnType } from '../schema.js';
import { Rng } from '../random.js';
import { formatDate } from './dates.js';
import type { ColumnProfile } from './profile.js';
import { ColumnProfiler } from './profiler.js';

type Value = number | bigint | string | null;

function profile(type: ColumnType, values: Iterable<Value>, options = {}): ColumnProfile {
  const p = new ColumnProfiler(type, options);
  for (const v of values) p.add(v);
  return p.result();
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

describe('ColumnProfiler', () => {
  it('profiles a real column (numpy reference on small data)', () => {
    const xs = [3.5, -1, 10, 2, 2, 7.25, 0, 11, 5, 2, 8];
    const p = profile('real', [...xs, null, 'n/a', Infinity]);
    expect(p).toMatchObject({ type: 'real', count: 14, missing: 1, invalid: 2, distinct: 9 });
    expect(p.distinctExact).toBe(true);
    expect(p.min).toBe(-1);
    expect(p.max).toBe(11);
    // numpy 2.4: np.mean(xs) 4.5227272727272725, np.std(xs, ddof=1) 4.034932690663107,
    // quantiles as np.quantile(xs, [.01, .05, .25, .5, .75, .95, .99]).
    expect(p.mean).toBeCloseTo(4.5227272727272725, 14);
    expect(p.std).toBeCloseTo(4.034932690663107, 13);
    expect(p.quantiles).toEqual({
      p01: expect.closeTo(-0.9, 12),
      p05: expect.closeTo(-0.5, 12),
      p25: 2,
      p50: 3.5,
      p75: 7.625,
      p95: 10.5,
      p99: expect.closeTo(10.9, 12),
    });
    expect(p.quantilesExact).toBe(true);
    expect(sum(p.histogram!.counts)).toBe(11);
    expect(p.top).toBeUndefined();
  });

  it('profiles an integer column with few values as one bin per value', () => {
    const p = profile('integer', [1, 2, 2, 3, 3, 3, 10, 10n, null]);
    expect(p.histogram).toEqual({
      edges: [1, 2, 3, 10, 11],
      counts: [1, 2, 3, 2],
      labels: ['1', '2', '3', '10'],
    });
    expect(p.distinct).toBe(4);
    expect(p.std).toBeGreaterThan(0);
  });

  it('profiles a large integer column approximately but consistently', () => {
    const rng = new Rng(5);
    const xs = Array.from({ length: 200_000 }, () => Math.floor(Math.exp(rng.normal(5, 1.5))));
    const p = profile('integer', xs, { exactBound: 1000 });
    const sorted = Float64Array.from(xs).sort();
    expect(p.distinctExact).toBe(false);
    expect(Math.abs(p.distinct / new Set(xs).size - 1)).toBeLessThan(0.03);
    expect(p.quantilesExact).toBe(false);
    expect(p.min).toBe(sorted[0]);
    expect(p.max).toBe(sorted[sorted.length - 1]);
    const h = p.histogram!;
    expect(sum(h.counts)).toBe(200_000);
    expect(h.counts.length).toBeLessThanOrEqual(30);
    expect(h.edges.every((e) => Number.isInteger(e))).toBe(true);
  });

  it('gives exact quantiles for many rows of few distinct values', () => {
    const rng = new Rng(8);
    const xs = Array.from({ length: 100_000 }, () => rng.poisson(40));
    const p = profile('integer', xs);
    expect(p.distinctExact).toBe(true);
    expect(p.quantilesExact).toBe(true);
    const sorted = Float64Array.from(xs).sort();
    const linear = (q: number): number => {
      const h = q * (sorted.length - 1);
      const lo = Math.floor(h);
      return sorted[lo]! + (h - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!);
    };
    expect(p.quantiles).toEqual({
      p01: linear(0.01),
      p05: linear(0.05),
      p25: linear(0.25),
      p50: linear(0.5),
      p75: linear(0.75),
      p95: linear(0.95),
      p99: linear(0.99),
    });
    const h = p.histogram!;
    // Exact bins: compare with brute-force counts.
    const brute = h.counts.map(
      (_, i) =>
        xs.filter((x) => x >= h.edges[i]! && (x < h.edges[i + 1]! || i === h.counts.length - 1))
          .length,
    );
    expect(h.counts).toEqual(brute);
  });

  it('profiles a boolean column: share of true and both counts', () => {
    const p = profile('boolean', [1, 0, 1, 1, null, 2, 'yes']);
    expect(p).toMatchObject({ count: 7, missing: 1, invalid: 2, distinct: 2, mean: 0.75 });
    expect(p.top).toEqual([
      { value: 'true', count: 3 },
      { value: 'false', count: 1 },
    ]);
    expect(p.quantiles).toBeUndefined();
  });

  it('profiles a date column with date strings for min, max, quantiles and labels', () => {
    const dates = ['2024-01-01', '2024-01-03', '2024-01-03', '2024-01-10', 'soon', null];
    const p = profile('date', dates);
    expect(p).toMatchObject({ invalid: 1, missing: 1, min: '2024-01-01', max: '2024-01-10' });
    expect(p.quantiles!.p50).toBe('2024-01-03');
    expect(p.mean).toBeUndefined();
    expect(p.histogram!.labels).toEqual(['2024-01-01', '2024-01-03', '2024-01-10']);
    expect(p.histogram!.counts).toEqual([1, 2, 1]);
    // Many distinct days: equal-width bins labelled by their first day.
    const many = Array.from({ length: 1000 }, (_, i) => formatDate(19000 + i));
    const q = profile('date', many);
    expect(q.histogram!.labels![0]).toBe(formatDate(q.histogram!.edges[0]!));
    expect(sum(q.histogram!.counts)).toBe(1000);
  });

  it('profiles a datetime column in epoch seconds, reported as strings', () => {
    const p = profile('datetime', [
      '2024-03-01 00:00:00',
      '2024-03-01 06:30:00.5',
      '2024-03-01 23:59:59',
      '2024-03-01',
      42,
    ]);
    expect(p).toMatchObject({ invalid: 1, min: '2024-03-01 00:00:00', max: '2024-03-01 23:59:59' });
    expect(p.quantiles!.p50).toBe('2024-03-01 03:15:00.250');
    expect(p.histogram!.labels![1]).toBe('2024-03-01 01:00:00');
  });

  it('profiles categorical and text columns: exact top values and lengths', () => {
    const p = profile('categorical', ['a', 'bb', 'a', 'ccc', 'a', 'bb', null, 7]);
    expect(p).toMatchObject({ count: 8, missing: 1, invalid: 0, distinct: 4, topExact: true });
    expect(p.top).toEqual([
      { value: 'a', count: 3 },
      { value: 'bb', count: 2 },
      { value: '7', count: 1 },
      { value: 'ccc', count: 1 },
    ]);
    expect(p.lengths).toEqual({ min: 1, mean: 11 / 7, max: 3 });
    expect(p.histogram).toBeUndefined();
  });

  it('switches a high-cardinality text column to approximate top values', () => {
    const rng = new Rng(9);
    const values = Array.from({ length: 100_000 }, (_, i) =>
      rng.bernoulli(0.3) ? `common-${i % 5}` : `rare-${i}`,
    );
    const p = profile('text', values, { exactBound: 1000 });
    expect(p.distinctExact).toBe(false);
    expect(p.topExact).toBe(false);
    const counts = new Map<string, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    expect(
      p
        .top!.slice(0, 5)
        .map((t) => t.value)
        .sort(),
    ).toEqual(['common-0', 'common-1', 'common-2', 'common-3', 'common-4']);
    for (const t of p.top!.slice(0, 5)) {
      expect(t.count).toBeGreaterThanOrEqual(counts.get(t.value)!);
      expect(t.count - counts.get(t.value)!).toBeLessThanOrEqual(100_000 / 100);
    }
    expect(Math.abs(p.distinct / counts.size - 1)).toBeLessThan(0.02);
  });

  it('keeps the JSON free of null on float-noise and huge values', () => {
    // 0.1 + 0.2 and 0.3 are adjacent doubles: once a hang in the histogram's edges.
    const noise = profile('real', [0.3, 0.1 + 0.2, 0.3, 0.30000000000000004]);
    expect(noise.histogram!.edges[0]).toBeLessThanOrEqual(0.3);
    expect(sum(noise.histogram!.counts)).toBe(4);
    // Squares of 1e200 overflow: std is left out rather than stored as Infinity (null).
    const huge = profile('real', [1e200, -1e200, 3e200]);
    expect(huge.std).toBeUndefined();
    expect(huge.mean).toBeCloseTo(1e200, -190);
    const ids = profile(
      'integer',
      Array.from({ length: 40 }, (_, i) => 2n ** 62n + BigInt(i) * 1024n),
    );
    expect(ids.histogram!.counts.length).toBeGreaterThan(1);
    expect(sum(ids.histogram!.counts)).toBe(40);
    for (const p of [noise, huge, ids]) {
      const json = JSON.stringify(p);
      expect(json).not.toContain('null');
      expect(JSON.parse(json)).toEqual(p);
    }
  });

  it('handles all-missing and empty columns', () => {
    expect(profile('real', [null, null])).toEqual({
      type: 'real',
      count: 2,
      missing: 2,
      invalid: 0,
      distinct: 0,
      distinctExact: true,
    });
    expect(profile('text', []).count).toBe(0);
    expect(() => new ColumnProfiler('blob' as ColumnType)).toThrow(RangeError);
  });

  it('is deterministic: the same values give identical JSON', () => {
    const make = (): string[] => {
      const rng = new Rng(21);
      const out: string[] = [];
      for (const type of ['real', 'text'] as const) {
        const p = new ColumnProfiler(type, { exactBound: 500 });
        for (let i = 0; i < 50_000; i++) {
          p.add(type === 'real' ? rng.normal() : `w${Math.floor(rng.exponential(0.01))}`);
        }
        out.push(JSON.stringify(p.result()));
      }
      return out;
    };
    expect(make()).toEqual(make());
  });

  it('merges partial profiles to about the profile of the whole', () => {
    const rng = new Rng(33);
    const reals = Array.from({ length: 60_000 }, (_, i) =>
      i % 50 === 0 ? null : Math.exp(rng.normal(0, 1)),
    );
    // Pareto-like: w1 ≈ 44 %, w2 ≈ 16 %, w3 ≈ 7 % … and thousands of rare words.
    const words = Array.from({ length: 60_000 }, () => `w${Math.floor((1 - rng.next()) ** -1.2)}`);
    for (const [type, values] of [
      ['real', reals],
      ['categorical', words],
    ] as const) {
      const whole = profile(type, values, { exactBound: 500 });
      const parts = [0, 1, 2].map((k) => {
        const p = new ColumnProfiler(type, { exactBound: 500 });
        for (const v of values.slice(k * 20_000, (k + 1) * 20_000)) p.add(v);
        return p;
      });
      const merged = parts[0]!;
      merged.merge(parts[1]!);
      merged.merge(parts[2]!);
      const m = merged.result();
      expect(m.count).toBe(whole.count);
      expect(m.missing).toBe(whole.missing);
      expect(Math.abs(m.distinct / whole.distinct - 1)).toBeLessThan(0.03);
      if (type === 'real') {
        expect(m.mean).toBeCloseTo(whole.mean!, 10);
        expect(m.std).toBeCloseTo(whole.std!, 10);
        expect(m.min).toBe(whole.min);
        expect(m.max).toBe(whole.max);
        expect(m.quantiles!.p50 as number).toBeCloseTo(whole.quantiles!.p50 as number, 1);
        expect(sum(m.histogram!.counts)).toBe(sum(whole.histogram!.counts));
      } else {
        expect(m.distinctExact).toBe(false);
        expect(m.top!.slice(0, 5).map((t) => t.value)).toEqual(['w1', 'w2', 'w3', 'w4', 'w5']);
        expect(m.top!.slice(0, 5).map((t) => t.value)).toEqual(
          whole.top!.slice(0, 5).map((t) => t.value),
        );
        m.top!.slice(0, 5).forEach((t, i) => {
          expect(Math.abs(t.count - whole.top![i]!.count)).toBeLessThanOrEqual(3 * 200);
        });
        expect(m.lengths).toEqual(whole.lengths);
      }
    }
    expect(() => new ColumnProfiler('real').merge(new ColumnProfiler('text'))).toThrow(RangeError);
  });

  it('seeds the sketch when the exact map overflows mid-stream, and merges across that', () => {
    // 50k rows of 20 values, then 50k rows of many: the sketch starts from the exact counts.
    const rng = new Rng(44);
    const head = Array.from({ length: 50_000 }, () => 100 * rng.int(20));
    const tail = Array.from({ length: 50_000 }, () => rng.int(1_000_000));
    const all = [...head, ...tail];
    const sorted = Float64Array.from(all).sort();
    const rankError = (v: number, q: number): number => {
      let lo = 0;
      while (lo < sorted.length && sorted[lo]! < v) lo++;
      let hi = lo;
      while (hi < sorted.length && sorted[hi] === v) hi++;
      const [a, b] = [lo / sorted.length, hi / sorted.length];
      return q < a ? a - q : q > b ? q - b : 0;
    };
    const whole = profile('integer', all, { exactBound: 1000 });
    expect(whole.distinctExact).toBe(false);
    const first = new ColumnProfiler('integer', { exactBound: 1000 });
    for (const x of head) first.add(x);
    expect(first.result().distinctExact).toBe(true);
    const second = new ColumnProfiler('integer', { exactBound: 1000 });
    for (const x of tail) second.add(x);
    first.merge(second);
    const merged = first.result();
    for (const p of [whole, merged]) {
      expect(sum(p.histogram!.counts)).toBe(100_000);
      for (const [name, q] of [
        ['p05', 0.05],
        ['p25', 0.25],
        ['p50', 0.5],
        ['p75', 0.75],
        ['p95', 0.95],
      ] as const) {
        expect(rankError(p.quantiles![name] as number, q), name).toBeLessThan(0.005);
      }
    }
  });
});
