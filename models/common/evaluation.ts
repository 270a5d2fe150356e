// The held-out evaluation of a model: its metrics and the data a UI plots (ROC and PR curves,
// calibration bins, the confusion matrix at the chosen threshold, lift and gains, importance;
// residuals and predicted-vs-actual for regression). Curves are thinned to at most 200 points.
import {
  calibrationBins,
  confusionMatrix,
  createMetric,
  liftGains,
  prCurve,
  rocCurve,
  type CalibrationBin,
  type ConfusionMatrix,
  type LiftRow,
} from '../../core/common/metrics/index.js';
import type { RawData } from '../../core/common/raw-data.js';
import { Rng } from '../../core/common/random.js';

export interface BinaryEvaluation {
  kind: 'binary';
  rows: number;
  positives: number;
  metrics: Record<string, number>;
  threshold: number;
  roc: { fpr: number[]; tpr: number[]; threshold: number[] };
  pr: { recall: number[]; precision: number[]; threshold: number[] };
  calibration: CalibrationBin[];
  confusion: ConfusionMatrix;
  lift: LiftRow[];
  importance: Importance[];
}

export interface RegressionEvaluation {
  kind: 'regression';
  rows: number;
  metrics: Record<string, number>;
  /** Up to 500 rows, evenly spaced in the hold-out: actual, predicted. */
  points: { actual: number[]; predicted: number[] };
  /** Residual histogram: bin edges (one more than counts) and counts. */
  residuals: { edges: number[]; counts: number[] };
  importance: Importance[];
}

export interface Importance {
  feature: string;
  /** Loss of the primary metric when the feature's values are shuffled (bigger = more important). */
  drop: number;
}

const MAX_POINTS = 200;

function thin(n: number): number[] {
  if (n <= MAX_POINTS) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  for (let k = 0; k < MAX_POINTS; k++) out.push(Math.round((k * (n - 1)) / (MAX_POINTS - 1)));
  return [...new Set(out)];
}

const finite = (v: number) => (Number.isFinite(v) ? v : null);

export const BINARY_METRICS = ['auc', 'pr_auc', 'logloss', 'brier', 'ece'] as const;

/** Metrics at the threshold and the plot data of a binary model on held-out rows. */
export function evaluateBinary(
  y: Float64Array,
  p: Float64Array,
  threshold: number,
  importance: Importance[] = [],
): BinaryEvaluation {
  const metrics: Record<string, number> = {};
  for (const m of BINARY_METRICS) metrics[m] = createMetric(m).evaluate(y, p);
  const confusion = confusionMatrix(y, p, { threshold });
  const { tp, fp, tn, fn } = confusion;
  metrics.precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  metrics.recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  metrics.fpr = fp + tn > 0 ? fp / (fp + tn) : 0;
  metrics.f1 = 2 * tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : 0;
  metrics.accuracy = (tp + tn) / Math.max(1, tp + fp + tn + fn);
  const roc = rocCurve(y, p);
  const rk = thin(roc.fpr.length);
  const pr = prCurve(y, p);
  const pk = thin(pr.recall.length);
  return {
    kind: 'binary',
    rows: y.length,
    positives: tp + fn,
    metrics,
    threshold,
    roc: {
      fpr: rk.map((k) => roc.fpr[k]!),
      tpr: rk.map((k) => roc.tpr[k]!),
      threshold: rk.map((k) => finite(roc.thresholds[k]!) as number),
    },
    pr: {
      recall: pk.map((k) => pr.recall[k]!),
      precision: pk.map((k) => pr.precision[k]!),
      threshold: pk.map((k) => finite(pr.thresholds[k]!) as number),
    },
    calibration: calibrationBins(y, p, { bins: 10 }),
    confusion,
    lift: liftGains(y, p, { groups: 10 }),
    importance,
  };
}

export const REGRESSION_METRICS = ['mae', 'rmse', 'r2'] as const;

export function evaluateRegression(
  y: Float64Array,
  pred: Float64Array,
  extra: readonly string[] = [],
  importance: Importance[] = [],
): RegressionEvaluation {
  const metrics: Record<string, number> = {};
  for (const m of [...REGRESSION_METRICS, ...extra]) {
    try {
      metrics[m] = createMetric(m).evaluate(y, pred);
    } catch {
      // a metric undefined on these rows (e.g. MAPE with zeros) is left out
    }
  }
  const n = y.length;
  const step = Math.max(1, Math.ceil(n / 500));
  const actual: number[] = [];
  const predicted: number[] = [];
  for (let i = 0; i < n; i += step) {
    actual.push(y[i]!);
    predicted.push(pred[i]!);
  }
  const res = Array.from(y, (v, i) => v - pred[i]!);
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of res) {
    lo = Math.min(lo, r);
    hi = Math.max(hi, r);
  }
  const bins = 30;
  const width = hi > lo ? (hi - lo) / bins : 1;
  const counts = new Array<number>(bins).fill(0);
  for (const r of res) counts[Math.min(bins - 1, Math.floor((r - lo) / width))]!++;
  const edges = Array.from({ length: bins + 1 }, (_, k) => lo + k * width);
  return {
    kind: 'regression',
    rows: n,
    metrics,
    points: { actual, predicted },
    residuals: { edges, counts },
    importance,
  };
}

/**
 * Permutation importance on (up to 2,000) held-out rows: how much the metric worsens when one
 * feature's column is shuffled, one seeded shuffle per feature. Model-agnostic, so trees, GLMs
 * and nets are ranked the same way.
 */
export function permutationImportance(
  predict: (d: RawData) => Float64Array,
  data: RawData,
  y: Float64Array,
  metricName: string,
  seed: number,
): Importance[] {
  const metric = createMetric(metricName);
  const n = y.length;
  if (n === 0) return [];
  const take = Math.min(n, 2000);
  const idx = Array.from({ length: take }, (_, k) => Math.floor((k * n) / take));
  const sub: RawData = {
    numeric: data.numeric.map((c) => Float64Array.from(idx, (i) => c[i]!)),
    categorical: data.categorical.map((c) => Int32Array.from(idx, (i) => c[i]!)),
    ...(data.names ? { names: data.names } : {}),
  };
  const ys = Float64Array.from(idx, (i) => y[i]!);
  const base = metric.evaluate(ys, predict(sub));
  const rng = new Rng(seed).fork('permutation-importance');
  const perm = (k: number) => {
    const p = Array.from({ length: k }, (_, i) => i);
    for (let i = k - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [p[i], p[j]] = [p[j]!, p[i]!];
    }
    return p;
  };
  const names = data.names ?? [];
  const out: Importance[] = [];
  const cols: (Float64Array | Int32Array)[] = [...sub.numeric, ...sub.categorical];
  cols.forEach((col, j) => {
    const saved = col.slice();
    const p = perm(take);
    for (let i = 0; i < take; i++) col[i] = saved[p[i]!]!;
    const score = metric.evaluate(ys, predict(sub));
    col.set(saved);
    out.push({
      feature: names[j] ?? `feature ${j}`,
      drop: metric.biggerIsBetter ? base - score : score - base,
    });
  });
  return out.sort((a, b) => b.drop - a.drop || a.feature.localeCompare(b.feature));
}
