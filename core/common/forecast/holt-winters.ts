// Holt-Winters exponential smoothing (FPP3 §8.3 component form): additive or multiplicative
// seasonality, additive trend (optionally damped) or none. Smoothing weights and initial states
// are fitted together by minimising the one-step SSE with Nelder–Mead, as statsmodels'
// ExponentialSmoothing does with initialization_method='estimated'.
import { nelderMead } from '../optim/nelder-mead.js';
import { Rng } from '../random.js';
import { checkLevel, type Forecast, sortedQuantile } from './interval.js';

export type SeasonalKind = 'add' | 'mul';

export interface HoltWintersOptions {
  /** 'auto' (default) fits both and keeps the lower AICc ('add' only if some y ≤ 0). */
  seasonal?: SeasonalKind | 'auto';
  /** Default 'add'. */
  trend?: 'add' | 'none';
  /**
   * Damped trend, φ in (0.8, 0.98) as FPP3 suggests. 'auto' (default with an additive trend)
   * fits both and keeps the lower AICc, as R's forecast::ets does.
   */
  damped?: boolean | 'auto';
}

/** A fitted model: plain numbers only, so it serialises with JSON.stringify. */
export interface HoltWintersModel {
  seasonal: SeasonalKind;
  trend: 'add' | 'none';
  damped: boolean;
  season: number;
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
  /** States after the last observation: level, slope, and the seasonal index of the next m periods. */
  level: number;
  slope: number;
  seasonals: number[];
  /** Number of observations fitted, one-step SSE, residual σ̂ = √(SSE / (n − k)), AICc. */
  n: number;
  sse: number;
  sigma: number;
  aicc: number;
  /** Number of fitted parameters k (smoothing weights, φ, free initial states). */
  parameters: number;
}

interface Spec {
  seasonal: SeasonalKind;
  trend: boolean;
  damped: boolean;
  m: number;
}

