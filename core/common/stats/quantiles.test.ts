import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import { QuantileSketch, quantilesOfCounts } from './quantiles.js';

const LEVELS = [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999];

function sketchOf(xs: ArrayLike<number>, options = {}): QuantileSketch {
  const s = new QuantileSketch(options);
  for (let i = 0; i < xs.length; i++) s.add(xs[i]!);
  return s;
}

/** First index with a[i] >= x (lower) or > x (upper). */
function bound(a: Float64Array, x: number, upper: boolean): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x || (upper && a[mid] === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Worst rank error of the sketch's quantiles against the sorted data: how far q lies from
 * the range of normalized ranks the returned value occupies (ties make it a range).
 */
function worstRankError(s: QuantileSketch, sorted: Float64Array): number {
  const n = sorted.length;
  let worst = 0;
  for (const q of LEVELS) {
    const v = s.quantile(q);
    const lo = bound(sorted, v, false) / n;
    const hi = bound(sorted, v, true) / n;
    worst = Math.max(worst, q < lo ? lo - q : q > hi ? q - hi : 0);
    // cdf at a true quantile, against the true fraction ≤ it.
    const x = sorted[Math.floor(q * (n - 1))]!;
    worst = Math.max(worst, Math.abs(s.cdf(x) - bound(sorted, x, true) / n));
  }
  return worst;
}

function draw(n: number, f: (rng: Rng) => number, seed = 1): Float64Array {
  const rng = new Rng(seed);
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = f(rng);
  return a;
}

describe('QuantileSketch', () => {
  it('is exact (numpy linear interpolation) on small data', () => {
    const xs = [3.5, -1, 10, 2, 2, 7.25, 0, 11, 5, 2, 8];
    const s = sketchOf(xs);
    expect(s.exact).toBe(true);
    // numpy 2.4: np.quantile(xs, [.01, .05, .25, .5, .75, .95, .99])
    const numpy = [-0.9, -0.5, 2.0, 3.5, 7.625, 10.5, 10.9];
    [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99].forEach((q, i) => {
      expect(s.quantile(q)).toBeCloseTo(numpy[i]!, 12);
    });
    expect(s.quantile(0)).toBe(-1);
    expect(s.quantile(1)).toBe(11);
    expect(s.cdf(2)).toBeCloseTo(5 / 11, 15);
    expect(s.rankBelow(2)).toBe(2);
    expect(s.rankAtMost(2)).toBe(5);
    expect(Number.isNaN(new QuantileSketch().quantile(0.5))).toBe(true);
  });

  it('stays exact up to the exact limit, then bounds its memory', () => {
    const xs = draw(4096, (r) => r.next());
    const s = sketchOf(xs);
    expect(s.exact).toBe(true);
    const sorted = Float64Array.from(xs).sort();
    expect(s.quantile(0.5)).toBe((sorted[2047]! + sorted[2048]!) / 2);
    s.add(0.5);
    expect(s.exact).toBe(false);
    for (let i = 0; i < 200_000; i++) s.add(i);
    expect(s.retained).toBeLessThan(3300);
    expect(s.count).toBe(204_097);
  });

  it('has rank error well under 1 % on 1M lognormal values', () => {
    const xs = draw(1_000_000, (r) => Math.exp(r.normal(0, 2)));
    const s = sketchOf(xs);
    const err = worstRankError(s, Float64Array.from(xs).sort());
    expect(err).toBeLessThan(0.005);
    expect(s.retained).toBeLessThan(3300);
  });

  it('has small rank error on uniform, sorted and reversed input', () => {
    const uniform = draw(300_000, (r) => r.uniform(-5, 5));
    const sorted = Float64Array.from(uniform).sort();
    expect(worstRankError(sketchOf(uniform), sorted)).toBeLessThan(0.005);
    expect(worstRankError(sketchOf(sorted), sorted)).toBeLessThan(0.005);
    expect(worstRankError(sketchOf(Float64Array.from(sorted).reverse()), sorted)).toBeLessThan(
      0.005,
    );
  });

  it('handles heavily tied data: quantiles land on the tied values', () => {
    // 60 % zeros, the rest small integers: every true quantile is one of 11 values.
    const xs = draw(500_000, (r) => (r.bernoulli(0.6) ? 0 : 1 + r.int(10)));
    const s = sketchOf(xs);
    const sorted = Float64Array.from(xs).sort();
    expect(worstRankError(s, sorted)).toBeLessThan(0.005);
    expect(s.quantile(0.5)).toBe(0);
    expect(s.quantile(0.25)).toBe(0);
    // The share of zeros is the jump of the cdf at 0.
    expect(s.cdf(0)).toBeCloseTo(bound(sorted, 0, true) / sorted.length, 2);
    expect(s.rankBelow(0)).toBe(0);
  });

  it('keeps the total weight exactly n, so rank(max) = n', () => {
    const s = sketchOf(draw(123_457, (r) => r.normal()));
    expect(s.rankAtMost(s.max)).toBe(123_457);
    expect(s.rankBelow(s.min)).toBe(0);
  });

  it('is deterministic: same input, same answers', () => {
    const xs = draw(100_000, (r) => r.exponential());
    const a = sketchOf(xs);
    const b = sketchOf(xs);
    expect(LEVELS.map((q) => a.quantile(q))).toEqual(LEVELS.map((q) => b.quantile(q)));
  });

  it('merges to a sketch of the union', () => {
    const xs = draw(400_000, (r) => Math.exp(r.normal(1, 1.5)), 7);
    const parts = [0, 1, 2, 3].map((p) => sketchOf(xs.subarray(p * 100_000, (p + 1) * 100_000)));
    const merged = parts[0]!;
    for (const p of parts.slice(1)) merged.merge(p);
    expect(merged.count).toBe(400_000);
    expect(merged.rankAtMost(merged.max)).toBe(400_000);
    expect(worstRankError(merged, Float64Array.from(xs).sort())).toBeLessThan(0.006);
    expect(merged.retained).toBeLessThan(3300);
    // Two small exact sketches merge into an exact one.
    const a = sketchOf([1, 2, 3]);
    a.merge(sketchOf([4, 5]));
    expect(a.exact).toBe(true);
    expect(a.quantile(0.5)).toBe(3);
  });

  it('quantilesOfCounts equals the quantiles of the expanded values', () => {
    // numpy 2.4: np.quantile([1]*3 + [2]*1 + [5]*4 + [9]*2, [0, .01, .25, .3, .5, .9, .99, 1])
    // = [1.0, 1.0, 1.25, 1.6999999999999997, 5.0, 9.0, 9.0, 9.0]
    const q = quantilesOfCounts(
      [5, 1, 9, 2],
      [4, 3, 2, 1],
      [0, 0.01, 0.25, 0.3, 0.5, 0.9, 0.99, 1],
    );
    const numpy = [1.0, 1.0, 1.25, 1.6999999999999997, 5.0, 9.0, 9.0, 9.0];
    q.forEach((v, i) => expect(v).toBeCloseTo(numpy[i]!, 12));
    expect(quantilesOfCounts([], [], [0.5])[0]).toBeNaN();
    // Interpolating between ±1e308 must not overflow (b − a is 2e308 > Number.MAX_VALUE).
    expect(quantilesOfCounts([-1e308, 1e308], [1, 1], [0.25, 0.5])).toEqual([-5e307, 0]);
  });

  it('addCounts is the same as adding each value count times', () => {
    const values = [5, 1, 9, 2];
    const counts = [40_000, 30_000, 20_001, 7];
    const s = new QuantileSketch();
    s.addCounts(values, counts);
    expect(s.count).toBe(90_008);
    expect(s.rankAtMost(s.max)).toBe(90_008);
    // Items of weight 2^h represent counts exactly: every rank at a value is exact.
    expect(s.rankBelow(2)).toBe(30_000);
    expect(s.rankBelow(5)).toBe(30_007);
    expect(s.rankBelow(9)).toBe(70_007);
    expect(s.quantile(0.5)).toBe(5);
    expect(s.min).toBe(1);
    expect(s.max).toBe(9);
    // Then it keeps streaming.
    for (let i = 0; i < 10_000; i++) s.add(100);
    expect(s.quantile(0.95)).toBe(100);
  });

  it('stays accurate after seeding with a very heavy value', () => {
    // One value with 2^30 copies puts an item at level 30, far above the levels the stream
    // that follows passes through; ranks within that stream must stay accurate.
    const heavy = 2 ** 30;
    const s = new QuantileSketch();
    s.addCounts([-1e9], [heavy]);
    const xs = draw(500_000, (r) => r.normal());
    for (const x of xs) s.add(x);
    const sorted = Float64Array.from(xs).sort();
    let worst = 0;
    for (const q of LEVELS) {
      const i = Math.floor(q * (sorted.length - 1));
      const x = sorted[i]!;
      worst = Math.max(worst, Math.abs(s.rankBelow(x) - heavy - bound(sorted, x, false)));
    }
    expect(worst / sorted.length).toBeLessThan(0.005);
    expect(s.count).toBe(heavy + 500_000);
    expect(s.retained).toBeLessThan(4000);
  });
});
