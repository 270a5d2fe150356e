// The demand model kind: one global gradient-boosted model over every item of a panel, with
// seasonal naive and Holt-Winters per item beside it, a rolling-origin backtest of all three,
// and forecasts with intervals, short-term sums and a trend label per item.
import {
  addPeriods,
  fitHoltWinters,
  type HoltWintersModel,
  type HoltWintersOptions,
  holtWintersMean,
  type Panel,
  seasonalNaive,
} from '../../core/common/forecast/index.js';
import { GbdtModel, type GbdtModelJson } from '../../core/common/gbdt/index.js';
import { backtestDemand, type DemandBacktest } from './backtest.js';
import { featureSpec, type FeatureSpec, type SeriesView } from './features.js';
import { type DemandObjective, fitMean, fitQuantiles, type GbdtSettings } from './fit.js';
import { recursiveForecast } from './recursive.js';

export const DEMAND_MODEL_FORMAT = 'sightline-demand';
export const DEMAND_MODEL_VERSION = 1;

export interface DemandOptions {
  /** 'poisson' (default, for counts) or 'tweedie' (many zeros with a long tail). */
  objective?: DemandObjective;
  tweedieVariancePower?: number;
  /** GBDT parameters over the defaults of fit.ts (LightGBM names: trees, num_leaves …). */
  params?: Record<string, unknown>;
  /** Holiday days (days since 1970-01-01), past and future. */
  holidays?: readonly number[];
  /** Lags in periods (default: see defaultLags). */
  lags?: number[];
  /** Model y / recent level (default true; see scaleAt). */
  scaled?: boolean;
  /** Prediction interval coverage (default 0.8: the 10th and 90th percentiles). */
  level?: number;
  /** Backtest settings, or false to skip it. Horizon default: daily 14, weekly 13, monthly 12. */
  backtest?: { horizon?: number; origins?: number; stride?: number } | false;
  /** Holt-Winters baseline options (default: AICc choice of additive/multiplicative, undamped). */
  holtWinters?: HoltWintersOptions | false;
  seed?: number;
}

export interface DemandItemState {
  item: number;
  category: number;
  /** Day of the item's first period; its history y, and price/promotion when the panel had them. */
  start: number;
  y: number[];
  price?: number[];
  promotion?: number[];
  /** Fitted on the whole history; null when the item has fewer than two seasons. */
  holtWinters: HoltWintersModel | null;
}

/** A trained demand model: plain JSON data (JSON.stringify / JSON.parse round-trips it). */
export interface DemandModel {
  format: typeof DEMAND_MODEL_FORMAT;
  version: typeof DEMAND_MODEL_VERSION;
  objective: DemandObjective;
  level: number;
  spec: FeatureSpec;
  items: DemandItemState[];
  mean: GbdtModelJson;
  lower: GbdtModelJson;
  upper: GbdtModelJson;
  backtest: DemandBacktest | null;
}

const BACKTEST_HORIZON = { daily: 14, weekly: 13, monthly: 12 } as const;

function views(items: readonly DemandItemState[]): SeriesView[] {
  return items.map((s, i) => ({
    itemCode: i,
    category: s.category,
    start: s.start,
    y: s.y,
    ...(s.price && { price: s.price.map((v) => v ?? NaN) }),
    ...(s.promotion && { promotion: s.promotion }),
  }));
}

/** Trains the global model on every series of `panel` (see regularizePanel). */
export function trainDemand(panel: Panel, options: DemandOptions = {}): DemandModel {
  if (panel.series.length === 0) throw new RangeError('the panel has no items');
  const level = options.level ?? 0.8;
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  for (const s of panel.series) {
    for (const v of s.y) {
      if (!(v >= 0)) throw new RangeError(`item ${s.item}: demand must be >= 0 (fill: 'zero')`);
    }
  }
  const spec = featureSpec(
    panel.frequency,
    panel.season,
    {
      hasPrice: panel.series.some((s) => s.price !== undefined),
      hasPromotion: panel.series.some((s) => s.promotion !== undefined),
    },
    { holidays: options.holidays, lags: options.lags, scaled: options.scaled },
  );
  const g: GbdtSettings = {
    objective: options.objective ?? 'poisson',
    tweedieVariancePower: options.tweedieVariancePower ?? 1.5,
    params: options.params ?? {},
    seed: options.seed ?? 0,
  };
  const hwOptions = options.holtWinters ?? { damped: false };
  const items: DemandItemState[] = panel.series.map((s) => ({
    item: s.item,
    category: s.category,
    start: s.days[0] ?? addPeriods(panel.start, s.offset, panel.frequency),
    y: Array.from(s.y),
    ...(s.price && { price: Array.from(s.price) }),
    ...(s.promotion && { promotion: Array.from(s.promotion) }),
    holtWinters: null,
  }));
  let backtest: DemandBacktest | null = null;
  if (options.backtest !== false) {
    const bo = options.backtest ?? {};
    const horizon = bo.horizon ?? BACKTEST_HORIZON[panel.frequency];
    backtest = backtestDemand(
      spec,
      views(items),
      panel.series.map((s) => s.offset),
      panel.length,
      (k) => addPeriods(panel.start, k, panel.frequency),
      g,
      { horizon, origins: bo.origins ?? 3, stride: bo.stride ?? horizon, holtWinters: hwOptions },
    );
  }
  const all = views(items);
  const mean = fitMean(spec, all, g);
  const [lower, upper] = fitQuantiles(spec, all, level, g);
  if (hwOptions !== false) {
    for (const it of items) {
      if (it.y.length < 2 * spec.season) continue;
      try {
        it.holtWinters = fitHoltWinters(it.y, spec.season, hwOptions);
      } catch {
        it.holtWinters = null;
      }
    }
  }
  return {
    format: DEMAND_MODEL_FORMAT,
    version: DEMAND_MODEL_VERSION,
    objective: g.objective,
    level,
    spec,
    items,
    mean: mean.toJSON(),
    lower: lower.toJSON(),
    upper: upper.toJSON(),
    backtest,
  };
}

