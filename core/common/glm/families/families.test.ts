import { describe, expect, it } from 'vitest';
import { createFamily, FAMILIES } from './index.js';

const params = { tweedie_variance_power: 1.5 };

describe('families', () => {
  it('creates every family by name and lists the names for an unknown one', () => {
    expect(Object.keys(FAMILIES)).toEqual(['logistic', 'poisson', 'gamma', 'tweedie', 'gaussian']);
    expect(() => createFamily('probit', params)).toThrow(
      "unknown family 'probit'; valid: logistic, poisson, gamma, tweedie, gaussian",
    );
    expect(() => createFamily('tweedie', { tweedie_variance_power: 2 })).toThrow(/1 < tweedie/);
  });

  it.each(Object.keys(FAMILIES))('%s: deviance, link and curvature agree', (name) => {
    const f = createFamily(name, params);
    const mu = name === 'logistic' ? 0.3 : 2.5;
    const y = name === 'logistic' ? 1 : 4;
    expect(f.deviance(mu, mu)).toBeCloseTo(0, 14);
    expect(f.deviance(y, mu)).toBeGreaterThan(0);
    const eta = f.link.eta(mu);
    expect(f.link.mu(eta)).toBeCloseTo(mu, 14);
    // dμ/dη by central differences
    const h = 1e-6;
    const numeric = (f.link.mu(eta + h) - f.link.mu(eta - h)) / (2 * h);
    expect(f.link.dmuDeta(eta)).toBeCloseTo(numeric, 8);
    // d(d/2)/dη = −(y − μ)·(dμ/dη)/V(μ), and its derivative is the curvature
    const half = (e: number) => f.deviance(y, f.link.mu(e)) / 2;
    const grad = (half(eta + h) - half(eta - h)) / (2 * h);
    expect(grad).toBeCloseTo((-(y - mu) * f.link.dmuDeta(eta)) / f.variance(mu), 6);
    const curv = (half(eta + 1e-4) - 2 * half(eta) + half(eta - 1e-4)) / 1e-8;
    expect(curv).toBeCloseTo(f.curvature(y, mu), 5);
    // at y = μ the curvature is Fisher's weight
    expect(f.curvature(mu, mu)).toBeCloseTo(f.link.dmuDeta(eta) ** 2 / f.variance(mu), 12);
  });
});
