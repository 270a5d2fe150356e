// The model artifact: everything needed to score new rows, as one JSON document — the kind, the
// input mapping and columns (with category levels), the learner's model, the decision layer and
// the kind's own state. The registry stores it; export (JSON, ONNX, standalone scorer) starts
// from it. Versioned: loading checks the format and version and refuses anything else.
import type { ReferenceProfile } from '../../core/common/drift/index.js';
import type { LearnerTask } from '../../core/common/learners/index.js';
import type { InputColumn } from './columns.js';
import type { BinaryDecision } from './decision.js';

export const ARTIFACT_FORMAT = 'sightline-model';
export const ARTIFACT_VERSION = 1;

export type ModelKind = 'churn' | 'ltv' | 'demand' | 'failure' | 'custom';
export const MODEL_KINDS: readonly ModelKind[] = ['churn', 'ltv', 'demand', 'failure', 'custom'];

export interface ModelArtifact {
  format: typeof ARTIFACT_FORMAT;
  version: typeof ARTIFACT_VERSION;
  kind: ModelKind;
  name: string;
  /** How the model reads its input: 'table' (one row per entity), 'transactions', 'telemetry', 'sales'. */
  mode: string;
  task: LearnerTask;
  /** Role → column name (target, id, time, amount, item, …) as trained. */
  roles: Record<string, string>;
  /** Raw input columns the features are computed from (for mode 'table': the features). */
  input: InputColumn[];
  /** Feature names in the learner's order. */
  features: string[];
  target?: { column: string; positive?: string; classes?: string[] };
  learner?: string;
  model?: unknown;
  decision?: BinaryDecision;
  /** Kind-specific settings and state (windows, horizons, BG/NBD parameters, series state…). */
  settings: Record<string, unknown>;
  /** Training features and predictions profiled for drift checks (core/common/drift). */
  reference?: ReferenceProfile;
  seed: number;
  codeVersion: string;
  createdAt: string;
}

/** Checks a parsed JSON document is an artifact this code reads; the message says what is wrong. */
export function checkArtifact(json: unknown, where: string): ModelArtifact {
  const a = json as Partial<ModelArtifact> | null;
  if (!a || typeof a !== 'object' || a.format !== ARTIFACT_FORMAT)
    throw new Error(`${where} is not a Sightline model (format should be "${ARTIFACT_FORMAT}")`);
  if (a.version !== ARTIFACT_VERSION)
    throw new Error(
      `${where} is a version ${String(a.version)} Sightline model; this Sightline reads version ${ARTIFACT_VERSION}${typeof a.version === 'number' && a.version > ARTIFACT_VERSION ? ' (upgrade Sightline)' : ''}`,
    );
  if (!MODEL_KINDS.includes(a.kind as ModelKind))
    throw new Error(`${where}: unknown model kind ${JSON.stringify(a.kind)}`);
  for (const key of ['name', 'mode', 'task'] as const)
    if (typeof a[key] !== 'string') throw new Error(`${where}: field "${key}" is missing`);
  if (!Array.isArray(a.input) || !Array.isArray(a.features))
    throw new Error(`${where}: fields "input" and "features" must be arrays`);
  return a as ModelArtifact;
}
