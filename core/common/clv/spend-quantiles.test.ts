import { describe, expect, it } from 'vitest';
import { fitBgNbd, probabilityAlive } from './bgnbd.js';
import { cdnowSummary } from './cdnow.fixture.js';
import { customerLifetimeValue, fitGammaGamma } from './gamma-gamma.js';
import { simulateSpendQuantiles } from './spend-quantiles.js';

const s = cdnowSummary();
const bg = fitBgNbd(s);
const gg = fitGammaGamma(s.frequency, s.monetary);

describe('simulateSpendQuantiles', () => {
  // The 300 customers with the most repeat purchases, and 300 others, keep the test quick.
  const order = [...s.frequency.keys()].sort((a, b) => s.frequency[b]! - s.frequency[a]! || a - b);
  const pick = [...order.slice(0, 300), ...order.slice(-300)];
  const sub = {
    frequency: pick.map((i) => s.frequency[i]!),
    recency: pick.map((i) => s.recency[i]!),
    T: pick.map((i) => s.T[i]!),
    monetary: pick.map((i) => s.monetary[i]!),
  };
  const opts = { months: 12, seed: 42, draws: 1500 };
  const sim = simulateSpendQuantiles(bg, gg, sub, opts);

  it('is deterministic under a seed and per customer', () => {
    expect(simulateSpendQuantiles(bg, gg, sub, opts)).toEqual(sim);
    const other = simulateSpendQuantiles(bg, gg, sub, { ...opts, seed: 43 });
    expect(other.mean).not.toEqual(sim.mean);
    // Customer i draws from fork(i): simulating a prefix gives the same numbers.
    const head = {
      frequency: sub.frequency.slice(0, 5),
      recency: sub.recency.slice(0, 5),
      T: sub.T.slice(0, 5),
      monetary: sub.monetary.slice(0, 5),
    };
    expect([...simulateSpendQuantiles(bg, gg, head, opts).upper]).toEqual([
      ...sim.upper.slice(0, 5),
    ]);
  });

  it('its mean agrees with customerLifetimeValue', () => {
    const clv = customerLifetimeValue(bg, gg, sub, opts);
    const total = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0);
    // 600 customers × 1,500 draws: the total's Monte-Carlo error is well under 1 %.
    expect(Math.abs(total(sim.mean) / total(clv) - 1)).toBeLessThan(0.02);
    // The heaviest buyer alone: spend per draw has a coefficient of variation near 0.5.
    expect(Math.abs(sim.mean[0]! / clv[0]! - 1)).toBeLessThan(0.05);
  });

  it('orders the 10th percentile, the mean and the 90th percentile', () => {
    for (let i = 0; i < pick.length; i++) {
      expect(sim.lower[i]).toBeLessThanOrEqual(sim.mean[i]!);
      expect(sim.lower[i]).toBeLessThanOrEqual(sim.upper[i]!);
      expect(sim.lower[i]).toBeGreaterThanOrEqual(0);
    }
    // For repeat buyers likely alive the spend is rarely 0, so the mean lies inside the
    // interval. (For lapsed or one-off buyers P(spend = 0) can exceed 90 %, putting the 90th
    // percentile at 0, below the mean.)
    let active = 0;
    for (let i = 0; i < 300; i++) {
      if (probabilityAlive(bg, sub.frequency[i]!, sub.recency[i]!, sub.T[i]!) < 0.5) continue;
      active++;
      expect(sim.mean[i]).toBeLessThanOrEqual(sim.upper[i]!);
      expect(sim.upper[i]).toBeGreaterThan(0);
    }
    expect(active).toBeGreaterThan(200);
  });

  it('validates its options', () => {
    const one = { frequency: [1], recency: [1], T: [2], monetary: [10] };
    expect(() => simulateSpendQuantiles(bg, gg, one, { seed: 1, draws: 0 })).toThrow(/draws/);
    expect(() => simulateSpendQuantiles(bg, gg, one, { seed: 1, lower: 0.9, upper: 0.1 })).toThrow(
      RangeError,
    );
  });
});
