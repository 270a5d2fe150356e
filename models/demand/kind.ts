// The demand kind on workspace tables: a sales table (item, date, quantity; price, promotion,
// category found by name when present) becomes a dense panel at the detected frequency, missing
// periods filled with zero sales; the global gradient-boosted model is trained with a rolling-
// origin backtest beside seasonal naive and Holt-Winters, evaluated on the last periods held out
// (forecast from the end of the training part), then refitted on everything.
import { regularizePanel, type Panel } from '../../core/common/forecast/index.js';
import { loadTable } from '../../core/node/table-data.js';
import type { Workspace } from '../../core/node/workspace/workspace.js';
import { ARTIFACT_FORMAT, ARTIFACT_VERSION, type ModelArtifact } from '../common/artifact.js';
import { checkpoint } from '../common/progress.js';
import { captureReference } from '../common/reference.js';
import type { RawData } from '../../core/common/raw-data.js';
import type { LeaderboardEntry } from '../common/supervised.js';
import type { CommonTrainOptions, TrainedModel } from '../common/trained.js';
import type { Scored, Source } from '../score.js';
import {
  forecastRows,
  salesFromColumns,
  withHistory,
  type DemandRoles,
  type LoadedSales,
} from './sales-input.js';

export { forecastRows, withHistory, type DemandRoles, type LoadedSales };
import { forecastDemand, trainDemand, type DemandModel, type DemandObjective } from './index.js';
import { createMetric } from '../../core/common/metrics/index.js';

export interface DemandKindOptions extends CommonTrainOptions {
  table: string;
  item?: string;
  time?: string;
  target?: string;
  /** A table with a date column: holiday days. */
  holidays?: string;
  /** Periods held out at the end (default: daily 30, weekly 13, monthly 12). */
  holdoutPeriods?: number;
  /** Forecast horizon in periods for predictions (default 30). */
  horizon?: number;
}

const HOLDOUT = { daily: 30, weekly: 13, monthly: 12 } as const;
const DAY = 86400;

export function loadSales(
  ws: Workspace,
  table: string,
  given: { item?: string; time?: string; target?: string },
  known?: { items: string[]; categoryLevels: string[]; roles: DemandRoles },
): LoadedSales {
  const ds = ws.requireDataset(table);
  const t = loadTable(ws, ds.name);
  return {
    ...salesFromColumns(t, ds.name, given, known),
    fingerprint: `${ds.fingerprint}:${ds.rowCount}`,
  };
}

export function loadHolidays(ws: Workspace, table: string): number[] {
  const t = loadTable(ws, table);
  const c = t.columns.find((x) => x.type === 'date' || x.type === 'datetime');
  if (!c || c.kind !== 'numeric') throw new Error(`holidays table ${table} has no date column`);
  const scale = c.type === 'datetime' ? 1 / DAY : 1;
  return [
    ...new Set(Array.from(c.values, (v) => Math.floor(v * scale)).filter(Number.isFinite)),
  ].sort((a, b) => a - b);
}

/** The panel cut at period `end` (exclusive): every series truncated, items with no data dropped. */
function truncate(p: Panel, end: number): Panel {
  const series = p.series
    .filter((s) => s.offset < end)
    .map((s) => {
      const n = end - s.offset;
      return {
        ...s,
        days: s.days.slice(0, n),
        y: s.y.slice(0, n),
        ...(s.price ? { price: s.price.slice(0, n) } : {}),
        ...(s.promotion ? { promotion: s.promotion.slice(0, n) } : {}),
      };
    });
  return { ...p, length: end, series };
}

