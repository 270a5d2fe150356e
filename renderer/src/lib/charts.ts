// ECharts options for the Evaluate and Data pages: pure functions from evaluation or profile data
// to an option object, so the components stay declarative.
import type { ColumnProfile } from '../../../core/common/stats/profile.js';
import type {
  BinaryEvaluation,
  ForecastSeries,
  Importance,
  RegressionEvaluation,
} from './evaluation.js';
import { formatNumber } from './format.js';

export type Option = Record<string, unknown>;

const ACCENT = '#2563eb';
const MUTED = '#94a3b8';
const SECOND = '#ea580c';

const base = (title: string, x: string, y: string): Option => ({
  animation: false,
  title: { text: title, left: 'center', textStyle: { fontSize: 13, fontWeight: 600 } },
  grid: { left: 56, right: 20, top: 40, bottom: 44 },
  tooltip: { trigger: 'axis' },
  xAxis: { type: 'value', name: x, nameLocation: 'middle', nameGap: 28 },
  yAxis: { type: 'value', name: y, nameLocation: 'middle', nameGap: 40 },
});

const diagonal = {
  type: 'line',
  data: [
    [0, 0],
    [1, 1],
  ],
  symbol: 'none',
  lineStyle: { type: 'dashed', color: MUTED },
  silent: true,
};

export function rocOption(ev: BinaryEvaluation, marker: number): Option {
  const pts = ev.roc.fpr.map((f, i) => [f, ev.roc.tpr[i]]);
  return {
    ...base(`ROC (AUC ${formatNumber(ev.metrics.auc)})`, 'false-positive rate', 'recall'),
    xAxis: {
      type: 'value',
      min: 0,
      max: 1,
      name: 'false-positive rate',
      nameLocation: 'middle',
      nameGap: 28,
    },
    yAxis: { type: 'value', min: 0, max: 1, name: 'recall', nameLocation: 'middle', nameGap: 40 },
    series: [
      { type: 'line', data: pts, symbol: 'none', lineStyle: { color: ACCENT, width: 2 } },
      diagonal,
      {
        type: 'scatter',
        data: [pts[marker]],
        symbolSize: 10,
        itemStyle: { color: SECOND },
      },
    ],
  };
}

export function prOption(ev: BinaryEvaluation, at: { recall: number; precision: number }): Option {
  const pts = ev.pr.recall.map((r, i) => [r, ev.pr.precision[i]]);
  return {
    ...base(`Precision–recall (AP ${formatNumber(ev.metrics.pr_auc)})`, 'recall', 'precision'),
    xAxis: { type: 'value', min: 0, max: 1, name: 'recall', nameLocation: 'middle', nameGap: 28 },
    yAxis: {
      type: 'value',
      min: 0,
      max: 1,
      name: 'precision',
      nameLocation: 'middle',
      nameGap: 40,
    },
    series: [
      { type: 'line', data: pts, symbol: 'none', lineStyle: { color: ACCENT, width: 2 } },
      {
        type: 'scatter',
        data: [[at.recall, at.precision]],
        symbolSize: 10,
        itemStyle: { color: SECOND },
      },
    ],
  };
}

export function calibrationOption(ev: BinaryEvaluation): Option {
  const bins = ev.calibration.filter((b) => b.count > 0 && Number.isFinite(b.meanPredicted));
  return {
    ...base('Calibration', 'mean predicted', 'share positive'),
    xAxis: {
      type: 'value',
      min: 0,
      max: 1,
      name: 'mean predicted',
      nameLocation: 'middle',
      nameGap: 28,
    },
    yAxis: {
      type: 'value',
      min: 0,
      max: 1,
      name: 'share positive',
      nameLocation: 'middle',
      nameGap: 40,
    },
    series: [
      {
        type: 'line',
        data: bins.map((b) => [b.meanPredicted, b.fractionPositive]),
        symbolSize: 6,
        lineStyle: { color: ACCENT },
        itemStyle: { color: ACCENT },
      },
      diagonal,
    ],
  };
}

