import { describe, expect, it } from 'vitest';
import { binCounts, binIndex, dedupeEdges } from './bins.js';

describe('bins', () => {
  it('puts a value equal to an edge in the lower bin; outer bins are open', () => {
    const edges = Float64Array.from([1, 2, 3]);
    expect([-5, 1, 1.5, 2, 3, 3.1, 99].map((x) => binIndex(edges, x))).toEqual([
      0, 0, 1, 1, 2, 3, 3,
    ]);
    const r = binCounts(Float64Array.from([-5, 1, 1.5, 2, 3, 3.1, 99, NaN, Infinity]), edges);
    expect(Array.from(r.counts)).toEqual([2, 2, 1, 2]);
    expect(r.missing).toBe(2);
    expect(r.sum).toBeCloseTo(104.6, 12);
  });

  it('counts the same edge by edge (≤ 16 edges) as by binary search (more)', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 10);
    for (const m of [3, 16, 17, 40]) {
      const edges = Float64Array.from({ length: m }, (_, k) => -10 + (20 * (k + 1)) / (m + 1));
      const expected = new Float64Array(m + 1);
      for (const x of values) expected[binIndex(edges, x)]! += 1;
      expect(binCounts(values, edges).counts).toEqual(expected);
    }
  });

  it('drops tied and non-finite quantiles', () => {
    expect(Array.from(dedupeEdges([0, 0, 0, 1, 1, NaN, 2]))).toEqual([0, 1, 2]);
  });
});
