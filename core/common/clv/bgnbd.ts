// BG/NBD model of repeat purchasing (Fader, Hardie & Lee 2005, "Counting your customers the
// easy way"): while alive a customer buys at Poisson rate λ ~ Gamma(r, alpha); after each
// purchase they drop out with probability p ~ Beta(a, b). Formulas as in lifetimes'
// BetaGeoFitter, in log space; time is in whatever unit recency and T use (rfmSummary: weeks).
import { nelderMead } from '../optim/nelder-mead.js';
import { clvOptions } from './params.js';
import { hyp2f1, logGamma } from './special.js';

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface BgNbdFit extends BgNbdParams {
  /** Total log-likelihood of the data at the fitted parameters (unpenalised). */
  logLikelihood: number;
  converged: boolean;
}

/** Per-customer calibration data: repeat purchases, recency and age, in one time unit. */
export interface RepeatData {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
}

export interface BgNbdFitOptions {
  /** L2 penalty on the parameters, added to the mean negative log-likelihood as lifetimes does (default 0). */
  penalizer?: number;
  /** Starting point (default r = a = b = 1, alpha = mean T). */
  initial?: BgNbdParams;
}

/** Log-likelihood of one customer (lifetimes' BetaGeoFitter._negative_log_likelihood terms). */
export function bgNbdLogLikelihoodOne(
  { r, alpha, a, b }: BgNbdParams,
  x: number,
  tx: number,
  T: number,
): number {
  const a1 = logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
  const a2 = logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x);
  const a3 = -(r + x) * Math.log(alpha + T);
  if (x === 0) return a1 + a2 + a3;
  const a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  const m = Math.max(a3, a4);
  return a1 + a2 + m + Math.log(Math.exp(a3 - m) + Math.exp(a4 - m));
}

/** Total log-likelihood of a data set. */
export function bgNbdLogLikelihood(params: BgNbdParams, data: RepeatData): number {
  let ll = 0;
  for (let i = 0; i < data.frequency.length; i++) {
    ll += bgNbdLogLikelihoodOne(params, data.frequency[i]!, data.recency[i]!, data.T[i]!);
  }
  return ll;
}

/** Maximum-likelihood fit by Nelder–Mead on the log-parameters (so they stay positive). */
export function fitBgNbd(data: RepeatData, opts: BgNbdFitOptions = {}): BgNbdFit {
  const n = data.frequency.length;
  if (n === 0) throw new RangeError('fitBgNbd: no customers');
  // The likelihood depends on (x, tx, T) only: fit on the distinct triples with counts.
  const groups = new Map<string, [number, number, number, number]>();
  let meanT = 0;
  for (let i = 0; i < n; i++) {
    const x = data.frequency[i]!;
    const tx = data.recency[i]!;
    const T = data.T[i]!;
    if (!(x >= 0 && tx >= 0 && T >= tx)) {
      throw new RangeError(`fitBgNbd: customer ${i} needs frequency >= 0 and 0 <= recency <= T`);
    }
    meanT += T / n;
    const key = `${x},${tx},${T}`;
    const g = groups.get(key);
    if (g) g[3]++;
    else groups.set(key, [x, tx, T, 1]);
  }
  const rows = [...groups.values()];
  const { penalizer } = clvOptions(['penalizer'], opts);
  const unpack = (v: number[]): BgNbdParams => ({
    r: Math.exp(v[0]!),
    alpha: Math.exp(v[1]!),
    a: Math.exp(v[2]!),
    b: Math.exp(v[3]!),
  });
  const logLik = (p: BgNbdParams): number => {
    let ll = 0;
    for (const [x, tx, T, w] of rows) ll += w * bgNbdLogLikelihoodOne(p, x, tx, T);
    return ll;
  };
  const objective = (v: number[]): number => {
    const p = unpack(v);
    const pen = penalizer * (p.r ** 2 + p.alpha ** 2 + p.a ** 2 + p.b ** 2);
    return -logLik(p) / n + pen;
  };
  const init = opts.initial ?? { r: 1, alpha: Math.max(meanT, 1e-3), a: 1, b: 1 };
  const x0 = [init.r, init.alpha, init.a, init.b].map(Math.log);
  const res = nelderMead(objective, x0, {
    step: [0.5, 0.5, 0.5, 0.5],
    fTol: 1e-13,
    xTol: 1e-9,
    maxIterations: 20_000,
    restarts: 4,
  });
  const params = unpack(res.x);
  return { ...params, logLikelihood: logLik(params), converged: res.converged };
}

/**
 * 1 − (1−z)^(a−1) · 2F1(a+b−1−r, a−1; c; z): the common factor of the expectations below,
 * after Euler's transform of lifetimes' 1 − (1−z)^(r+x) · 2F1(r+x, b+x; c; z) with c = a+b+x−1.
 * The transformed series has small upper parameters, so it converges fast even for large x.
 */
function oneMinusScaledHyp(r: number, a: number, b: number, c: number, z: number): number {
  const scaled = Math.exp((a - 1) * Math.log1p(-z)) * hyp2f1(a + b - 1 - r, a - 1, c, z);
  return 1 - scaled;
}

/**
 * Expected purchases in (0, t] of a new customer (lifetimes'
 * expected_number_of_purchases_up_to_time). Needs a ≠ 1 (the formula divides by a − 1).
 */
export function expectedTransactionsNew({ r, alpha, a, b }: BgNbdParams, t: number): number {
  if (t <= 0) return 0;
  const z = t / (alpha + t);
  return ((a + b - 1) / (a - 1)) * oneMinusScaledHyp(r, a, b, a + b - 1, z);
}

/**
 * Expected purchases in the next t units of a customer with calibration data (frequency,
 * recency, T) (lifetimes' conditional_expected_number_of_purchases_up_to_time). Needs a ≠ 1.
 */
export function expectedTransactions(
  { r, alpha, a, b }: BgNbdParams,
  t: number,
  frequency: number,
  recency: number,
  T: number,
): number {
  if (t <= 0) return 0;
  const x = frequency;
  const z = t / (alpha + T + t);
  const numerator = ((a + b + x - 1) / (a - 1)) * oneMinusScaledHyp(r, a, b, a + b + x - 1, z);
  if (x === 0) return numerator;
  const logOdds = Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + T) / (alpha + recency));
  return numerator / (1 + Math.exp(logOdds));
}

/**
 * Probability that the customer is still alive at T (lifetimes' conditional_probability_alive):
 * 1 for frequency 0, since in BG/NBD a customer can drop out only just after a repeat purchase.
 */
export function probabilityAlive(
  { r, alpha, a, b }: BgNbdParams,
  frequency: number,
  recency: number,
  T: number,
): number {
  if (frequency === 0) return 1;
  const logDiv =
    (r + frequency) * Math.log((alpha + T) / (alpha + recency)) + Math.log(a / (b + frequency - 1));
  return 1 / (1 + Math.exp(logDiv));
}
