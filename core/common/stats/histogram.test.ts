import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import {
  binOf,
  countsFromRanks,
  countsFromValues,
  discreteHistogram,
  MAX_BINS,
  niceEdges,
} from './histogram.js';
import { QuantileSketch } from './quantiles.js';

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** Counts of xs in the bins of `edges`, by brute force. */
function bruteCounts(edges: readonly number[], xs: ArrayLike<number>): number[] {
  const out = new Array<number>(edges.length - 1).fill(0);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    let b = 0;
    while (b < edges.length - 2 && x >= edges[b + 1]!) b++;
    out[b]!++;
  }
  return out;
}

describe('niceEdges', () => {
  it('picks round steps, 15–30 bins, covering the range', () => {
    for (const [lo, hi] of [
      [0, 1],
      [0.013, 0.87],
      [-3.2, 7.9],
      [1e9, 1e9 + 1],
      [12, 98_765],
      [-1e-7, 3e-7],
    ] as const) {
      const e = niceEdges(lo, hi);
      expect(e.length - 1, `${lo}..${hi}`).toBeGreaterThanOrEqual(15);
      expect(e.length - 1, `${lo}..${hi}`).toBeLessThanOrEqual(MAX_BINS);
      expect(e[0]).toBeLessThanOrEqual(lo);
      expect(e[e.length - 1]).toBeGreaterThanOrEqual(hi);
      for (let i = 1; i < e.length; i++) expect(e[i]!).toBeGreaterThan(e[i - 1]!);
    }
    expect(niceEdges(0, 1)).toEqual([
      0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8,
      0.85, 0.9, 0.95, 1,
    ]);
    // Short decimals, not 0.30000000000000004.
    expect(niceEdges(0, 3)).toContain(0.3);
  });

  it('keeps integer steps for integers and clock steps for seconds', () => {
    const e = niceEdges(1, 40, 'integer');
    expect(e.every((x) => Number.isInteger(x))).toBe(true);
    const day = niceEdges(0, 86_399, 'seconds');
    expect(day[1]! - day[0]!).toBe(3600);
    const year = niceEdges(0, 365 * 86400, 'seconds');
    expect(year.every((x) => x % 86400 === 0)).toBe(true);
  });

  it('gives one bin for a single value and survives extreme ranges', () => {
    expect(niceEdges(5, 5)).toEqual([5, 5]);
    const huge = niceEdges(-1.7e308, 1.7e308);
    expect(huge[0]).toBe(-1.7e308);
    expect(huge[huge.length - 1]).toBe(1.7e308);
    expect(huge.length - 1).toBe(MAX_BINS);
    expect(huge.every((x) => Number.isFinite(x))).toBe(true);
  });

  it('terminates with increasing edges on ranges of a few ulps and values past 2^53', () => {
    // Each of these once hung: the step was so far below the values that k·step needed
    // multipliers past 2^53, where k++ no longer counts.
    for (const [lo, hi, scale] of [
      [0.3, 0.1 + 0.2, 'real'],
      [2 ** 53, 2 ** 53 + 2, 'real'],
      [1e18, 1e18 + 256, 'integer'],
      [1e18, 1e18 + 4096, 'integer'],
      [1.7e9, 1.7e9 + 1e-6, 'seconds'],
      [-1e308, 1e308, 'real'],
    ] as const) {
      const e = niceEdges(lo, hi, scale);
      const tag = `${lo}..${hi}`;
      expect(e.length, tag).toBeGreaterThanOrEqual(2);
      expect(e.length - 1, tag).toBeLessThanOrEqual(MAX_BINS);
      expect(e[0], tag).toBeLessThanOrEqual(lo);
      expect(e[e.length - 1], tag).toBeGreaterThanOrEqual(hi);
      for (let i = 1; i < e.length; i++) expect(e[i]!, tag).toBeGreaterThan(e[i - 1]!);
    }
  });
});

describe('histogram counts', () => {
  const rng = new Rng(3);
  const xs = Float64Array.from({ length: 20_000 }, () => rng.normal(50, 12));
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  const edges = niceEdges(min, max);

  it('exact counts from value counts match brute force and sum to n', () => {
    const values = Array.from(xs);
    const counts = values.map(() => 1);
    const h = countsFromValues(edges, values, counts);
    expect(h).toEqual(bruteCounts(edges, xs));
    expect(sum(h)).toBe(xs.length);
    expect(binOf(edges, max)).toBe(edges.length - 2);
    expect(binOf(edges, min)).toBe(0);
  });

  it('counts from an exact sketch equal the exact counts', () => {
    const s = new QuantileSketch({ exactLimit: 20_000 });
    for (const x of xs) s.add(x);
    expect(s.exact).toBe(true);
    expect(countsFromRanks(edges, (x) => s.rankBelow(x), xs.length)).toEqual(
      bruteCounts(edges, xs),
    );
  });

  it('counts from an approximate sketch sum to n and are close', () => {
    const big = Float64Array.from({ length: 300_000 }, () => rng.normal(50, 12));
    const s = new QuantileSketch();
    for (const x of big) s.add(x);
    const e = niceEdges(s.min, s.max);
    const approx = countsFromRanks(e, (x) => s.rankBelow(x), big.length);
    const exact = bruteCounts(e, big);
    expect(sum(approx)).toBe(big.length);
    expect(approx.every((c) => c >= 0 && Number.isInteger(c))).toBe(true);
    for (let i = 0; i < exact.length; i++) {
      expect(Math.abs(approx[i]! - exact[i]!)).toBeLessThan(0.01 * big.length);
    }
  });

  it('rounds fractional ranks so the bins still sum exactly to n', () => {
    const h = countsFromRanks([0, 1, 2, 3], (x) => x * 3.3, 10);
    expect(sum(h)).toBe(10);
    expect(h).toEqual([3, 4, 3]);
  });

  it('discrete histograms have one bin per value, in order', () => {
    const h = discreteHistogram([3, 1, 2], [30, 10, 20], (v) => `#${v}`);
    expect(h).toEqual({ edges: [1, 2, 3, 4], counts: [10, 20, 30], labels: ['#1', '#2', '#3'] });
    // Past 2^53, v + 1 rounds back to v: the last bin ends at the next double instead.
    const big = discreteHistogram([2 ** 60, 2 ** 60 - 256], [1, 1], String);
    expect(big.edges).toEqual([2 ** 60 - 256, 2 ** 60, 2 ** 60 + 256]);
  });
});
