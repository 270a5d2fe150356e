// What every binary kind does after the candidates are compared: the decision layer from the
// best learner's out-of-fold scores, and the calibrated hold-out evaluation with importance.
import type { RawData } from '../../core/common/raw-data.js';
import {
  applyCalibration,
  buildDecision,
  type BinaryDecision,
  type ThresholdRule,
} from './decision.js';
import { evaluateBinary, permutationImportance, type BinaryEvaluation } from './evaluation.js';
import { loadFitted } from './fitted.js';
import type { SupervisedOutcome } from './supervised.js';

export interface BinaryOutcome {
  modelJson: unknown;
  decision: BinaryDecision;
  /** Hold-out metrics at the threshold (empty without a hold-out). */
  metrics: Record<string, number>;
  evaluation: BinaryEvaluation | null;
}

export function decideAndEvaluate(
  out: SupervisedOutcome,
  rule: ThresholdRule,
  importanceMetric: string,
  seed: number,
): BinaryOutcome {
  const modelJson = out.model.toJSON();
  const decision = buildDecision(out.oof, out.trainY, rule);
  if (out.holdY.length === 0) return { modelJson, decision, metrics: {}, evaluation: null };
  const scorer = loadFitted(modelJson);
  const calibrated = (d: RawData) => applyCalibration(decision.calibration, scorer.predict(d));
  const importance = permutationImportance(
    calibrated,
    out.holdData,
    out.holdY,
    importanceMetric,
    seed,
  );
  const p = applyCalibration(decision.calibration, out.holdPred);
  const evaluation = evaluateBinary(out.holdY, p, decision.threshold, importance);
  return { modelJson, decision, metrics: evaluation.metrics, evaluation };
}
