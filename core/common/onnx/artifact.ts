// What the ONNX export reads from a model artifact, stated structurally: core/common may not
// import models/, and models/common/artifact.ts's ModelArtifact satisfies this interface.
import type { IsotonicCalibration, PlattCalibration } from '../validation/index.js';

export interface OnnxInputColumn {
  name: string;
  kind: 'numeric' | 'categorical';
  /** Levels of a categorical column: code k is levels[k]. */
  levels?: string[];
}

export type OnnxCalibration = PlattCalibration | IsotonicCalibration | { kind: 'none' };

export interface ExportableArtifact {
  kind: string;
  name: string;
  mode: string;
  task: string;
  version: number;
  input: OnnxInputColumn[];
  /** Feature names in the learner's order (numeric inputs first, then categorical ones). */
  features: string[];
  learner?: string;
  model?: unknown;
  decision?: { calibration: OnnxCalibration; threshold: number };
  /** Multiclass: `classes[k]` names output column k. */
  target?: { classes?: string[] };
  codeVersion?: string;
}

/** Input specs in the learner's feature order: numeric first, then categorical (as RawData). */
export function featureOrder(specs: readonly OnnxInputColumn[]): OnnxInputColumn[] {
  return [
    ...specs.filter((s) => s.kind === 'numeric'),
    ...specs.filter((s) => s.kind !== 'numeric'),
  ];
}
