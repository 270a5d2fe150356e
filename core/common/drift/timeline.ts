// Drift over time: one report per day, week or month of the current data, the model's metric
// per window against a baseline, and a retraining recommendation by a stated rule.
import { civilFromDays, daysFromCivil } from '../calendar.js';
import type { RawData } from '../raw-data.js';
import type { ReferenceProfile } from './reference.js';
import { driftReport, type DriftOptions, type DriftReport } from './report.js';

export type TimeWindow = 'day' | 'week' | 'month';

export interface MetricSpec {
  name: string;
  /** The metric of one window's labels and predictions. */
  fn: (labels: Float64Array, predictions: Float64Array) => number;
  biggerIsBetter: boolean;
}

/** Retrain when either condition holds (defaults: 0.05 worse, 2 drifting windows in a row). */
export interface RetrainRule {
  /** Retrain when the latest window's metric is worse than the baseline by more than this. */
  metricDrop: number;
  /** Retrain when this many consecutive windows, up to the latest, show data-set drift. */
  consecutiveDrift: number;
}

export const DEFAULT_RETRAIN_RULE: Readonly<RetrainRule> = Object.freeze({
  metricDrop: 0.05,
  consecutiveDrift: 2,
});

export interface TimelineOptions extends DriftOptions {
  labels?: Float64Array;
  metric?: MetricSpec;
  /** Baseline metric; defaults to reference.baselineMetrics[metric.name]. */
  baseline?: number;
  retrain?: Partial<RetrainRule>;
}

export interface WindowReport {
  /** 'YYYY-MM-DD' (day; the Monday of a week) or 'YYYY-MM' (month). */
  label: string;
  /** First day of the window, in days since 1970-01-01. */
  start: number;
  rows: number;
  report: DriftReport;
  metric?: number;
  /** metric − baseline, signed so that negative is worse. */
  metricChange?: number;
}

export interface TimelineReport {
  window: TimeWindow;
  windows: WindowReport[];
  baseline?: number;
  rule: RetrainRule;
  retrain: boolean;
  reasons: string[];
}

/**
 * Splits `current` by `time` (days since 1970-01-01, fractional allowed; NaN rows are left
 * out) into calendar windows — weeks start on Monday — and reports each against `reference`.
 */
export function timelineReport(
  reference: ReferenceProfile,
  current: RawData,
  time: Float64Array,
  window: TimeWindow,
  opts: TimelineOptions = {},
): TimelineReport {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < time.length; i++) {
    const t = time[i]!;
    if (!Number.isFinite(t)) continue;
    const start = windowStart(Math.floor(t), window);
    let g = groups.get(start);
    if (!g) groups.set(start, (g = []));
    g.push(i);
  }
  const rule: RetrainRule = { ...DEFAULT_RETRAIN_RULE, ...opts.retrain };
  const baseline =
    opts.baseline ?? (opts.metric ? reference.baselineMetrics?.[opts.metric.name] : undefined);
  const windows: WindowReport[] = [...groups.keys()]
    .sort((a, b) => a - b)
    .map((start) => {
      const rows = Uint32Array.from(groups.get(start)!);
      const subset = take(current, rows);
      const predictions = opts.predictions ? gather(opts.predictions, rows) : undefined;
      const w: WindowReport = {
        label: windowLabel(start, window),
        start,
        rows: rows.length,
        report: driftReport(reference, subset, { ...opts, predictions }),
      };
      if (opts.metric && opts.labels && predictions) {
        w.metric = opts.metric.fn(gather(opts.labels, rows), predictions);
        if (baseline !== undefined) {
          w.metricChange = (w.metric - baseline) * (opts.metric.biggerIsBetter ? 1 : -1);
        }
      }
      return w;
    });
  const reasons: string[] = [];
  const last = windows[windows.length - 1];
  if (last?.metricChange !== undefined && last.metricChange < -rule.metricDrop) {
    reasons.push(
      `${opts.metric!.name} in ${last.label} is ${last.metric} against a baseline of ${baseline}: worse by more than ${rule.metricDrop}`,
    );
  }
  let run = 0;
  for (let i = windows.length - 1; i >= 0 && windows[i]!.report.dataset.drift; i--) run++;
  if (rule.consecutiveDrift > 0 && run >= rule.consecutiveDrift) {
    reasons.push(`data-set drift in the last ${run} windows (rule: ${rule.consecutiveDrift})`);
  }
  const out: TimelineReport = { window, windows, rule, retrain: reasons.length > 0, reasons };
  if (baseline !== undefined) out.baseline = baseline;
  return out;
}

/** First day of the window holding `day`. */
export function windowStart(day: number, window: TimeWindow): number {
  if (window === 'day') return day;
  // 1970-01-01 was a Thursday: (day + 3) mod 7 is days since Monday.
  if (window === 'week') return day - ((((day + 3) % 7) + 7) % 7);
  const [y, m] = civilFromDays(day);
  return daysFromCivil(y, m, 1);
}

function windowLabel(start: number, window: TimeWindow): string {
  const [y, m, d] = civilFromDays(start);
  const ym = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
  return window === 'month' ? ym : `${ym}-${String(d).padStart(2, '0')}`;
}

function take(data: RawData, rows: Uint32Array): RawData {
  const out: RawData = {
    numeric: data.numeric.map((c) => gather(c, rows)),
    categorical: data.categorical.map((c) => {
      const o = new Int32Array(rows.length);
      for (let i = 0; i < rows.length; i++) o[i] = c[rows[i]!]!;
      return o;
    }),
  };
  if (data.names) out.names = data.names;
  return out;
}

function gather(col: Float64Array, rows: Uint32Array): Float64Array {
  const o = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) o[i] = col[rows[i]!]!;
  return o;
}
