// The seasonal naive forecast: each future period repeats the last observed period of the same
// season phase. The benchmark every other forecaster has to beat.
import { checkLevel, type Forecast, normalQuantile } from './interval.js';

/** Point forecasts: ŷ(T + h) = y(T + h − m·⌈h/m⌉). Needs at least `season` values. */
export function seasonalNaive(y: ArrayLike<number>, season: number, horizon: number): Float64Array {
  const n = y.length;
  if (!(Number.isInteger(season) && season >= 1)) throw new RangeError(`bad season ${season}`);
  if (n < season) throw new RangeError(`seasonal naive needs ${season} values, got ${n}`);
  const out = new Float64Array(horizon);
  for (let h = 1; h <= horizon; h++) out[h - 1] = y[n - season + ((h - 1) % season)]!;
  return out;
}

/**
 * Seasonal naive with analytic normal intervals (Hyndman & Athanasopoulos, FPP3 §5.5):
 * σ̂ is the RMS of the in-sample seasonal differences and σ̂_h = σ̂·√(⌊(h − 1)/m⌋ + 1).
 */
export function forecastSeasonalNaive(
  y: ArrayLike<number>,
  season: number,
  horizon: number,
  level = 0.8,
): Forecast {
  checkLevel(level);
  const mean = seasonalNaive(y, season, horizon);
  let ss = 0;
  let count = 0;
  for (let t = season; t < y.length; t++) {
    const e = y[t]! - y[t - season]!;
    ss += e * e;
    count++;
  }
  const sigma = count > 0 ? Math.sqrt(ss / count) : NaN;
  const z = normalQuantile(0.5 + level / 2);
  const lower = new Float64Array(horizon);
  const upper = new Float64Array(horizon);
  for (let h = 1; h <= horizon; h++) {
    const half = z * sigma * Math.sqrt(Math.floor((h - 1) / season) + 1);
    lower[h - 1] = mean[h - 1]! - half;
    upper[h - 1] = mean[h - 1]! + half;
  }
  return { mean, lower, upper, level };
}
