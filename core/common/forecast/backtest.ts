// Rolling-origin evaluation (time-series cross-validation): refit at several forecast origins,
// forecast h periods from each, and score the errors per horizon step and overall.
import {
  meanAbsoluteError,
  meanSquaredError,
  symmetricMape,
  weightedAbsolutePercentageError,
} from '../metrics/index.js';

/** Forecasts `horizon` periods after the end of `train` (point forecasts only). */
export type Forecaster = (train: Float64Array, horizon: number) => ArrayLike<number>;

export interface BacktestOptions {
  horizon: number;
  /** Number of forecast origins (default 3). */
  origins?: number;
  /** Periods between consecutive origins (default: horizon, so test windows do not overlap). */
  stride?: number;
  /** Season length m of MASE's seasonal naive scaling (default 1). */
  season?: number;
}

/** Forecast-accuracy figures; WAPE and sMAPE are fractions, NaN where undefined. */
export interface ErrorSummary {
  mae: number;
  rmse: number;
  wape: number;
  smape: number;
  /** MAE over the in-sample MAE of the seasonal naive forecast on each origin's training data. */
  mase: number;
  /** Number of forecast values scored. */
  count: number;
}

export interface BacktestResult {
  /** Training length at each origin (the forecast starts at this index), ascending. */
  origins: number[];
  /** Errors at horizon step h + 1, over every origin. */
  perStep: ErrorSummary[];
  overall: ErrorSummary;
}

/** Pooled actuals, forecasts and MASE scales; several series and origins add to one pool. */
export class ErrorPool {
  readonly actual: number[] = [];
  readonly predicted: number[] = [];
  readonly scale: number[] = [];

  add(actual: number, predicted: number, scale: number): void {
    this.actual.push(actual);
    this.predicted.push(predicted);
    this.scale.push(scale);
  }

  summary(): ErrorSummary {
    const n = this.actual.length;
    if (n === 0) return { mae: NaN, rmse: NaN, wape: NaN, smape: NaN, mase: NaN, count: 0 };
    const a = this.actual;
    const p = this.predicted;
    let den = 0;
    let scaled = 0;
    let scaledCount = 0;
    for (let i = 0; i < n; i++) {
      den += Math.abs(a[i]!);
      const s = this.scale[i]!;
      if (s > 0 && Number.isFinite(s)) {
        scaled += Math.abs(a[i]! - p[i]!) / s;
        scaledCount++;
      }
    }
    return {
      mae: meanAbsoluteError(a, p),
      rmse: Math.sqrt(meanSquaredError(a, p)),
      wape: den > 0 ? weightedAbsolutePercentageError(a, p) : NaN,
      smape: symmetricMape(a, p),
      mase: scaledCount > 0 ? scaled / scaledCount : NaN,
      count: n,
    };
  }
}

/**
 * The in-sample MAE of the seasonal naive forecast, mean |x_t − x_{t−m}| (MASE's denominator);
 * NaN when the series is not longer than m.
 */
export function naiveScale(train: ArrayLike<number>, season: number): number {
  if (train.length <= season) return NaN;
  let s = 0;
  for (let t = season; t < train.length; t++) s += Math.abs(train[t]! - train[t - season]!);
  return s / (train.length - season);
}

/**
 * Origins for a series of length n: the last origin leaves exactly `horizon` values to score,
 * earlier ones step back by `stride`. Throws when the first would leave fewer than `minTrain`.
 */
export function rollingOrigins(
  n: number,
  horizon: number,
  count: number,
  stride: number,
  minTrain = 1,
): number[] {
  if (!(Number.isInteger(horizon) && horizon >= 1)) throw new RangeError(`bad horizon ${horizon}`);
  if (!(Number.isInteger(count) && count >= 1)) throw new RangeError(`bad origin count ${count}`);
  if (!(Number.isInteger(stride) && stride >= 1)) throw new RangeError(`bad stride ${stride}`);
  const origins: number[] = [];
  for (let k = count - 1; k >= 0; k--) origins.push(n - horizon - k * stride);
  if (origins[0]! < minTrain) {
    throw new RangeError(
      `series of ${n} too short for ${count} origins of horizon ${horizon} (first origin ${origins[0]})`,
    );
  }
  return origins;
}

/** Runs the rolling-origin backtest of `forecaster` on `y`. */
export function backtest(
  y: ArrayLike<number>,
  forecaster: Forecaster,
  options: BacktestOptions,
): BacktestResult {
  const h = options.horizon;
  const season = options.season ?? 1;
  const origins = rollingOrigins(
    y.length,
    h,
    options.origins ?? 3,
    options.stride ?? h,
    season + 1,
  );
  const steps = Array.from({ length: h }, () => new ErrorPool());
  const all = new ErrorPool();
  for (const origin of origins) {
    const train = Float64Array.from({ length: origin }, (_, t) => y[t]!);
    const f = forecaster(train, h);
    if (f.length < h)
      throw new RangeError(`forecaster returned ${f.length} values for horizon ${h}`);
    const scale = naiveScale(train, season);
    for (let k = 0; k < h; k++) {
      steps[k]!.add(y[origin + k]!, f[k]!, scale);
      all.add(y[origin + k]!, f[k]!, scale);
    }
  }
  return { origins, perStep: steps.map((s) => s.summary()), overall: all.summary() };
}
