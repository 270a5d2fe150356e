import { describe, expect, it } from 'vitest';
import { expectedTransactions, fitBgNbd } from './bgnbd.js';
import { cdnowSummary } from './cdnow.fixture.js';
import {
  conditionalExpectedSpend,
  customerLifetimeValue,
  fitGammaGamma,
  gammaGammaLogLikelihoodOne,
} from './gamma-gamma.js';

const s = cdnowSummary();
const bg = fitBgNbd(s);
const gg = fitGammaGamma(s.frequency, s.monetary);

describe('Gamma-Gamma on CDNOW', () => {
  it('reproduces the published parameters within 1 % on the 946 repeat customers', () => {
    expect(gg.customers).toBe(946);
    expect(gg.converged).toBe(true);
    expect(Math.abs(gg.p / 6.25 - 1)).toBeLessThan(0.01);
    expect(Math.abs(gg.q / 3.74 - 1)).toBeLessThan(0.01);
    expect(Math.abs(gg.v / 15.45 - 1)).toBeLessThan(0.01);
    let ll = 0;
    for (let i = 0; i < s.customer.length; i++) {
      if (s.frequency[i]! > 0)
        ll += gammaGammaLogLikelihoodOne(gg, s.frequency[i]!, s.monetary[i]!);
    }
    expect(gg.logLikelihood).toBeCloseTo(ll, 8);
  });

  it('predicts mean spend 35.25 against the observed 35.08', () => {
    // As in the lifetimes quickstart: the prediction averages over all 2,357 customers (those
    // without repeats get the population mean), the observation over the 946 repeat customers.
    let predicted = 0;
    let observed = 0;
    for (let i = 0; i < s.customer.length; i++) {
      predicted += conditionalExpectedSpend(gg, s.frequency[i]!, s.monetary[i]!);
      if (s.frequency[i]! > 0) observed += s.monetary[i]!;
    }
    predicted /= s.customer.length;
    observed /= gg.customers;
    expect(Math.abs(predicted / 35.25 - 1)).toBeLessThan(0.01);
    expect(Math.abs(observed / 35.08 - 1)).toBeLessThan(0.01);
    expect(Math.abs(predicted / observed - 1)).toBeLessThan(0.01);
  });

  it('shrinks toward the population mean, less with more purchases', () => {
    const population = (gg.v * gg.p) / (gg.q - 1);
    expect(conditionalExpectedSpend(gg, 0, 0)).toBeCloseTo(population, 12);
    const one = conditionalExpectedSpend(gg, 1, 100);
    const ten = conditionalExpectedSpend(gg, 10, 100);
    expect(one).toBeGreaterThan(population);
    expect(ten).toBeGreaterThan(one);
    expect(ten).toBeLessThan(100);
  });

  it('rejects repeat customers without spend', () => {
    expect(() => fitGammaGamma([1, 2], [10, 0])).toThrow(RangeError);
    expect(() => fitGammaGamma([0, 0], [0, 0])).toThrow(RangeError);
  });
});

describe('customerLifetimeValue', () => {
  it('without discounting is expected spend × expected purchases over the horizon', () => {
    const clv = customerLifetimeValue(bg, gg, s, { months: 9, discountRate: 0 });
    for (const i of [0, 5, 50, 500]) {
      const [x, tx, T, m] = [s.frequency[i]!, s.recency[i]!, s.T[i]!, s.monetary[i]!];
      const direct =
        conditionalExpectedSpend(gg, x, m) * expectedTransactions(bg, 9 * 4.345, x, tx, T);
      expect(clv[i]).toBeCloseTo(direct, 9);
    }
  });

  it('discounting lowers the value, and a longer horizon raises it', () => {
    const base = customerLifetimeValue(bg, gg, s, { months: 12 });
    const steeper = customerLifetimeValue(bg, gg, s, { months: 12, discountRate: 0.05 });
    const longer = customerLifetimeValue(bg, gg, s, { months: 24 });
    for (let i = 0; i < s.customer.length; i++) {
      expect(steeper[i]).toBeLessThan(base[i]!);
      expect(longer[i]).toBeGreaterThan(base[i]!);
    }
  });
});

describe('options', () => {
  it('are validated against CLV_PARAMS, naming the parameter', () => {
    expect(() => customerLifetimeValue(bg, gg, s, { months: 1.5 })).toThrow(/months/);
    expect(() => customerLifetimeValue(bg, gg, s, { discountRate: -0.1 })).toThrow(/discountRate/);
  });

  it('a penalizer shrinks the fitted parameters', () => {
    const penalised = fitGammaGamma(s.frequency, s.monetary, { penalizer: 0.01 });
    expect(penalised.v).toBeLessThan(gg.v);
    expect(penalised.logLikelihood).toBeLessThan(gg.logLikelihood);
    const bgPenalised = fitBgNbd(s, { penalizer: 0.01 });
    expect(bgPenalised.alpha).toBeLessThan(bg.alpha);
  });
});
