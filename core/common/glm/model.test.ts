import { describe, expect, it } from 'vitest';
import { fitGlm } from './fit.js';
import { GlmModel } from './model.js';
import * as D from './reference-data.fixture.js';
import { referenceData as data } from './test-data.fixture.js';

describe('GlmModel save and load', () => {
  it.each([
    ['logistic', D.yBinary, {}],
    ['poisson', D.yCount, { alpha: 0.01 }],
    ['gamma', D.yAmount, {}],
    ['tweedie', D.yTweedie, { alpha: 0.1, l1_ratio: 0.5, tweedie_variance_power: 1.3 }],
    ['gaussian', D.yGauss, {}],
  ])('%s: save → load gives identical predictions and coefficients', (family, y, params) => {
    const m = fitGlm(data, y, { family, ...params });
    const text = JSON.stringify(m);
    const back = GlmModel.fromJSON(JSON.parse(text));
    expect(back.predict(data)).toEqual(m.predict(data));
    expect(back.predictLink(data)).toEqual(m.predictLink(data));
    expect(back.coefficients()).toEqual(m.coefficients());
    expect(back.params).toEqual(m.params);
    expect(back.fit).toEqual(m.fit);
    expect(JSON.stringify(GlmModel.fromJSON(text))).toBe(text);
  });

  it('writes its format, version and readable terms', () => {
    const j = fitGlm(data, D.yBinary).toJSON();
    expect(j.format).toBe('sightline-glm');
    expect(j.version).toBe(1);
    expect(j.terms).toEqual(['age', 'usage', 'noise', 'plan=basic', 'plan=premium']);
    expect(j.family).toEqual({ name: 'logistic', params: { tweedie_variance_power: 1.5 } });
  });

  it('refuses other formats, other versions and damaged files with a clear error', () => {
    const j = fitGlm(data, D.yBinary).toJSON();
    expect(() => GlmModel.fromJSON({ ...j, format: 'sightline-gbdt' })).toThrow(
      'not a sightline-glm model',
    );
    expect(() => GlmModel.fromJSON({ ...j, version: 2 })).toThrow(
      'sightline-glm model version 2 is not supported (this build reads version 1)',
    );
    expect(() => GlmModel.fromJSON({ ...j, beta: [1, 2] })).toThrow(/2 coefficients for 5/);
    expect(() => GlmModel.fromJSON({ ...j, intercept: 'x' })).toThrow(/intercept/);
    expect(() => GlmModel.fromJSON({ ...j, params: { ...j.params, alpha: -1 } })).toThrow(
      /parameter 'alpha'/,
    );
    expect(() => GlmModel.fromJSON(null)).toThrow('not a sightline-glm model');
  });

  it('is deterministic: the same fit twice gives the same file', () => {
    const a = JSON.stringify(fitGlm(data, D.yBinary, { alpha: 0.01, l1_ratio: 0.3 }));
    const b = JSON.stringify(fitGlm(data, D.yBinary, { alpha: 0.01, l1_ratio: 0.3 }));
    expect(a).toBe(b);
  });

  it('treats integer weights as repeated rows', () => {
    const n = D.age.length;
    const w = Float64Array.from({ length: n }, (_, i) => 1 + (i % 3));
    const rep = (a: ArrayLike<number>) => Array.from(a).flatMap((v, i) => Array(w[i]).fill(v));
    const weighted = fitGlm(data, D.yCount, { family: 'poisson' }, { weight: w });
    const repeated = fitGlm(
      {
        numeric: data.numeric.map((c) => Float64Array.from(rep(c))),
        categorical: [Int32Array.from(rep(D.plan))],
        names: data.names,
        levels: data.levels,
      },
      rep(D.yCount),
      { family: 'poisson' },
    );
    weighted.coefficients().forEach((c, j) => {
      expect(c.estimate).toBeCloseTo(repeated.coefficients()[j]!.estimate, 9);
    });
  });

  it('says when the unpenalised design is singular, and fits it with a penalty', () => {
    const x = Float64Array.from(D.age);
    const twin = { numeric: [x, Float64Array.from(x, (v) => 2 * v + 1)], categorical: [] };
    expect(() => fitGlm(twin, D.yBinary)).toThrow(/singular.*alpha > 0/);
    const m = fitGlm(twin, D.yBinary, { alpha: 0.01 });
    expect(m.coefficients()[1]!.estimate).toBeCloseTo(2 * m.coefficients()[2]!.estimate, 8);
  });

  it('warns of separation and of a fit stopped by max_iter', () => {
    const x = Float64Array.from({ length: 20 }, (_, i) => i);
    const y = Float64Array.from({ length: 20 }, (_, i) => (i >= 10 ? 1 : 0));
    const separated = fitGlm({ numeric: [x], categorical: [] }, y);
    expect(separated.fit.warnings).toEqual([
      'fitted probabilities numerically 0 or 1 occurred (separation?)',
    ]);
    expect(fitGlm({ numeric: [x], categorical: [] }, y, { alpha: 0.01 }).fit.warnings).toEqual([]);
    const stopped = fitGlm(data, D.yBinary, { max_iter: 1 });
    expect(stopped.fit).toMatchObject({ converged: false, iterations: 1 });
    expect(stopped.fit.warnings).toEqual(['did not converge in max_iter = 1 iterations']);
  });

  it('checks labels and weights against the family', () => {
    expect(() => fitGlm(data, D.yCount)).toThrow(/family 'logistic' needs labels in \[0, 1\]/);
    expect(() => fitGlm(data, D.yTweedie, { family: 'gamma' })).toThrow(/labels > 0/);
    expect(() => fitGlm(data, D.yBinary, {}, { weight: [1] })).toThrow(/1 weights for 120/);
    expect(() => fitGlm(data, [1, 0])).toThrow(/2 labels for 120 rows/);
  });
});
