// The decision layer of a binary model: calibrated probabilities, a threshold chosen by a stated
// rule on out-of-fold predictions (never on the hold-out), and risk levels around the threshold.
import {
  thresholdForCosts,
  thresholdForMaxF1,
  thresholdForRecall,
  logLoss,
} from '../../core/common/metrics/index.js';
import {
  applyIsotonic,
  applyPlatt,
  fitIsotonic,
  fitPlatt,
  type IsotonicCalibration,
  type PlattCalibration,
} from '../../core/common/validation/index.js';

export type Calibration = PlattCalibration | IsotonicCalibration | { kind: 'none' };

export type ThresholdRule =
  | { rule: 'max_f1' }
  | { rule: 'costs'; falsePositive: number; falseNegative: number }
  | { rule: 'recall'; minRecall: number };

export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';
export const RISK_LEVELS: readonly RiskLevel[] = ['low', 'medium', 'high', 'critical'];

/** What to do about a customer at each risk level (churn). */
export const RECOMMENDATIONS: Record<RiskLevel, string> = {
  low: 'no action: keep in regular communication',
  medium: 'engage: personalised content or a loyalty reminder',
  high: 'retain: contact with a retention offer',
  critical: 'urgent: personal outreach by the account team',
};

export interface BinaryDecision {
  calibration: Calibration;
  rule: ThresholdRule;
  /** Calibrated probabilities ≥ threshold are flagged. */
  threshold: number;
  /** Lower bounds of medium, high and critical on the calibrated probability. */
  riskCuts: [number, number, number];
  /** What the rule achieved on the out-of-fold predictions. */
  achieved: Record<string, number>;
}

/**
 * Isotonic calibration when there is enough data for its steps (≥ 1,000 rows and ≥ 100 of each
 * class), Platt otherwise — the rule of thumb of Niculescu-Mizil & Caruana (2005). The one that
 * is kept must not raise the out-of-fold log-loss; else the scores are used as they are.
 */
export function fitCalibration(scores: Float64Array, labels: Float64Array): Calibration {
  let pos = 0;
  for (const v of labels) pos += v > 0.5 ? 1 : 0;
  const neg = labels.length - pos;
  if (pos < 2 || neg < 2) return { kind: 'none' };
  const cal: Calibration =
    labels.length >= 1000 && pos >= 100 && neg >= 100
      ? fitIsotonic(scores, labels)
      : fitPlatt(scores, labels);
  const before = logLoss(labels, clip(scores));
  const after = logLoss(labels, clip(applyCalibration(cal, scores)));
  return after <= before ? cal : { kind: 'none' };
}

function clip(p: Float64Array): Float64Array {
  return p.map((v) => Math.min(1 - 1e-12, Math.max(1e-12, v)));
}

export function applyCalibration(cal: Calibration, scores: Float64Array): Float64Array {
  if (cal.kind === 'none') return scores;
  const out = new Float64Array(scores.length);
  for (let i = 0; i < scores.length; i++)
    out[i] = cal.kind === 'platt' ? applyPlatt(cal, scores[i]!) : applyIsotonic(cal, scores[i]!);
  return out;
}

/** Chooses the threshold on calibrated out-of-fold probabilities by the rule. */
export function chooseThreshold(
  y: Float64Array,
  p: Float64Array,
  rule: ThresholdRule,
): { threshold: number; achieved: Record<string, number> } {
  if (rule.rule === 'max_f1') {
    const t = thresholdForMaxF1(y, p);
    return {
      threshold: t.threshold,
      achieved: { f1: t.f1, precision: t.precision, recall: t.recall },
    };
  }
  if (rule.rule === 'costs') {
    const t = thresholdForCosts(y, p, {
      falsePositive: rule.falsePositive,
      falseNegative: rule.falseNegative,
    });
    return {
      threshold: Number.isFinite(t.threshold) ? t.threshold : 1,
      achieved: { cost: t.cost, tp: t.tp, fp: t.fp, tn: t.tn, fn: t.fn },
    };
  }
  const t = thresholdForRecall(y, p, rule.minRecall);
  return {
    threshold: t.threshold,
    achieved: { recall: t.recall, fpr: t.fpr, precision: t.precision },
  };
}

/**
 * Risk levels around the threshold t: low below t/2, medium up to t, high up to halfway
 * between t and 1, critical above. So "high" and "critical" are exactly the flagged rows.
 */
export function riskCuts(threshold: number): [number, number, number] {
  const t = Math.min(1, Math.max(0, threshold));
  return [t / 2, t, (1 + t) / 2];
}

export function riskLevel(p: number, cuts: readonly [number, number, number]): RiskLevel {
  if (p >= cuts[2]) return 'critical';
  if (p >= cuts[1]) return 'high';
  if (p >= cuts[0]) return 'medium';
  return 'low';
}

export function buildDecision(
  oofScores: Float64Array,
  oofY: Float64Array,
  rule: ThresholdRule,
): BinaryDecision {
  const calibration = fitCalibration(oofScores, oofY);
  const p = applyCalibration(calibration, oofScores);
  const { threshold, achieved } = chooseThreshold(oofY, p, rule);
  return { calibration, rule, threshold, riskCuts: riskCuts(threshold), achieved };
}

/** Parses `--threshold-rule`: max_f1, costs:FP:FN, recall:0.9. */
export function parseThresholdRule(text: string): ThresholdRule {
  const [kind, ...rest] = text.split(':');
  if (kind === 'max_f1' && rest.length === 0) return { rule: 'max_f1' };
  if (kind === 'costs' && rest.length === 2) {
    const [fp, fn] = rest.map(Number);
    if (fp! >= 0 && fn! >= 0 && fp! + fn! > 0)
      return { rule: 'costs', falsePositive: fp!, falseNegative: fn! };
  }
  if (kind === 'recall' && rest.length === 1) {
    const r = Number(rest[0]);
    if (r > 0 && r <= 1) return { rule: 'recall', minRecall: r };
  }
  throw new Error(
    `threshold rule ${JSON.stringify(text)}: use max_f1, costs:FP:FN (the cost of a false positive and of a false negative) or recall:R (0 < R ≤ 1)`,
  );
}
