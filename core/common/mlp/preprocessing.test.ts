import { describe, expect, it } from 'vitest';
import { encodeRows, fitPreprocessing, inputWidth } from './preprocessing.js';

describe('preprocessing', () => {
  const train = {
    numeric: [new Float64Array([1, 2, 3, NaN]), new Float64Array([5, 5, 5, 5])],
    categorical: [new Int32Array([2, 2, 7, -1])],
  };

  it('standardises, flags missing values and one-hot encodes', () => {
    const p = fitPreprocessing(train, 10);
    expect(p.names).toEqual(['f0', 'f1', 'f2']);
    expect(p.numeric[0]).toEqual({ mean: 2, std: Math.sqrt(2 / 3), indicator: true });
    expect(p.numeric[1]).toEqual({ mean: 5, std: 1, indicator: false }); // constant: std 1
    expect(p.categorical[0]!.codes).toEqual([2, 7]);
    expect(inputWidth(p)).toBe(2 + 1 + 2);
    const x = encodeRows(p, {
      numeric: [new Float64Array([2, NaN]), new Float64Array([6, -Infinity])],
      categorical: [new Int32Array([7, 3])],
    });
    // row 0: z, z, missing?, code 2, code 7; row 1: unseen code 3 → all zeros
    expect(Array.from(x)).toEqual([0, 1, 0, 0, 1, 0, 0, 1, 0, 0]);
  });

  it('keeps only the most frequent max_categories codes', () => {
    expect(fitPreprocessing(train, 1).categorical[0]!.codes).toEqual([2]);
  });

  it('refuses data with other columns', () => {
    const p = fitPreprocessing(train, 10);
    expect(() => encodeRows(p, { numeric: [new Float64Array(1)], categorical: [] })).toThrow(
      /takes 2 numeric and 1 categorical/,
    );
  });
});