export async function trainDemandKind(ws: Workspace, o: DemandKindOptions): Promise<TrainedModel> {
  const seed = o.seed ?? 42;
  o.onProgress?.({ stage: 'loading', fraction: 0 });
  await checkpoint(o.signal);
  const sales = loadSales(ws, o.table, o);
  const panel = regularizePanel(sales.rows, { fill: 'zero', categories: sales.categories });
  const holidays = o.holidays ? loadHolidays(ws, o.holidays) : [];
  const notes = [
    `roles: item ${sales.roles.item || '(none: one series)'}, date ${sales.roles.time}, quantity ${sales.roles.target}${sales.roles.price ? `, price ${sales.roles.price}` : ''}${sales.roles.promotion ? `, promotion ${sales.roles.promotion}` : ''}${sales.roles.category ? `, category ${sales.roles.category}` : ''}`,
    `${panel.series.length} items, ${panel.frequency} periods (season ${panel.season}), ${panel.length} periods; missing periods filled with zero sales${holidays.length ? `; ${holidays.length} holidays from ${o.holidays}` : ''}`,
  ];
  const options = {
    objective: ((o.params?.gbdt?.objective as string) === 'tweedie'
      ? 'tweedie'
      : 'poisson') as DemandObjective,
    params: Object.fromEntries(
      Object.entries(o.params?.gbdt ?? {}).filter(([k]) => k !== 'objective'),
    ),
    holidays,
    seed,
  };
  // Hold-out: the last periods, forecast from the end of the rest.
  let holdPeriods = o.holdoutPeriods ?? HOLDOUT[panel.frequency];
  if (o.holdoutAfter !== undefined) {
    const first = panel.series[0]!;
    const k = first.days.findIndex((d) => d >= o.holdoutAfter!);
    holdPeriods = k < 0 ? 0 : panel.length - (first.offset + k);
  }
  if (o.holdoutFraction === 0) holdPeriods = 0;
  const metrics: Record<string, number> = {};
  let evaluation: unknown = null;
  if (holdPeriods > 0) {
    if (panel.length - holdPeriods < 2 * panel.season)
      throw new Error(
        `${panel.length} ${panel.frequency} periods leave too little history before a ${holdPeriods}-period hold-out (need two seasons)`,
      );
    o.onProgress?.({ stage: 'hold-out: training on the earlier periods', fraction: 0.05 });
    await checkpoint(o.signal);
    const head = truncate(panel, panel.length - holdPeriods);
    const m = trainDemand(head, { ...options, backtest: false });
    await checkpoint(o.signal);
    const f = forecastDemand(m, holdPeriods);
    const actual: number[] = [];
    const pred: Record<string, number[]> = { gbdt: [], seasonal_naive: [], holt_winters: [] };
    const series: {
      item: string;
      day: number[];
      actual: number[];
      forecast: number[];
      lower: number[];
      upper: number[];
    }[] = [];
    for (const it of f.items) {
      const full = panel.series.find((s) => s.item === it.item)!;
      const from = panel.length - holdPeriods - full.offset;
      const ys = Array.from(full.y.slice(from, from + holdPeriods));
      actual.push(...ys);
      pred.gbdt!.push(...it.periods.slice(0, holdPeriods).map((p) => p.forecast));
      pred.seasonal_naive!.push(...it.seasonalNaive.slice(0, holdPeriods));
      pred.holt_winters!.push(...(it.holtWinters ?? it.seasonalNaive).slice(0, holdPeriods));
      if (series.length < 20)
        series.push({
          item: sales.items[it.item]!,
          day: it.periods.slice(0, holdPeriods).map((p) => p.day),
          actual: ys,
          forecast: it.periods.slice(0, holdPeriods).map((p) => p.forecast),
          lower: it.periods.slice(0, holdPeriods).map((p) => p.lower),
          upper: it.periods.slice(0, holdPeriods).map((p) => p.upper),
        });
    }
    const y = Float64Array.from(actual);
    const inside = f.items.flatMap((it) => {
      const full = panel.series.find((s) => s.item === it.item)!;
      const from = panel.length - holdPeriods - full.offset;
      return it.periods.slice(0, holdPeriods).map((p, k) => {
        const v = full.y[from + k]!;
        return v >= p.lower && v <= p.upper ? 1 : 0;
      });
    });
    for (const [name, values] of Object.entries(pred)) {
      const p = Float64Array.from(values);
      const prefix = name === 'gbdt' ? '' : `${name}_`;
      metrics[`${prefix}wape`] = createMetric('wape').evaluate(y, p);
      metrics[`${prefix}mae`] = createMetric('mae').evaluate(y, p);
      metrics[`${prefix}rmse`] = createMetric('rmse').evaluate(y, p);
      metrics[`${prefix}smape`] = createMetric('smape').evaluate(y, p);
    }
    // MASE: MAE over the in-sample seasonal-naive MAE of the training part, pooled over items.
    let naive = 0;
    let count = 0;
    for (const s of head.series)
      for (let t = panel.season; t < s.y.length; t++) {
        naive += Math.abs(s.y[t]! - s.y[t - panel.season]!);
        count++;
      }
    const scale = count ? naive / count : NaN;
    for (const prefix of ['', 'seasonal_naive_', 'holt_winters_'])
      metrics[`${prefix}mase`] = metrics[`${prefix}mae`]! / scale;
    metrics.interval_coverage =
      inside.reduce((a: number, b: number) => a + b, 0) / Math.max(1, inside.length);
    evaluation = { kind: 'forecast', periods: holdPeriods, level: f.level, series };
    notes.push(
      `hold-out: the last ${holdPeriods} periods, forecast from the end of the earlier ones`,
    );
  }
  o.onProgress?.({
    stage: 'training on all periods with a rolling-origin backtest',
    fraction: 0.5,
  });
  await checkpoint(o.signal);
  const t0 = Date.now();
  const model = trainDemand(panel, options);
  const seconds = (Date.now() - t0) / 1000;
  const leaderboard: LeaderboardEntry[] = [];
  if (model.backtest) {
    const names: Record<string, string> = {
      gbdt: 'gbdt',
      seasonalNaive: 'seasonal_naive',
      holtWinters: 'holt_winters',
    };
    const rows = Object.entries(model.backtest.methods)
      .map(([k, v]) => ({ learner: names[k] ?? k, wape: v.overall.wape, mase: v.overall.mase }))
      .sort((a, b) => a.wape - b.wape);
    rows.forEach((r, i) =>
      leaderboard.push({
        rank: i + 1,
        learner: r.learner,
        metric: 'wape',
        mean: r.wape,
        std: NaN,
        folds: [],
        trainSeconds: r.learner === 'gbdt' ? seconds : 0,
        params: r.learner === 'gbdt' ? options.params : {},
        status: 'ok',
        note: `rolling-origin backtest, ${model.backtest!.origins.length} origins × ${model.backtest!.horizon} periods; MASE ${r.mase.toFixed(3)}`,
      }),
    );
  }
  const artifact: ModelArtifact = {
    format: ARTIFACT_FORMAT,
    version: ARTIFACT_VERSION,
    kind: 'demand',
    name: o.name ?? 'demand',
    mode: 'sales',
    task: options.objective === 'tweedie' ? 'tweedie' : 'poisson',
    roles: { ...sales.roles, ...(o.holidays ? { holidays: o.holidays } : {}) },
    input: [],
    features: [],
    target: { column: sales.roles.target },
    learner: 'gbdt',
    settings: {
      items: sales.items,
      categoryLevels: sales.categoryLevels,
      horizon: o.horizon ?? 30,
      holidays,
      demand: model,
    },
    reference: captureReference(
      salesFeatures(sales),
      Uint32Array.from({ length: sales.rows.quantities.length }, (_, i) => i),
      undefined,
      {
        seed,
        ...(sales.roles.category
          ? {
              specs: [
                {
                  name: sales.roles.category,
                  kind: 'categorical' as const,
                  levels: sales.categoryLevels,
                },
              ],
            }
          : {}),
        baselineMetrics: metrics,
      },
    ),
    seed,
    codeVersion: o.codeVersion ?? 'dev',
    createdAt: new Date().toISOString(),
  };
  return {
    artifact,
    leaderboard,
    metrics,
    evaluation,
    params: {
      table: o.table,
      roles: sales.roles,
      objective: options.objective,
      params: options.params,
      seed,
      holdoutPeriods: holdPeriods,
    },
    dataFingerprint: sales.fingerprint,
    notes,
    rows: { items: panel.series.length, periods: panel.length, holdout_periods: holdPeriods },
  };
}