export function liftOption(ev: BinaryEvaluation): Option {
  return {
    ...base('Gains and lift', 'share of rows, highest scores first', 'share of positives'),
    legend: { bottom: 0, data: ['gains', 'cumulative lift'] },
    grid: { left: 56, right: 56, top: 40, bottom: 56 },
    xAxis: {
      type: 'value',
      min: 0,
      max: 1,
      name: 'share of rows, highest scores first',
      nameLocation: 'middle',
      nameGap: 26,
    },
    yAxis: [
      {
        type: 'value',
        min: 0,
        max: 1,
        name: 'share of positives',
        nameLocation: 'middle',
        nameGap: 40,
      },
      { type: 'value', name: 'lift', position: 'right' },
    ],
    series: [
      {
        name: 'gains',
        type: 'line',
        data: [[0, 0], ...ev.lift.map((r) => [r.cumulativeShare, r.gains])],
        lineStyle: { color: ACCENT },
        itemStyle: { color: ACCENT },
      },
      {
        name: 'cumulative lift',
        type: 'line',
        yAxisIndex: 1,
        data: ev.lift.map((r) => [r.cumulativeShare, r.cumulativeLift]),
        lineStyle: { color: SECOND },
        itemStyle: { color: SECOND },
      },
      diagonal,
    ],
  };
}

