import { describe, expect, it } from 'vitest';
import { designColumns, fitDesign, type GlmData, termNames } from './design.js';
import { fitGlm } from './fit.js';

const nan = NaN;

describe('preprocessing', () => {
  it('imputes the training median and adds a missing indicator', () => {
    const data: GlmData = {
      numeric: [Float64Array.of(1, nan, 3, 10, nan, 4), Float64Array.of(1, 2, 3, 4, 5, 6)],
      categorical: [],
      names: ['spend', 'tenure'],
    };
    const spec = fitDesign(data);
    expect(spec.numeric[0]).toMatchObject({ median: 3.5, hasValue: true, missingIndicator: true });
    expect(spec.numeric[1]).toMatchObject({ median: 3.5, missingIndicator: false });
    // mean and population std of the imputed column 1, 3.5, 3, 10, 3.5, 4
    expect(spec.numeric[0]!.mean).toBeCloseTo(25 / 6, 14);
    expect(termNames(spec)).toEqual(['spend', 'missing(spend)', 'tenure']);
    const x = designColumns(spec, data);
    expect(Array.from(x[1]!)).toEqual([0, 1, 0, 0, 1, 0]);
    expect(x[0]![1]).toBeCloseTo((3.5 - 25 / 6) / spec.numeric[0]!.std, 14);
  });

  it('scores a missing value as the median plus the indicator effect', () => {
    const n = 200;
    const spend = Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? nan : (i * 37) % 101));
    const y = Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 || (i * 13) % 5 < 2 ? 1 : 0));
    const m = fitGlm({ numeric: [spend], categorical: [], names: ['spend'] }, y);
    const table = m.coefficients();
    expect(table.map((c) => c.term)).toEqual(['(Intercept)', 'spend', 'missing(spend)']);
    const median = m.design.numeric[0]!.median;
    const link = m.predictLink({ numeric: [Float64Array.of(nan, median)], categorical: [] });
    expect(link[0]! - link[1]!).toBeCloseTo(table[2]!.estimate, 12);
    // On the original scale: η = b₀ + b·spend for a present value.
    const at10 = m.predictLink({ numeric: [Float64Array.of(10)], categorical: [] })[0]!;
    expect(at10).toBeCloseTo(table[0]!.estimate + 10 * table[1]!.estimate, 12);
  });

  it('imputes without an indicator a value missing only at scoring', () => {
    const data: GlmData = { numeric: [Float64Array.of(1, 2, 3, 4, 5, 6)], categorical: [] };
    const m = fitGlm(data, Float64Array.of(0, 1, 0, 1, 1, 1));
    const p = m.predict({ numeric: [Float64Array.of(nan, 3.5, Infinity)], categorical: [] });
    expect(p[0]).toBe(p[1]);
    expect(p[2]).toBe(p[1]);
  });

  it('codes categories against the most frequent level; unseen levels score as it', () => {
    const codes = Int32Array.of(0, 1, 1, 2, 1, 0, 2, 1, 0, 1, -1, 2);
    const levels = [['basic', 'plus', 'premium']];
    const y = Float64Array.of(0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 1, 0);
    const train: GlmData = { numeric: [], categorical: [codes], names: ['plan'], levels };
    const m = fitGlm(train, y);
    expect(m.terms).toEqual(['plan=basic', 'plan=premium', 'missing(plan)']);
    const ref = m.predict({ numeric: [], categorical: [Int32Array.of(1)], levels })[0]!;
    // New level by name, a code past every training level, and codes renumbered at scoring.
    const scoring: GlmData = {
      numeric: [],
      categorical: [Int32Array.of(0, 1, 2, 3)],
      levels: [['enterprise', 'premium', 'plus', 'basic']],
    };
    const p = m.predict(scoring);
    expect(p[0]).toBe(ref);
    expect(p[2]).toBe(ref);
    const byCode = m.predict({ numeric: [], categorical: [Int32Array.of(2, 1, 0)], levels });
    expect(p[1]).toBe(byCode[0]);
    expect(p[3]).toBe(byCode[2]);
    expect(m.predict({ numeric: [], categorical: [Int32Array.of(99)] })[0]).toBe(ref);
  });

  it('leaves out constant columns and a level seen in no training row', () => {
    const data: GlmData = {
      numeric: [Float64Array.of(5, 5, 5, 5), Float64Array.of(1, 2, 3, 5)],
      categorical: [Int32Array.of(0, 0, 2, 0)],
      names: ['flat', 'x', 'c'],
      levels: [['a', 'b', 'c']],
    };
    expect(termNames(fitDesign(data))).toEqual(['x', 'c=c']);
  });

  it('rejects mismatched shapes and bad codes', () => {
    const data: GlmData = { numeric: [Float64Array.of(1, 2)], categorical: [Int32Array.of(0)] };
    expect(() => fitDesign(data)).toThrow(/feature 1 has 1 rows, expected 2/);
    expect(() =>
      fitDesign({ numeric: [], categorical: [Int32Array.of(0, 3)], levels: [['a', 'b']] }),
    ).toThrow(/code 3/);
    const spec = fitDesign({ numeric: [Float64Array.of(1, 2)], categorical: [] });
    expect(() => designColumns(spec, { numeric: [], categorical: [Int32Array.of(0)] })).toThrow(
      /model expects 1 numeric and 0 categorical/,
    );
  });
});