/**
 * Forecasts per item and period. Without a source: from the end of the training data. With a
 * sales table: the same model from the end of that table's history (the items' recent sales,
 * prices and promotions feed the lags).
 */
export function forecastFromArtifact(
  a: ModelArtifact,
  version: number | null,
  src: Source | undefined,
  horizon?: number,
): Scored {
  const sales = src
    ? loadSales(
        src.ws,
        src.table,
        {},
        {
          items: a.settings.items as string[],
          categoryLevels: a.settings.categoryLevels as string[],
          roles: a.roles as unknown as DemandRoles,
        },
      )
    : undefined;
  return forecastRows(a, version, sales, horizon);
}

/**
 * The sales rows as features for drift: quantity, price and promotion where the table has them,
 * and the item's category — what a demand model's inputs are made of.
 */
export function salesFeatures(sales: LoadedSales): RawData {
  const r = sales.rows;
  const numeric: Float64Array[] = [Float64Array.from(r.quantities)];
  const names = [sales.roles.target];
  if (r.prices && sales.roles.price) {
    numeric.push(Float64Array.from(r.prices));
    names.push(sales.roles.price);
  }
  if (r.promotions && sales.roles.promotion) {
    numeric.push(Float64Array.from(r.promotions));
    names.push(sales.roles.promotion);
  }
  const categorical: Int32Array[] = [];
  if (sales.roles.category) {
    categorical.push(Int32Array.from(r.items, (item) => sales.categories.get(item) ?? -1));
    names.push(sales.roles.category);
  }
  return { numeric, categorical, names };
}

