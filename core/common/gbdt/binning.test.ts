import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import {
  binNumeric,
  sortFloat64,
  categoricalBins,
  binCategorical,
  float32Edge,
  numericEdges,
} from './binning.js';

describe('float32Edge', () => {
  it('prefers the float32 midpoint', () => {
    expect(float32Edge(1, 2)).toBe(1.5);
    expect(float32Edge(0.1, 0.2)).toBe(Math.fround(0.15000000000000002));
  });

  it('separates neighbours in float64 and float32 alike', () => {
    const rng = new Rng(3);
    let gaveUp = 0;
    for (let k = 0; k < 2000; k++) {
      const a = rng.normal() * 10 ** rng.intBetween(-5, 5);
      const b = a + Math.abs(a) * 10 ** -rng.intBetween(3, 9) + 1e-300;
      const t = float32Edge(a, b);
      if (Number.isNaN(t)) {
        // No float32 lies in [a, b): their float32 images are equal or adjacent.
        const f = new Float32Array([Math.fround(a)]);
        const bits = new Int32Array(f.buffer);
        bits[0] = bits[0]! + (a > 0 ? 1 : -1);
        expect([Math.fround(a), f[0]]).toContain(Math.fround(b));
        gaveUp++;
        continue;
      }
      expect(Math.fround(t)).toBe(t);
      expect(a <= t && !(b <= t)).toBe(true);
      expect(Math.fround(a) <= t && !(Math.fround(b) <= t)).toBe(true);
    }
    expect(gaveUp).toBeLessThan(1000);
  });

  it('gives up only when float32 cannot tell the values apart', () => {
    expect(float32Edge(1, 1 + 1e-12)).toBeNaN();
  });
});

describe('numericEdges', () => {
  it('cuts between every distinct value when there are few', () => {
    const edges = numericEdges(Float64Array.from([1, 1, 2, 3, 3, 3]), 255);
    expect(Array.from(edges)).toEqual([1.5, 2.5]);
  });

  it('makes at most maxBin bins of similar size, and isolates heavy values', () => {
    const rng = new Rng(1);
    const v = new Float64Array(10000);
    for (let i = 0; i < v.length; i++) v[i] = i < 3000 ? 0 : rng.normal();
    v.sort();
    const edges = numericEdges(v, 16);
    expect(edges.length).toBeLessThanOrEqual(15);
    expect(edges.length).toBeGreaterThanOrEqual(12);
    const bins = new Uint8Array(v.length);
    binNumeric(v, edges, bins);
    const counts = new Array(edges.length + 2).fill(0);
    for (const b of bins) counts[b]++;
    // The tie at zero has a bin to itself.
    const zeroBin = bins[v.indexOf(0)]!;
    expect(counts[zeroBin]).toBe(3000);
    for (let b = 1; b < counts.length; b++) if (b !== zeroBin) expect(counts[b]).toBeLessThan(1200);
  });

  it('bins by x <= edge, missing to bin 0, and agrees with float32 comparisons', () => {
    const rng = new Rng(2);
    const v = new Float64Array(5000);
    for (let i = 0; i < v.length; i++) v[i] = i % 50 === 0 ? NaN : rng.normal() * 1e3;
    const sorted = v.filter((x) => !Number.isNaN(x)).sort();
    const edges = numericEdges(sorted, 255);
    const bins = new Uint8Array(v.length);
    binNumeric(v, edges, bins);
    let wrong = 0;
    for (let i = 0; i < v.length; i++) {
      const x = v[i]!;
      const b = bins[i]!;
      if (Number.isNaN(x)) {
        if (b !== 0) wrong++;
        continue;
      }
      if (b - 1 < edges.length && !(x <= edges[b - 1]!)) wrong++;
      if (b >= 2 && !(x > edges[b - 2]!)) wrong++;
      for (const t of edges) if (Math.fround(x) <= t !== x <= t) wrong++;
    }
    expect(wrong).toBe(0);
    expect(edges.every((t) => Math.fround(t) === t)).toBe(true);
  });
});

describe('radix sort', () => {
  /** Normal, clustered, tied, tiny, huge, signed-zero and infinite values, some missing. */
  const awkward = (n: number, seed: number): Float64Array => {
    const rng = new Rng(seed);
    const pick = [0, -0, 1e-310, -1e-310, 5e-324, -5e-324, Infinity, -Infinity, 1e300, -1e300];
    return Float64Array.from({ length: n }, (_, i) => {
      const u = rng.next();
      if (u < 0.05) return NaN;
      if (u < 0.15) return pick[i % pick.length]!;
      if (u < 0.4) return 1000 + rng.next() * 1e-9; // many edges in one key bucket
      if (u < 0.6) return Math.round(rng.normal() * 3);
      return rng.normal() * 10 ** rng.int(6);
    });
  };

  it('radix sorts like Float64Array.prototype.sort, −0 before +0', () => {
    for (const seed of [1, 2, 3]) {
      const v = awkward(20000, seed).filter((x) => !Number.isNaN(x));
      const expected = v.slice().sort();
      const got = sortFloat64(v.slice());
      let differ = 0;
      for (let i = 0; i < v.length; i++) if (!Object.is(got[i], expected[i])) differ++;
      expect(differ).toBe(0);
    }
  });
});

describe('categorical bins', () => {
  it('keeps the most frequent codes and sends the rest with missing to bin 0', () => {
    const codes = Int32Array.from([0, 0, 0, 1, 1, 2, -1, 3, 3, 3, 3]);
    const b = categoricalBins(codes, null, 2);
    expect(Array.from(b.binToCode)).toEqual([-1, 0, 3]);
    const out = new Uint8Array(codes.length);
    binCategorical(codes, b, out);
    expect(Array.from(out)).toEqual([1, 1, 1, 0, 0, 0, 0, 2, 2, 2, 2]);
  });
});