interface States {
  level: number;
  slope: number;
  /** Circular: s[t mod m] holds the seasonal index of period t − m while period t is processed. */
  s: Float64Array;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const logit = (p: number): number => Math.log(p / (1 - p));
const PHI_MIN = 0.8;
const PHI_SPAN = 0.18;

/**
 * One step of the recursions: returns the one-step forecast made before `y` and updates `st`
 * in place. Multiplicative seasonality needs positive indices and a positive level + slope;
 * the caller treats NaN as outside the domain.
 */
function step(
  sp: Spec,
  a: number,
  b: number,
  g: number,
  phi: number,
  st: States,
  t: number,
  y: number,
): number {
  const j = t % sp.m;
  const sPrev = st.s[j]!;
  const base = st.level + phi * st.slope;
  const mul = sp.seasonal === 'mul';
  const yhat = mul ? base * sPrev : base + sPrev;
  const level = mul ? (a * y) / sPrev + (1 - a) * base : a * (y - sPrev) + (1 - a) * base;
  if (sp.trend) st.slope = b * (level - st.level) + (1 - b) * phi * st.slope;
  st.s[j] = mul ? (g * y) / base + (1 - g) * sPrev : g * (y - base) + (1 - g) * sPrev;
  st.level = level;
  return yhat;
}

interface Unpacked {
  a: number;
  b: number;
  g: number;
  phi: number;
  st: States;
}

function unpack(sp: Spec, x: readonly number[]): Unpacked {
  let i = 0;
  const a = sigmoid(x[i++]!);
  const b = sp.trend ? sigmoid(x[i++]!) : 0;
  const g = sigmoid(x[i++]!);
  const phi = sp.damped ? PHI_MIN + PHI_SPAN * sigmoid(x[i++]!) : 1;
  const level = x[i++]!;
  const slope = sp.trend ? x[i++]! : 0;
  // m − 1 free seasonal states; the last makes them sum to 0 (add) or to m (mul).
  const s = new Float64Array(sp.m);
  let sum = 0;
  for (let j = 0; j < sp.m - 1; j++) {
    s[j] = x[i++]!;
    sum += s[j]!;
  }
  s[sp.m - 1] = (sp.seasonal === 'mul' ? sp.m : 0) - sum;
  return { a, b, g, phi, st: { level, slope, s } };
}

function sse(sp: Spec, y: ArrayLike<number>, x: readonly number[]): number {
  const { a, b, g, phi, st } = unpack(sp, x);
  if (sp.seasonal === 'mul') for (const v of st.s) if (!(v > 0)) return Infinity;
  let total = 0;
  for (let t = 0; t < y.length; t++) {
    if (sp.seasonal === 'mul' && !(st.level + phi * st.slope > 0 && st.s[t % sp.m]! > 0)) {
      return Infinity;
    }
    const e = y[t]! - step(sp, a, b, g, phi, st, t, y[t]!);
    total += e * e;
  }
  return total;
}

/** Heuristic initial states from the first two seasons (FPP3-style), the optimiser's start. */
function initialGuess(
  sp: Spec,
  y: ArrayLike<number>,
  a0: number,
  b0: number,
  g0: number,
): number[] {
  const m = sp.m;
  const mean = (from: number): number => {
    let s = 0;
    for (let t = from; t < from + m; t++) s += y[t]!;
    return s / m;
  };
  const m1 = mean(0);
  const slope = sp.trend && y.length >= 2 * m ? (mean(m) - m1) / m : 0;
  const level = m1 - (slope * (m + 1)) / 2;
  const seasons = y.length >= 2 * m ? 2 : 1;
  const s: number[] = [];
  for (let j = 0; j < m; j++) {
    let v = 0;
    for (let k = 0; k < seasons; k++) {
      const t = k * m + j;
      const trendAt = level + slope * (t + 1);
      v += sp.seasonal === 'mul' ? y[t]! / trendAt : y[t]! - trendAt;
    }
    s.push(v / seasons);
  }
  // Normalise: mean 0 (add) or 1 (mul).
  const avg = s.reduce((p, v) => p + v, 0) / m;
  const norm = s.map((v) => (sp.seasonal === 'mul' ? v / avg : v - avg));
  const x = [logit(a0)];
  if (sp.trend) x.push(logit(b0));
  x.push(logit(g0));
  if (sp.damped) x.push(logit(0.5));
  x.push(level);
  if (sp.trend) x.push(slope);
  x.push(...norm.slice(0, m - 1));
  return x;
}

function fitSpec(y: ArrayLike<number>, sp: Spec): HoltWintersModel {
  const n = y.length;
  // Stage 1: smoothing weights only, from a few starts, with the heuristic initial states.
  let best: { x: number[]; fx: number } | undefined;
  for (const [a0, b0, g0] of [
    [0.3, 0.05, 0.1],
    [0.1, 0.01, 0.3],
    [0.7, 0.1, 0.05],
  ] as const) {
    const x0 = initialGuess(sp, y, a0, b0, g0);
    const nw = (sp.trend ? 3 : 2) + (sp.damped ? 1 : 0);
    const rest = x0.slice(nw);
    const r = nelderMead((w) => sse(sp, y, [...w, ...rest]), x0.slice(0, nw), {
      step: new Array(nw).fill(1),
    });
    if (!best || r.fx < best.fx) best = { x: [...r.x, ...rest], fx: r.fx };
  }
  // Stage 2: weights and initial states together.
  const joint = nelderMead((x) => sse(sp, y, x), best!.x, { restarts: 3 });
  const x = joint.fx <= best!.fx ? joint.x : best!.x;
  const { a, b, g, phi, st } = unpack(sp, x);
  let total = 0;
  for (let t = 0; t < n; t++) {
    const e = y[t]! - step(sp, a, b, g, phi, st, t, y[t]!);
    total += e * e;
  }
  const k = x.length;
  const sigma = Math.sqrt(total / Math.max(1, n - k));
  const aicc =
    n * Math.log(total / n) + 2 * k + (n - k - 1 > 0 ? (2 * k * (k + 1)) / (n - k - 1) : Infinity);
  return {
    seasonal: sp.seasonal,
    trend: sp.trend ? 'add' : 'none',
    damped: sp.damped,
    season: sp.m,
    alpha: a,
    beta: b,
    gamma: g,
    phi,
    level: st.level,
    slope: st.slope,
    seasonals: Array.from({ length: sp.m }, (_, j) => st.s[(n + j) % sp.m]!),
    n,
    sse: total,
    sigma,
    aicc,
    parameters: k,
  };
}

/** Fits Holt-Winters to `y` (at least two full seasons) with season length `season` ≥ 2. */
export function fitHoltWinters(
  y: ArrayLike<number>,
  season: number,
  options: HoltWintersOptions = {},
): HoltWintersModel {
  if (!(Number.isInteger(season) && season >= 2)) throw new RangeError(`bad season ${season}`);
  if (y.length < 2 * season) {
    throw new RangeError(`Holt-Winters needs two seasons (${2 * season} values), got ${y.length}`);
  }
  for (let t = 0; t < y.length; t++) {
    if (!Number.isFinite(y[t]!)) throw new RangeError(`y[${t}] is not finite`);
  }
  const kind = options.seasonal ?? 'auto';
  let positive = true;
  for (let t = 0; t < y.length; t++) if (!(y[t]! > 0)) positive = false;
  if (kind === 'mul' && !positive) {
    throw new RangeError('multiplicative seasonality needs every value > 0');
  }
  const trend = (options.trend ?? 'add') === 'add';
  const dampedChoices = !trend
    ? [false]
    : options.damped === 'auto' || options.damped === undefined
      ? [false, true]
      : [options.damped];
  const kinds: SeasonalKind[] = kind !== 'auto' ? [kind] : positive ? ['add', 'mul'] : ['add'];
  let best: HoltWintersModel | undefined;
  for (const seasonal of kinds) {
    for (const damped of dampedChoices) {
      const model = fitSpec(y, { seasonal, trend, damped, m: season });
      // Ties keep the earlier, simpler candidate (additive before multiplicative, undamped first).
      if (!best || model.aicc < best.aicc) best = model;
    }
  }
  return best!;
}

export interface HoltWintersForecastOptions {
  /** Interval coverage (default 0.8). */
  level?: number;
  /** Simulated sample paths for the interval (default 1000). */
  paths?: number;
  /** Seed of the simulation (default 0): same seed, same interval. */
  seed?: number;
}

/** Point forecasts ŷ(T + h) = (ℓ + φ_h·b) ⊕ s, with φ_h = φ + … + φ^h. */
export function holtWintersMean(model: HoltWintersModel, horizon: number): Float64Array {
  const out = new Float64Array(horizon);
  let phiH = 0;
  let phiPow = 1;
  for (let h = 1; h <= horizon; h++) {
    phiPow *= model.phi;
    phiH += phiPow;
    const base = model.level + phiH * model.slope;
    const s = model.seasonals[(h - 1) % model.season]!;
    out[h - 1] = model.seasonal === 'mul' ? base * s : base + s;
  }
  return out;
}

/**
 * Forecasts `horizon` periods. The interval comes from seeded simulation: `paths` futures are
 * drawn by feeding normal one-step errors N(0, σ̂²) through the model's own recursions, and the
 * interval is the (1 ± level)/2 quantiles of the simulated values at each step. This covers the
 * multiplicative case, for which there is no closed-form variance, the same way as the additive
 * one. The point forecast is the analytic mean.
 */
export function forecastHoltWinters(
  model: HoltWintersModel,
  horizon: number,
  options: HoltWintersForecastOptions = {},
): Forecast {
  const level = checkLevel(options.level ?? 0.8);
  const paths = options.paths ?? 1000;
  const mean = holtWintersMean(model, horizon);
  const sp: Spec = {
    seasonal: model.seasonal,
    trend: model.trend === 'add',
    damped: model.damped,
    m: model.season,
  };
  const rng = new Rng(options.seed ?? 0);
  const sims = new Float64Array(paths * horizon);
  for (let p = 0; p < paths; p++) {
    const st: States = {
      level: model.level,
      slope: model.slope,
      s: Float64Array.from(model.seasonals),
    };
    for (let h = 0; h < horizon; h++) {
      const base = st.level + model.phi * st.slope;
      const s = st.s[h % sp.m]!;
      const yhat = sp.seasonal === 'mul' ? base * s : base + s;
      const y = yhat + rng.normal(0, model.sigma);
      sims[h * paths + p] = y;
      // Seasonal indices are stored for the periods after T, so step at phase h.
      if (sp.seasonal === 'mul' && !(base > 0 && s > 0)) continue;
      step(sp, model.alpha, model.beta, model.gamma, model.phi, st, h, y);
    }
  }
  const lower = new Float64Array(horizon);
  const upper = new Float64Array(horizon);
  for (let h = 0; h < horizon; h++) {
    const col = sims.subarray(h * paths, (h + 1) * paths).sort();
    lower[h] = sortedQuantile(col, (1 - level) / 2);
    upper[h] = sortedQuantile(col, (1 + level) / 2);
  }
  return { mean, lower, upper, level };
}