/**
 * Evaluates a demand model on a sales table: the last `periods` (default: the model's hold-out
 * length) are forecast from the table's earlier history and compared with what was sold.
 */
export function evaluateDemand(
  a: ModelArtifact,
  src: Source,
  periods?: number,
): { rows: number; metrics: Record<string, number>; note: string; evaluation: unknown } {
  const model = a.settings.demand as DemandModel;
  const sales = loadSales(
    src.ws,
    src.table,
    {},
    {
      items: a.settings.items as string[],
      categoryLevels: a.settings.categoryLevels as string[],
      roles: a.roles as unknown as DemandRoles,
    },
  );
  const panel = regularizePanel(sales.rows, {
    fill: 'zero',
    categories: sales.categories,
    frequency: model.spec.frequency,
  });
  const h = periods ?? HOLDOUT[panel.frequency];
  if (panel.length - h < 2 * panel.season)
    throw new Error(
      `${src.where} has ${panel.length} periods: too few to hold out ${h} after two seasons`,
    );
  const head = truncate(panel, panel.length - h);
  const f = forecastDemand(withHistory(model, head), h);
  const actual: number[] = [];
  const pred: number[] = [];
  let inside = 0;
  for (const it of f.items) {
    const full = panel.series.find((x) => x.item === it.item)!;
    const from = panel.length - h - full.offset;
    it.periods.slice(0, h).forEach((p, k) => {
      const v = full.y[from + k]!;
      actual.push(v);
      pred.push(p.forecast);
      if (v >= p.lower && v <= p.upper) inside++;
    });
  }
  const y = Float64Array.from(actual);
  const p = Float64Array.from(pred);
  const metrics: Record<string, number> = {};
  for (const m of ['wape', 'mae', 'rmse', 'smape']) metrics[m] = createMetric(m).evaluate(y, p);
  let naive = 0;
  let count = 0;
  for (const s of head.series)
    for (let t = panel.season; t < s.y.length; t++) {
      naive += Math.abs(s.y[t]! - s.y[t - panel.season]!);
      count++;
    }
  metrics.mase = metrics.mae! / (naive / count);
  metrics.interval_coverage = inside / Math.max(1, actual.length);
  return {
    rows: actual.length,
    metrics,
    note: `the last ${h} ${panel.frequency} periods forecast from the earlier ones (${f.items.length} items)`,
    evaluation: { kind: 'forecast', periods: h },
  };
}
