import { describe, expect, it } from 'vitest';
import { GLM_PARAMS, parseGlmParams } from './params.js';

describe('GLM parameters', () => {
  it('fills in the declared defaults', () => {
    expect(parseGlmParams()).toEqual({
      family: 'logistic',
      alpha: 0,
      l1_ratio: 0,
      max_iter: 100,
      tol: 1e-8,
      tweedie_variance_power: 1.5,
    });
    for (const spec of Object.values(GLM_PARAMS)) expect(spec.doc).toMatch(/\.$/);
  });

  it('names the parameter in every error', () => {
    expect(() => parseGlmParams({ alpha: -0.1 })).toThrow("parameter 'alpha' must be in [0, ");
    expect(() => parseGlmParams({ l1_ratio: 1.5 })).toThrow("parameter 'l1_ratio' must be in");
    expect(() => parseGlmParams({ max_iter: 2.5 })).toThrow("parameter 'max_iter' must be an");
    expect(() => parseGlmParams({ tol: 0 })).toThrow("parameter 'tol' must be in (0, 1]");
    expect(() => parseGlmParams({ tweedie_variance_power: 2 })).toThrow(
      "parameter 'tweedie_variance_power' must be in (1, 2)",
    );
    expect(() => parseGlmParams({ family: 'probit' })).toThrow(
      "parameter 'family' must be one of logistic, poisson, gamma, tweedie, gaussian",
    );
    expect(() => parseGlmParams({ alpha: '1' })).toThrow("parameter 'alpha' must be a number");
    expect(() => parseGlmParams({ lambda: 1 })).toThrow(
      "unknown parameter 'lambda'; valid: family, alpha, l1_ratio, max_iter, tol, tweedie_variance_power",
    );
  });
});
