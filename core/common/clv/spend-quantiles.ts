// Interval for a customer's spend over a horizon, by seeded Monte Carlo from the BG/NBD and
// Gamma-Gamma posteriors. The closed forms give only means (customerLifetimeValue); the spend
// distribution is a point mass at 0 (dead, or no purchase) plus a long right tail, so its
// quantiles are simulated rather than approximated.
import { Rng } from '../random.js';
import { probabilityAlive, type BgNbdParams } from './bgnbd.js';
import { clvOptions } from './params.js';
import type { CustomerData, GammaGammaParams, LifetimeValueOptions } from './gamma-gamma.js';

export interface SpendQuantileOptions extends LifetimeValueOptions {
  /** Seed of the simulation: same seed, same data → same result. */
  seed: number;
  /** Draws per customer (default 2000). */
  draws?: number;
  /** Lower and upper quantile levels (defaults 0.1 and 0.9). */
  lower?: number;
  upper?: number;
}

export interface SpendQuantiles {
  /** Monte-Carlo mean, an estimate of customerLifetimeValue with the same options. */
  mean: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
}

/**
 * Per customer, simulates discounted spend over `months` months (units as in
 * customerLifetimeValue) and returns the mean and the lower/upper quantiles of the draws.
 * One draw: alive at T with probability P(alive); if alive, λ ~ Gamma(r + x, rate alpha + T)
 * and dropout p ~ Beta(a, b + x) (the posterior given survival); purchases then come at
 * exponential(λ) gaps, each followed by dropout with probability p, until the horizon. Each
 * purchase's value is Gamma(p_gg, rate ν) with ν ~ Gamma(p_gg·x + q, rate v + x·monetary),
 * discounted by (1 + discountRate)^k in month k. Customer i uses `new Rng(seed).fork(i)`, so
 * a customer's result does not depend on the others.
 */
export function simulateSpendQuantiles(
  bg: BgNbdParams,
  gg: GammaGammaParams,
  customers: CustomerData,
  opts: SpendQuantileOptions,
): SpendQuantiles {
  const o = clvOptions(
    ['months', 'unitsPerMonth', 'discountRate', 'draws', 'lower', 'upper'],
    opts,
  );
  const [months, factor, rate, draws, lo, hi] = [
    o.months,
    o.unitsPerMonth,
    o.discountRate,
    o.draws,
    o.lower,
    o.upper,
  ];
  if (lo > hi) throw new RangeError(`simulateSpendQuantiles: lower ${lo} > upper ${hi}`);
  const horizon = months * factor;
  const discount = new Float64Array(months + 2);
  for (let k = 0; k < discount.length; k++) discount[k] = 1 / (1 + rate) ** k;
  const root = new Rng(opts.seed);
  const n = customers.frequency.length;
  const out: SpendQuantiles = {
    mean: new Float64Array(n),
    lower: new Float64Array(n),
    upper: new Float64Array(n),
  };
  const values = new Float64Array(draws);
  for (let i = 0; i < n; i++) {
    const rng = root.fork(i);
    const x = customers.frequency[i]!;
    const T = customers.T[i]!;
    const m = x > 0 ? customers.monetary[i]! : 0;
    const pAlive = probabilityAlive(bg, x, customers.recency[i]!, T);
    const lambdaShape = bg.r + x;
    const lambdaScale = 1 / (bg.alpha + T);
    const nuShape = gg.p * x + gg.q;
    const nuScale = 1 / (gg.v + x * m);
    let sum = 0;
    for (let d = 0; d < draws; d++) {
      let total = 0;
      if (rng.bernoulli(pAlive)) {
        const lambda = rng.gamma(lambdaShape, lambdaScale);
        const g1 = rng.gamma(bg.a);
        const dropout = g1 / (g1 + rng.gamma(bg.b + x));
        const nu = rng.gamma(nuShape, nuScale);
        let t = rng.exponential(lambda);
        while (t <= horizon) {
          const month = Math.max(1, Math.ceil(t / factor));
          total += rng.gamma(gg.p, 1 / nu) * discount[month]!;
          if (rng.bernoulli(dropout)) break;
          t += rng.exponential(lambda);
        }
      }
      values[d] = total;
      sum += total;
    }
    values.sort();
    out.mean[i] = sum / draws;
    out.lower[i] = quantileSorted(values, lo);
    out.upper[i] = quantileSorted(values, hi);
  }
  return out;
}

/** Linear interpolation between order statistics (Hyndman & Fan type 7, numpy's default). */
function quantileSorted(sorted: Float64Array, prob: number): number {
  const h = (sorted.length - 1) * prob;
  const j = Math.floor(h);
  const next = sorted[Math.min(j + 1, sorted.length - 1)]!;
  return sorted[j]! + (h - j) * (next - sorted[j]!);
}
