import { describe, expect, it } from 'vitest';
import { Rng } from '../../random.js';
import { parseParams } from '../params.js';
import { createObjective, OBJECTIVES } from './index.js';

const rng = new Rng(11);
const n = 9;

/** Labels each objective accepts. */
const labels: Record<string, () => number> = {
  binary: () => rng.int(2),
  regression: () => rng.normal(0, 3),
  l1: () => rng.normal(0, 3),
  huber: () => rng.normal(0, 3),
  quantile: () => rng.normal(0, 3),
  poisson: () => rng.int(6),
  gamma: () => rng.gamma(2, 1.5),
  tweedie: () => (rng.bernoulli(0.4) ? 0 : rng.gamma(2, 1)),
  multiclass: () => rng.int(3),
};
/** Objectives whose hessian is the true second derivative (the others use the row weight). */
const exactHessian = new Set(['binary', 'regression', 'poisson', 'gamma', 'tweedie', 'multiclass']);

describe.each(Object.keys(OBJECTIVES))('objective %s', (name) => {
  const params = parseParams({ objective: name, num_class: 3, alpha: 0.7 });
  const obj = createObjective(name, params);
  const K = obj.numOutputs;
  const y = Float64Array.from({ length: n }, labels[name]!);
  const w = Float64Array.from({ length: n }, () => rng.uniform(0.5, 2));
  const sumW = w.reduce((a, b) => a + b, 0);
  const score = Float64Array.from({ length: K * n }, () => rng.normal(0, 0.8));
  const grad = new Float64Array(K * n);
  const hess = new Float64Array(K * n);
  obj.gradients(y, score, grad, hess, w);

  it('has a registry entry for every label generator', () => {
    expect(labels[name]).toBeDefined();
    obj.checkLabels(y);
  });

  it('gradients match finite differences of the loss', () => {
    const h = 1e-6;
    for (let j = 0; j < K * n; j++) {
      const s = score.slice();
      s[j] = score[j]! + h;
      const up = obj.loss(y, s, w);
      s[j] = score[j]! - h;
      const down = obj.loss(y, s, w);
      expect(grad[j]).toBeCloseTo(((up - down) / (2 * h)) * sumW, 5);
    }
  });

  it('hessians match finite differences of the gradient (or are the row weight)', () => {
    const h = 1e-6;
    const g1 = new Float64Array(K * n);
    const g2 = new Float64Array(K * n);
    const scratch = new Float64Array(K * n);
    for (let j = 0; j < K * n; j++) {
      if (!exactHessian.has(name)) {
        expect(hess[j]).toBe(w[j % n]);
        continue;
      }
      const s = score.slice();
      s[j] = score[j]! + h;
      obj.gradients(y, s, g1, scratch, w);
      s[j] = score[j]! - h;
      obj.gradients(y, s, g2, scratch, w);
      expect(hess[j]).toBeCloseTo((g1[j]! - g2[j]!) / (2 * h), 5);
    }
  });

  it('starts from a score no constant improves on', () => {
    const init = obj.initScore(y, w);
    expect(init).toHaveLength(K);
    const at = (delta: number, k: number): number => {
      const s = new Float64Array(K * n);
      for (let c = 0; c < K; c++) s.fill(init[c]! + (c === k ? delta : 0), c * n, (c + 1) * n);
      return obj.loss(y, s, w);
    };
    for (let k = 0; k < K; k++) {
      expect(at(0, k)).toBeLessThanOrEqual(at(0.05, k) + 1e-12);
      expect(at(0, k)).toBeLessThanOrEqual(at(-0.05, k) + 1e-12);
    }
  });

  it('transforms a margin to the output scale', () => {
    const out = new Float64Array(K);
    obj.transform(new Float64Array(K), out);
    if (name === 'binary') expect(out[0]).toBe(0.5);
    else if (name === 'multiclass') expect(Array.from(out)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    else expect(out[0]).toBeCloseTo(['poisson', 'gamma', 'tweedie'].includes(name) ? 1 : 0, 12);
  });
});

describe('objective registry', () => {
  it('rejects unknown names and bad objective parameters', () => {
    const p = parseParams({});
    expect(() => createObjective('hinge', p)).toThrow(/unknown objective 'hinge'; valid: binary, /);
    expect(() => createObjective('multiclass', p)).toThrow(/num_class >= 2/);
    expect(() => createObjective('quantile', { ...p, alpha: 1.5 })).toThrow(/0 < alpha < 1/);
    expect(() => createObjective('binary', p).checkLabels(Float64Array.from([0, 2]))).toThrow(
      /label 1 is 2/,
    );
  });
});
