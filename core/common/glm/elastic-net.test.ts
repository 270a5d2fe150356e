import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import { designColumns, type GlmData } from './design.js';
import { fitGlm } from './fit.js';
import type { GlmModel } from './model.js';
import * as D from './reference-data.fixture.js';
import { referenceData } from './test-data.fixture.js';

// numpy Newton-Raphson, unpenalised logistic on the fixture (see fit.test.ts).
const LOGISTIC_COEF = [
  -2.5595378922450993, 0.039924814941408183, 0.270429075998005, -0.24936295347485002,
  -0.1527631849188872, 0.05071049619054745,
];

/** Two informative columns and eight of pure noise, 400 rows, a logistic label. */
function noisyData(): { data: GlmData; y: Float64Array } {
  const rng = new Rng(7);
  const n = 400;
  const cols = Array.from({ length: 10 }, () =>
    Float64Array.from({ length: n }, () => rng.normal()),
  );
  const y = Float64Array.from({ length: n }, (_, i) => {
    const eta = 1.5 * cols[0]![i]! - 1 * cols[1]![i]!;
    return rng.bernoulli(1 / (1 + Math.exp(-eta))) ? 1 : 0;
  });
  return { data: { numeric: cols, categorical: [] }, y };
}

/**
 * The optimality (KKT) conditions of the elastic net on the standardised design: with G the
 * gradient of Σ wᵢdᵢ/(2W), G₀ = 0 for the intercept; |Gⱼ| ≤ λ₁ where βⱼ = 0; and
 * Gⱼ + λ₁·sign(βⱼ) + λ₂·βⱼ = 0 elsewhere. For the logit link, Gⱼ = Σ (μᵢ − yᵢ)·xᵢⱼ / n.
 */
function kktViolation(m: GlmModel, data: GlmData, y: Float64Array): number {
  const x = designColumns(m.design, data);
  const mu = m.predict(data);
  const beta = m.toJSON().beta;
  const l1 = m.params.alpha * m.params.l1_ratio;
  const l2 = m.params.alpha * (1 - m.params.l1_ratio);
  const n = y.length;
  let worst = Math.abs(mu.reduce((s, v, i) => s + v - y[i]!, 0) / n);
  x.forEach((col, j) => {
    let g = 0;
    for (let i = 0; i < n; i++) g += ((mu[i]! - y[i]!) * col[i]!) / n;
    const b = beta[j]!;
    const v = b === 0 ? Math.max(0, Math.abs(g) - l1) : Math.abs(g + l1 * Math.sign(b) + l2 * b);
    worst = Math.max(worst, v);
  });
  return worst;
}

describe('elastic net (coordinate descent)', () => {
  it('lasso (l1_ratio = 1) sets irrelevant coefficients exactly to zero', () => {
    const { data, y } = noisyData();
    const m = fitGlm(data, y, { alpha: 0.05, l1_ratio: 1 });
    const beta = m.coefficients().slice(1);
    expect(beta[0]!.estimate).toBeGreaterThan(0.5);
    expect(beta[1]!.estimate).toBeLessThan(-0.3);
    for (const c of beta.slice(2)) expect(c.estimate).toBe(0);
    expect(m.fit.converged).toBe(true);
    expect(kktViolation(m, data, y)).toBeLessThan(1e-7);
  });

  it('satisfies the optimality conditions for a mixed penalty', () => {
    const { data, y } = noisyData();
    const m = fitGlm(data, y, { alpha: 0.02, l1_ratio: 0.5 });
    expect(kktViolation(m, data, y)).toBeLessThan(1e-7);
    expect(m.coefficients().some((c) => c.estimate === 0)).toBe(true);
  });

  it('a large enough lasso penalty leaves only the intercept', () => {
    const { data, y } = noisyData();
    const m = fitGlm(data, y, { alpha: 10, l1_ratio: 1 });
    const mean = y.reduce((s, v) => s + v, 0) / y.length;
    const [intercept, ...rest] = m.coefficients();
    expect(rest.every((c) => c.estimate === 0)).toBe(true);
    expect(intercept!.estimate).toBeCloseTo(Math.log(mean / (1 - mean)), 10);
  });

  it('a vanishing lasso penalty reaches the unpenalised solution', () => {
    const m = fitGlm(referenceData, D.yBinary, { alpha: 1e-12, l1_ratio: 1 });
    m.coefficients().forEach((c, j) => {
      expect(Math.abs(c.estimate - LOGISTIC_COEF[j]!)).toBeLessThan(
        1e-6 * Math.abs(LOGISTIC_COEF[j]!),
      );
    });
  });
});
