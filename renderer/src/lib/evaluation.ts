// The shapes of a model version's stored evaluation (models/common/evaluation.ts and the demand
// kind's forecast hold-out), as the renderer reads them, and the threshold arithmetic of the
// Evaluate page. Curve points arrive thinned to at most 200, so values at a threshold are read off
// the nearest stored point.

export interface CalibrationBin {
  lower: number;
  upper: number;
  meanPredicted: number;
  fractionPositive: number;
  count: number;
}

export interface LiftRow {
  group: number;
  cumulativeShare: number;
  lift: number;
  gains: number;
  cumulativeLift: number;
  responseRate: number;
}

export interface Importance {
  feature: string;
  drop: number;
}

export interface BinaryEvaluation {
  kind: 'binary';
  rows: number;
  positives: number;
  metrics: Record<string, number>;
  threshold: number;
  /** A threshold is null where JSON could not carry it (the +∞ of the curve's first point). */
  roc: { fpr: number[]; tpr: number[]; threshold: (number | null)[] };
  pr: { recall: number[]; precision: number[]; threshold: (number | null)[] };
  calibration: CalibrationBin[];
  lift: LiftRow[];
  importance: Importance[];
}

export interface RegressionEvaluation {
  kind: 'regression';
  rows: number;
  metrics: Record<string, number>;
  points: { actual: number[]; predicted: number[] };
  residuals: { edges: number[]; counts: number[] };
  importance: Importance[];
}

export interface ForecastSeries {
  item: string;
  day: (string | number)[];
  actual: number[];
  forecast: number[];
  lower: number[];
  upper: number[];
}

export interface ForecastEvaluation {
  kind: 'forecast';
  periods: number;
  level?: number;
  series?: ForecastSeries[];
}

export type Evaluation = BinaryEvaluation | RegressionEvaluation | ForecastEvaluation;

/** The plot data inside `models.get(...).evaluation` ({evaluation, notes, rows}), if any. */
export function readEvaluation(stored: unknown): {
  evaluation: Evaluation | undefined;
  notes: string[];
} {
  const s = (stored ?? {}) as { evaluation?: { kind?: string }; notes?: unknown };
  const kind = s.evaluation?.kind;
  const known = kind === 'binary' || kind === 'regression' || kind === 'forecast';
  return {
    evaluation: known ? (s.evaluation as Evaluation) : undefined,
    notes: Array.isArray(s.notes) ? (s.notes as string[]) : [],
  };
}

export interface AtThreshold {
  threshold: number;
  precision: number;
  recall: number;
  fpr: number;
  /** Share of rows flagged positive. */
  flagged: number;
  /** The ROC point used. */
  index: number;
}

/**
 * Precision, recall and false-positive rate when scores ≥ t are flagged, from the stored ROC
 * points: the point with the smallest threshold still ≥ t gives TPR (recall) and FPR, and with
 * the hold-out's positives and negatives, precision = TP / (TP + FP).
 */
export function atThreshold(ev: BinaryEvaluation, t: number): AtThreshold {
  const { fpr, tpr, threshold } = ev.roc;
  let index = 0;
  let best = Infinity;
  for (let i = 0; i < threshold.length; i++) {
    const th = threshold[i] ?? Infinity;
    if (th >= t && th < best) {
      best = th;
      index = i;
    }
  }
  const p = ev.positives;
  const n = ev.rows - ev.positives;
  const tp = tpr[index]! * p;
  const fp = fpr[index]! * n;
  return {
    threshold: t,
    recall: tpr[index]!,
    fpr: fpr[index]!,
    precision: tp + fp > 0 ? tp / (tp + fp) : 1,
    flagged: ev.rows > 0 ? (tp + fp) / ev.rows : 0,
    index,
  };
}
