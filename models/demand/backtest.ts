// Rolling-origin backtest of the global model beside per-item seasonal naive and Holt-Winters:
// at each origin every method sees only the periods before it and forecasts the next h.
import {
  ErrorPool,
  type ErrorSummary,
  fitHoltWinters,
  type HoltWintersOptions,
  holtWintersMean,
  naiveScale,
  rollingOrigins,
  seasonalNaive,
} from '../../core/common/forecast/index.js';
import type { FeatureSpec, SeriesView } from './features.js';
import { fitMean, type GbdtSettings } from './fit.js';
import { recursiveForecast } from './recursive.js';

export const METHODS = ['gbdt', 'seasonalNaive', 'holtWinters'] as const;
export type Method = (typeof METHODS)[number];

export interface MethodErrors {
  /** Errors at horizon step k + 1, pooled over items and origins. */
  perStep: ErrorSummary[];
  overall: ErrorSummary;
}

export interface DemandBacktest {
  horizon: number;
  /** Forecast origins as panel period indices, and the days they start. */
  origins: number[];
  originDays: number[];
  /** Items scored at each origin (those with at least one season of history). */
  itemsScored: number[];
  methods: Record<Method, MethodErrors>;
}

export interface BacktestSettings {
  horizon: number;
  origins: number;
  stride: number;
  /** Holt-Winters options of the baseline, or false to leave it out (then it repeats naive). */
  holtWinters: HoltWintersOptions | false;
}

/**
 * Holt-Winters for one item where it can be fitted (two full seasons); otherwise, and when the
 * fit fails, the seasonal naive forecast stands in.
 */
export function holtWintersOrNaive(
  y: ArrayLike<number>,
  season: number,
  horizon: number,
  options: HoltWintersOptions | false,
): Float64Array {
  if (options !== false && y.length >= 2 * season) {
    try {
      return holtWintersMean(fitHoltWinters(y, season, options), horizon).map((v) =>
        Math.max(0, v),
      );
    } catch {
      // Fall through to seasonal naive (e.g. a flat series of zeros).
    }
  }
  return seasonalNaive(y, season, horizon);
}

/**
 * `series` are full-length views (y, price, promotion over the whole panel) with `offsets[i]`
 * the panel index of series i's period 0; `length` is the panel length.
 */
export function backtestDemand(
  spec: FeatureSpec,
  series: readonly SeriesView[],
  offsets: readonly number[],
  length: number,
  dayOf: (periodIndex: number) => number,
  gbdt: GbdtSettings,
  b: BacktestSettings,
): DemandBacktest {
  const m = spec.season;
  const h = b.horizon;
  const origins = rollingOrigins(length, h, b.origins, b.stride, m + 1);
  const pools = Object.fromEntries(
    METHODS.map((k) => [
      k,
      { steps: Array.from({ length: h }, () => new ErrorPool()), all: new ErrorPool() },
    ]),
  ) as Record<Method, { steps: ErrorPool[]; all: ErrorPool }>;
  const itemsScored: number[] = [];
  for (const origin of origins) {
    const cut = series.map((s, i) => ({
      ...s,
      y: Array.from(s.y).slice(0, Math.max(0, origin - offsets[i]!)),
    }));
    const model = fitMean(
      spec,
      cut.filter((s) => s.y.length > 1),
      gbdt,
    );
    const scored = cut.map((s, i) => i).filter((i) => cut[i]!.y.length >= m);
    itemsScored.push(scored.length);
    const paths = recursiveForecast(
      spec,
      scored.map((i) => cut[i]!),
      h,
      model,
    );
    scored.forEach((i, j) => {
      const train = cut[i]!.y;
      const actual = series[i]!.y;
      const start = train.length;
      const scale = naiveScale(train, m);
      const forecasts: Record<Method, ArrayLike<number>> = {
        gbdt: paths.mean[j]!,
        seasonalNaive: seasonalNaive(train, m, h),
        holtWinters: holtWintersOrNaive(train, m, h, b.holtWinters),
      };
      for (const method of METHODS) {
        for (let k = 0; k < h; k++) {
          const a = actual[start + k]!;
          const f = forecasts[method][k]!;
          pools[method].steps[k]!.add(a, f, scale);
          pools[method].all.add(a, f, scale);
        }
      }
    });
  }
  const methods = Object.fromEntries(
    METHODS.map((k) => [
      k,
      { perStep: pools[k].steps.map((p) => p.summary()), overall: pools[k].all.summary() },
    ]),
  ) as Record<Method, MethodErrors>;
  return { horizon: h, origins, originDays: origins.map(dayOf), itemsScored, methods };
}
