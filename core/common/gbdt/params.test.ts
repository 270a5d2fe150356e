import { describe, expect, it } from 'vitest';
import { GBDT_PARAMS, parseParams } from './params.js';

describe('parseParams', () => {
  it('fills every declared default', () => {
    const p = parseParams({});
    expect(p.trees).toBe(100);
    expect(p.learning_rate).toBe(0.1);
    expect(p.num_leaves).toBe(31);
    expect(p.max_depth).toBe(-1);
    expect(p.objective).toBe('binary');
    expect(p.monotone_constraints).toEqual([]);
    expect(Object.keys(p).sort()).toEqual(Object.keys(GBDT_PARAMS).sort());
  });

  it('keeps given values', () => {
    const p = parseParams({
      num_leaves: 63,
      objective: 'poisson',
      monotone_constraints: [1, 0, -1],
    });
    expect(p.num_leaves).toBe(63);
    expect(p.objective).toBe('poisson');
    expect(p.monotone_constraints).toEqual([1, 0, -1]);
  });

  it('names the parameter in type and range errors', () => {
    expect(() => parseParams({ num_leaves: 1.5 })).toThrow(/'num_leaves' must be an integer/);
    expect(() => parseParams({ num_leaves: 1 })).toThrow(/'num_leaves' must be in \[2, /);
    expect(() => parseParams({ learning_rate: 0 })).toThrow(/'learning_rate' must be in \(0, /);
    expect(() => parseParams({ bagging_fraction: '0.5' })).toThrow(
      /'bagging_fraction' must be a number/,
    );
    expect(() => parseParams({ tweedie_variance_power: 2 })).toThrow(
      /'tweedie_variance_power'.*\(1, 2\)/,
    );
    expect(() => parseParams({ monotone_constraints: [0, 2] })).toThrow(
      /'monotone_constraints\[1\]'/,
    );
    expect(() => parseParams({ objective: 'hinge' })).toThrow(
      /'objective' must be one of binary, /,
    );
  });

  it('rejects unknown names and lists the valid ones', () => {
    expect(() => parseParams({ n_estimators: 10 })).toThrow(
      /unknown parameter 'n_estimators'; valid: trees, learning_rate/,
    );
  });
});