export function importanceOption(items: Importance[], top = 15): Option {
  const shown = [...items]
    .sort((a, b) => b.drop - a.drop)
    .slice(0, top)
    .reverse();
  return {
    animation: false,
    title: {
      text: 'Permutation importance',
      left: 'center',
      textStyle: { fontSize: 13, fontWeight: 600 },
    },
    grid: { left: 150, right: 24, top: 40, bottom: 30 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', name: 'metric lost when shuffled' },
    yAxis: {
      type: 'category',
      data: shown.map((i) => i.feature),
      axisLabel: { width: 140, overflow: 'truncate' },
    },
    series: [{ type: 'bar', data: shown.map((i) => i.drop), itemStyle: { color: ACCENT } }],
  };
}

/** A histogram from edges (one more than counts) and counts, with optional bin labels. */
export function histogramOption(
  title: string,
  edges: number[],
  counts: number[],
  labels?: string[],
): Option {
  const names = labels ?? counts.map((_, i) => formatNumber(edges[i], 2));
  return {
    animation: false,
    title: { text: title, left: 'center', textStyle: { fontSize: 13, fontWeight: 600 } },
    grid: { left: 56, right: 16, top: 36, bottom: 40 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: names, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', name: 'rows' },
    series: [{ type: 'bar', data: counts, barCategoryGap: '8%', itemStyle: { color: ACCENT } }],
  };
}

export function residualOption(ev: RegressionEvaluation): Option {
  return histogramOption('Residuals (actual − predicted)', ev.residuals.edges, ev.residuals.counts);
}

export function predictedVsActualOption(ev: RegressionEvaluation): Option {
  const pts = ev.points.actual.map((a, i) => [ev.points.predicted[i], a]);
  const all = [...ev.points.actual, ...ev.points.predicted].filter(Number.isFinite);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  return {
    ...base('Predicted vs actual', 'predicted', 'actual'),
    tooltip: { trigger: 'item' },
    series: [
      { type: 'scatter', data: pts, symbolSize: 4, itemStyle: { color: ACCENT, opacity: 0.6 } },
      {
        ...diagonal,
        data: [
          [lo, lo],
          [hi, hi],
        ],
      },
    ],
  };
}

/** A forecast period as a date: days since 1970-01-01 arrive as numbers. */
export function periodText(d: string | number): string {
  if (typeof d === 'number' && Number.isFinite(d) && d > 3000 && d < 100000)
    return new Date(Math.round(d) * 86_400_000).toISOString().slice(0, 10);
  return String(d);
}

export function forecastOption(s: ForecastSeries, level?: number): Option {
  const days = s.day.map(periodText);
  const band = level ? `${Math.round(100 * level)}% interval` : 'interval';
  return {
    animation: false,
    title: {
      text: `Forecast vs actual — ${s.item}`,
      left: 'center',
      textStyle: { fontSize: 13, fontWeight: 600 },
    },
    grid: { left: 56, right: 20, top: 40, bottom: 56 },
    legend: { bottom: 0, data: ['actual', 'forecast', band] },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: days, boundaryGap: false },
    yAxis: { type: 'value', name: 'units' },
    series: [
      // The interval as a stacked band: the lower bound (invisible), then the width on top.
      {
        name: 'lower',
        type: 'line',
        data: s.lower,
        stack: 'band',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        silent: true,
      },
      {
        name: band,
        type: 'line',
        data: s.upper.map((u, i) => u - s.lower[i]!),
        stack: 'band',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        areaStyle: { color: ACCENT, opacity: 0.15 },
        itemStyle: { color: '#bfdbfe' },
        silent: true,
      },
      {
        name: 'forecast',
        type: 'line',
        data: s.forecast,
        symbol: 'none',
        lineStyle: { color: ACCENT, width: 2 },
        itemStyle: { color: ACCENT },
      },
      {
        name: 'actual',
        type: 'line',
        data: s.actual,
        symbolSize: 4,
        lineStyle: { color: '#111827' },
        itemStyle: { color: '#111827' },
      },
    ],
  };
}

/** The profile histogram of a numeric or date column, or the top values of a categorical one. */
export function profileOption(name: string, p: ColumnProfile): Option | undefined {
  if (p.histogram && p.histogram.counts.length > 0)
    return histogramOption(name, p.histogram.edges, p.histogram.counts, p.histogram.labels);
  if (p.top && p.top.length > 0) {
    const top = p.top.slice(0, 12).reverse();
    return {
      animation: false,
      title: {
        text: `${name}: top values`,
        left: 'center',
        textStyle: { fontSize: 13, fontWeight: 600 },
      },
      grid: { left: 110, right: 16, top: 36, bottom: 30 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', name: 'rows' },
      yAxis: {
        type: 'category',
        data: top.map((t) => t.value),
        axisLabel: { width: 100, overflow: 'truncate' },
      },
      series: [{ type: 'bar', data: top.map((t) => t.count), itemStyle: { color: ACCENT } }],
    };
  }
  return undefined;
}

export interface DriftFeature {
  name: string;
  method: string;
  score: number;
  threshold: number;
  psi: number;
  verdict: 'ok' | 'watch' | 'drift';
}

const VERDICT_COLOR = { ok: '#16a34a', watch: '#d97706', drift: '#dc2626' } as const;

/** PSI per feature against the watch (0.1) and act (0.25) lines, coloured by verdict. */
export function driftOption(features: DriftFeature[], prediction?: DriftFeature): Option {
  const rows = [...features, ...(prediction ? [{ ...prediction, name: '(prediction)' }] : [])].sort(
    (a, b) => a.psi - b.psi,
  );
  return {
    animation: false,
    title: {
      text: 'Population stability (PSI) per feature',
      left: 'center',
      textStyle: { fontSize: 13, fontWeight: 600 },
    },
    grid: { left: 170, right: 40, top: 40, bottom: 30 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', name: 'PSI' },
    yAxis: {
      type: 'category',
      data: rows.map((r) => r.name),
      axisLabel: { width: 160, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => ({
          value: Number(r.psi.toFixed(4)),
          itemStyle: { color: VERDICT_COLOR[r.verdict] },
        })),
        markLine: {
          symbol: 'none',
          label: { formatter: '{b}' },
          lineStyle: { type: 'dashed' },
          data: [
            { xAxis: 0.1, name: 'watch' },
            { xAxis: 0.25, name: 'act' },
          ],
        },
      },
    ],
  };
}

export interface DriftBins {
  labels: string[];
  reference: number[];
  current: number[];
}

/**
 * One feature's reference (training) and current distributions on the same bins — the
 * reference's quantile bins, or the categories — as shares of each side's rows, overlaid.
 * Categorical features show their `top` most frequent categories (on either side).
 */
export function distributionOption(name: string, bins: DriftBins, top = 30): Option {
  const share = (xs: number[]) => {
    const total = xs.reduce((a, b) => a + b, 0);
    return xs.map((x) => (total > 0 ? x / total : 0));
  };
  let ref = share(bins.reference);
  let cur = share(bins.current);
  let labels = bins.labels;
  if (labels.length > top) {
    const keep = labels
      .map((_, i) => i)
      .sort((a, b) => Math.max(ref[b]!, cur[b]!) - Math.max(ref[a]!, cur[a]!))
      .slice(0, top)
      .sort((a, b) => a - b);
    labels = keep.map((i) => labels[i]!);
    ref = keep.map((i) => ref[i]!);
    cur = keep.map((i) => cur[i]!);
  }
  const pct = (v: number) => Number((v * 100).toFixed(2));
  return {
    animation: false,
    title: {
      text: `${name}: reference vs current`,
      left: 'center',
      textStyle: { fontSize: 13, fontWeight: 600 },
    },
    legend: { top: 24 },
    grid: { left: 60, right: 20, top: 60, bottom: 70 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: number) => `${v} %`,
    },
    xAxis: {
      type: 'category',
      data: labels,
      axisLabel: { rotate: labels.length > 6 ? 30 : 0, width: 110, overflow: 'truncate' },
    },
    yAxis: { type: 'value', name: '% of rows' },
    series: [
      {
        name: 'reference (training)',
        type: 'bar',
        data: ref.map(pct),
        itemStyle: { color: '#94a3b8' },
        barGap: '-100%',
        barCategoryGap: '20%',
      },
      {
        name: 'current',
        type: 'bar',
        data: cur.map(pct),
        itemStyle: { color: ACCENT, opacity: 0.6 },
      },
    ],
  };
}

// ---------------------------------------------------------------- explanations, CLV, comparison

export interface ContributionBar {
  feature: string;
  value: string;
  contribution: number;
}

/** Each feature's push on one prediction: up (orange) or down (blue), largest at the top. */
export function contributionOption(items: ContributionBar[], unit: string): Option {
  const shown = [...items].slice(0, 15).reverse();
  return {
    animation: false,
    title: {
      text: `What moved this prediction (${unit})`,
      left: 'center',
      textStyle: { fontSize: 13, fontWeight: 600 },
    },
    grid: { left: 230, right: 40, top: 40, bottom: 30 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value' },
    yAxis: {
      type: 'category',
      data: shown.map((c) => `${c.feature} = ${c.value}`),
      axisLabel: { width: 220, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        data: shown.map((c) => ({
          value: Number(c.contribution.toPrecision(4)),
          itemStyle: { color: c.contribution >= 0 ? SECOND : ACCENT },
        })),
      },
    ],
  };
}

const PALETTE = [ACCENT, SECOND, '#16a34a', '#9333ea', '#0891b2', '#b91c1c'];

/** BG/NBD P(alive) against weeks since the last purchase, one line per repeat-purchase count. */
export function pAliveOption(p: {
  T: number;
  weeksSince: number[];
  curves: { frequency: number; values: number[] }[];
}): Option {
  return {
    ...base(
      `P(alive) of a customer first seen ${p.T} weeks ago`,
      'weeks since the last purchase',
      'P(alive)',
    ),
    legend: { bottom: 0, data: p.curves.map((c) => `${c.frequency} repeat`) },
    grid: { left: 56, right: 20, top: 40, bottom: 64 },
    yAxis: { type: 'value', min: 0, max: 1, name: 'P(alive)', nameLocation: 'middle', nameGap: 40 },
    series: p.curves.map((c, k) => ({
      name: `${c.frequency} repeat`,
      type: 'line',
      symbol: 'none',
      data: p.weeksSince.map((w, i) => [w, c.values[i]]),
      lineStyle: { color: PALETTE[k % PALETTE.length], width: 2 },
      itemStyle: { color: PALETTE[k % PALETTE.length] },
    })),
  };
}

/** Mean expected (BG/NBD) against actual purchases per customer, by repeat purchases before. */
export function clvHoldoutOption(h: {
  cutoff: string;
  days: number;
  groups: { label: string; customers: number; expected: number; actual: number }[];
}): Option {
  return {
    animation: false,
    title: {
      text: `Purchases in the ${h.days} days after ${h.cutoff}`,
      left: 'center',
      textStyle: { fontSize: 13, fontWeight: 600 },
    },
    grid: { left: 56, right: 20, top: 40, bottom: 64 },
    legend: { bottom: 0, data: ['expected (BG/NBD)', 'actual'] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'category',
      data: h.groups.map((g) => g.label),
      name: 'repeat purchases before the cutoff',
      nameLocation: 'middle',
      nameGap: 26,
    },
    yAxis: { type: 'value', name: 'purchases per customer', nameLocation: 'middle', nameGap: 40 },
    series: [
      {
        name: 'expected (BG/NBD)',
        type: 'bar',
        data: h.groups.map((g) => g.expected),
        itemStyle: { color: ACCENT },
      },
      {
        name: 'actual',
        type: 'bar',
        data: h.groups.map((g) => g.actual),
        itemStyle: { color: SECOND },
      },
    ],
  };
}

/** Demand: the global model against the two baselines on the hold-out. */
export function baselineOption(metrics: Record<string, number>, metric = 'wape'): Option {
  const rows = [
    ['gbdt (global)', metrics[metric]],
    ['Holt-Winters', metrics[`holt_winters_${metric}`]],
    ['seasonal naive', metrics[`seasonal_naive_${metric}`]],
  ].filter((r): r is [string, number] => typeof r[1] === 'number');
  return {
    animation: false,
    title: {
      text: `Hold-out ${metric.toUpperCase()}: model against baselines (lower is better)`,
      left: 'center',
      textStyle: { fontSize: 13, fontWeight: 600 },
    },
    grid: { left: 120, right: 40, top: 40, bottom: 30 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', name: metric },
    yAxis: { type: 'category', data: rows.map((r) => r[0]).reverse() },
    series: [
      {
        type: 'bar',
        data: rows
          .map((r, k) => ({
            value: Number(r[1].toFixed(4)),
            itemStyle: { color: k === 0 ? ACCENT : MUTED },
          }))
          .reverse(),
        label: { show: true, position: 'right', formatter: '{c}' },
      },
    ],
  };
}

/** Two versions' ROC curves on one plot. */
export function rocCompareOption(
  a: { label: string; ev: BinaryEvaluation },
  b: { label: string; ev: BinaryEvaluation },
): Option {
  const pts = (ev: BinaryEvaluation) => ev.roc.fpr.map((f, i) => [f, ev.roc.tpr[i]]);
  const names = [
    `${a.label} (AUC ${formatNumber(a.ev.metrics.auc)})`,
    `${b.label} (AUC ${formatNumber(b.ev.metrics.auc)})`,
  ];
  return {
    ...base('ROC of both versions', 'false-positive rate', 'recall'),
    legend: { bottom: 0, data: names },
    grid: { left: 56, right: 20, top: 40, bottom: 64 },
    xAxis: {
      type: 'value',
      min: 0,
      max: 1,
      name: 'false-positive rate',
      nameLocation: 'middle',
      nameGap: 28,
    },
    yAxis: { type: 'value', min: 0, max: 1, name: 'recall', nameLocation: 'middle', nameGap: 40 },
    series: [
      {
        name: names[0],
        type: 'line',
        data: pts(a.ev),
        symbol: 'none',
        lineStyle: { color: ACCENT, width: 2 },
        itemStyle: { color: ACCENT },
      },
      {
        name: names[1],
        type: 'line',
        data: pts(b.ev),
        symbol: 'none',
        lineStyle: { color: SECOND, width: 2 },
        itemStyle: { color: SECOND },
      },
      diagonal,
    ],
  };
}

/** Above this many points a series is drawn in ECharts' large-data modes. */
export const LARGE_SERIES = 2000;

/**
 * Keeps charts responsive with large data: line series of more than LARGE_SERIES points are
 * down-sampled on screen (LTTB, which keeps peaks), scatter and bar series switch to ECharts'
 * large mode (one batched path instead of an element per point) and render progressively.
 * The data itself is not changed.
 */
export function forLargeData(option: Option): Option {
  const series = (option as { series?: unknown }).series;
  if (!Array.isArray(series)) return option;
  return {
    ...option,
    series: series.map((s: Record<string, unknown>) => {
      const n = Array.isArray(s.data) ? s.data.length : 0;
      if (n <= LARGE_SERIES) return s;
      if (s.type === 'line') return { sampling: 'lttb', ...s };
      if (s.type === 'scatter' || s.type === 'bar')
        return { large: true, largeThreshold: LARGE_SERIES, progressive: 5000, ...s };
      return s;
    }),
  } as Option;
}
