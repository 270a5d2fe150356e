// Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV"): each
// transaction's value is Gamma(p, ν) (rate ν), and ν ~ Gamma(q, v) across customers; spend is
// assumed independent of the purchase process. As lifetimes' GammaGammaFitter, it is fitted on
// repeat customers only (frequency > 0) from their mean repeat spend.
import { nelderMead } from '../optim/nelder-mead.js';
import { expectedTransactions, type BgNbdParams } from './bgnbd.js';
import { clvOptions } from './params.js';
import { logGamma } from './special.js';

export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

export interface GammaGammaFit extends GammaGammaParams {
  /** Total log-likelihood over the customers fitted (unpenalised). */
  logLikelihood: number;
  converged: boolean;
  /** Number of customers with frequency > 0, the ones the model was fitted on. */
  customers: number;
}

export interface GammaGammaFitOptions {
  /** L2 penalty on p, q, v, added to the mean negative log-likelihood (default 0). */
  penalizer?: number;
}

/** Log-likelihood of one customer's mean spend m over x transactions (x > 0, m > 0). */
export function gammaGammaLogLikelihoodOne(
  { p, q, v }: GammaGammaParams,
  x: number,
  m: number,
): number {
  const px = p * x;
  return (
    logGamma(px + q) -
    logGamma(px) -
    logGamma(q) +
    q * Math.log(v) +
    (px - 1) * Math.log(m) +
    px * Math.log(x) -
    (px + q) * Math.log(x * m + v)
  );
}

/** Fits p, q, v on the customers with frequency > 0 (their monetary must be > 0). */
export function fitGammaGamma(
  frequency: ArrayLike<number>,
  monetary: ArrayLike<number>,
  opts: GammaGammaFitOptions = {},
): GammaGammaFit {
  const xs: number[] = [];
  const ms: number[] = [];
  for (let i = 0; i < frequency.length; i++) {
    if (!(frequency[i]! > 0)) continue;
    if (!(monetary[i]! > 0)) {
      throw new RangeError(`fitGammaGamma: customer ${i} has frequency > 0 but monetary <= 0`);
    }
    xs.push(frequency[i]!);
    ms.push(monetary[i]!);
  }
  const n = xs.length;
  if (n === 0) throw new RangeError('fitGammaGamma: no customer with frequency > 0');
  const { penalizer } = clvOptions(['penalizer'], opts);
  const unpack = (w: number[]): GammaGammaParams => ({
    p: Math.exp(w[0]!),
    q: Math.exp(w[1]!),
    v: Math.exp(w[2]!),
  });
  const logLik = (params: GammaGammaParams): number => {
    let ll = 0;
    for (let i = 0; i < n; i++) ll += gammaGammaLogLikelihoodOne(params, xs[i]!, ms[i]!);
    return ll;
  };
  const objective = (w: number[]): number => {
    const params = unpack(w);
    const pen = penalizer * (params.p ** 2 + params.q ** 2 + params.v ** 2);
    return -logLik(params) / n + pen;
  };
  const res = nelderMead(objective, [0, 0, 0], {
    step: [0.5, 0.5, 0.5],
    fTol: 1e-13,
    xTol: 1e-9,
    maxIterations: 20_000,
    restarts: 4,
  });
  const params = unpack(res.x);
  return { ...params, logLikelihood: logLik(params), converged: res.converged, customers: n };
}

/**
 * Posterior mean spend per transaction (lifetimes' conditional_expected_average_profit): a
 * weighted average of the population mean v·p/(q−1) and the customer's own mean, with weight
 * p·x/(p·x + q − 1) on the latter. Frequency 0 gives the population mean. Needs q > 1.
 */
export function conditionalExpectedSpend(
  { p, q, v }: GammaGammaParams,
  frequency: number,
  monetary: number,
): number {
  const w = (p * frequency) / (p * frequency + q - 1);
  return (1 - w) * ((v * p) / (q - 1)) + w * monetary;
}

/** Calibration data of the customers to value: RFM columns from rfmSummary. */
export interface CustomerData {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
  monetary: ArrayLike<number>;
}

export interface LifetimeValueOptions {
  /** Horizon in whole months (lifetimes' `time`, default 12). */
  months?: number;
  /**
   * Model time units (those of recency and T) per month: lifetimes' 4.345 for weeks (the
   * default), 30 for days.
   */
  unitsPerMonth?: number;
  /** Discount rate per month (default 0.01, lifetimes' default). */
  discountRate?: number;
}

/**
 * Discounted expected spend over the horizon, per customer (lifetimes'
 * customer_lifetime_value): Σ over months k = 1..months of (E[purchases in month k] ×
 * conditional expected spend) / (1 + discountRate)^k. Money in the unit of `monetary`.
 */
export function customerLifetimeValue(
  bg: BgNbdParams,
  gg: GammaGammaParams,
  customers: CustomerData,
  opts: LifetimeValueOptions = {},
): Float64Array {
  const h = clvOptions(['months', 'unitsPerMonth', 'discountRate'], opts);
  const [months, factor, rate] = [h.months, h.unitsPerMonth, h.discountRate];
  const n = customers.frequency.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = customers.frequency[i]!;
    const tx = customers.recency[i]!;
    const T = customers.T[i]!;
    const spend = conditionalExpectedSpend(gg, x, customers.monetary[i]!);
    let clv = 0;
    let previous = 0;
    for (let k = 1; k <= months; k++) {
      const cumulative = expectedTransactions(bg, k * factor, x, tx, T);
      clv += (spend * (cumulative - previous)) / (1 + rate) ** k;
      previous = cumulative;
    }
    out[i] = clv;
  }
  return out;
}