export type Trend = 'increasing' | 'flat' | 'decreasing';

export interface PeriodForecast {
  day: number;
  forecast: number;
  lower: number;
  upper: number;
}

export interface ItemForecast {
  item: number;
  category: number;
  periods: PeriodForecast[];
  /** Sums of the point forecasts over the first 7 and 30 periods (forecast that far whatever the horizon). */
  sum7: number;
  sum30: number;
  trend: Trend;
  /** Mean forecast over the next trend window / mean of the last trend window − 1. */
  trendChange: number;
  /** Baselines beside the global model, same periods. */
  seasonalNaive: number[];
  holtWinters: number[] | null;
}

export interface DemandForecast {
  level: number;
  items: ItemForecast[];
}

/** Planned price and promotion per future period for an item (default: last price, no promotion). */
export interface FutureCovariates {
  price?: readonly number[];
  promotion?: readonly number[];
}

/** Trend window: four weeks of days, a quarter of weeks, a year of months (whole seasons where it can). */
const TREND_WINDOW = { daily: 28, weekly: 13, monthly: 12 } as const;
/** A change beyond ±5 % of the recent level counts as a trend. */
export const TREND_THRESHOLD = 0.05;

/**
 * Trend rule: the mean forecast over the next W periods against the mean of the last W actuals
 * (W from TREND_WINDOW, so weekday or month effects cancel): above +5 % increasing, below −5 %
 * decreasing, else flat. A recent level of 0 is increasing when anything is forecast.
 */
export function trendOf(
  history: ArrayLike<number>,
  forecast: ArrayLike<number>,
  window: number,
): { trend: Trend; change: number } {
  const w = Math.min(window, history.length, forecast.length);
  let past = 0;
  let next = 0;
  for (let k = 0; k < w; k++) {
    past += history[history.length - w + k]!;
    next += forecast[k]!;
  }
  if (past === 0)
    return { trend: next > 0 ? 'increasing' : 'flat', change: next > 0 ? Infinity : 0 };
  const change = next / past - 1;
  const trend =
    change > TREND_THRESHOLD ? 'increasing' : change < -TREND_THRESHOLD ? 'decreasing' : 'flat';
  return { trend, change };
}

/**
 * Forecasts `horizon` periods after the end of the training data for every item. `future`
 * gives planned prices and promotions per item code.
 */
export function forecastDemand(
  model: DemandModel,
  horizon: number,
  future: ReadonlyMap<number, FutureCovariates> = new Map(),
): DemandForecast {
  if (model.format !== DEMAND_MODEL_FORMAT || model.version !== DEMAND_MODEL_VERSION) {
    throw new TypeError(`not a ${DEMAND_MODEL_FORMAT} v${DEMAND_MODEL_VERSION} model`);
  }
  if (!(Number.isInteger(horizon) && horizon >= 1)) throw new RangeError(`bad horizon ${horizon}`);
  const spec = model.spec;
  const window = TREND_WINDOW[spec.frequency];
  const steps = Math.max(horizon, 30, window);
  const base = views(model.items).map((v, i) => {
    const it = model.items[i]!;
    const plan = future.get(it.item);
    const out: SeriesView = { ...v };
    if (it.price) {
      let last = NaN;
      for (const p of it.price) if (p !== null && !Number.isNaN(p)) last = p;
      out.price = [
        ...Array.from(v.price!),
        ...Array.from({ length: steps }, (_, k) => plan?.price?.[k] ?? last),
      ];
    }
    if (it.promotion) {
      out.promotion = [
        ...it.promotion,
        ...Array.from({ length: steps }, (_, k) => plan?.promotion?.[k] ?? 0),
      ];
    }
    return out;
  });
  const paths = recursiveForecast(spec, base, steps, GbdtModel.fromJSON(model.mean), [
    GbdtModel.fromJSON(model.lower),
    GbdtModel.fromJSON(model.upper),
  ]);
  const items = model.items.map((it, i): ItemForecast => {
    const mean = paths.mean[i]!;
    const n = it.y.length;
    const sum = (k: number): number => mean.subarray(0, k).reduce((a, b) => a + b, 0);
    const { trend, change } = trendOf(it.y, mean, window);
    return {
      item: it.item,
      category: it.category,
      periods: Array.from({ length: horizon }, (_, k) => ({
        day: addPeriods(it.start, n + k, spec.frequency),
        forecast: mean[k]!,
        lower: paths.lower![i]![k]!,
        upper: paths.upper![i]![k]!,
      })),
      sum7: sum(7),
      sum30: sum(30),
      trend,
      trendChange: change,
      seasonalNaive: n >= spec.season ? Array.from(seasonalNaive(it.y, spec.season, horizon)) : [],
      holtWinters: it.holtWinters
        ? Array.from(holtWintersMean(it.holtWinters, horizon), (v) => Math.max(0, v))
        : null,
    };
  });
  return { level: model.level, items };
}
