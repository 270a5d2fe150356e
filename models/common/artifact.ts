// The model artifact: everything needed to score new rows, as one JSON document — the kind, the
// input mapping and columns (with category levels), the learner's model, the decision layer and
// the kind's own state. The registry stores it; export (JSON, ONNX, standalone scorer) starts
// from it. Versioned: loading checks the format and version and refuses anything else.
import type { ReferenceProfile } from '../../core/common/drift/index.js';
import type { LearnerTask } from '../../core/common/learners/index.js';
import type { InputColumn } from './columns.js';
import type { BinaryDecision } from './decision.js';
import { z } from 'zod';

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

/** JSON writes NaN and ±Infinity as null; metrics may hold them (an undefined AUC). */
export const metricValue = z.number().nullable();

const calibration = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('platt'), a: z.number(), b: z.number() }),
  z.object({ kind: z.literal('isotonic'), x: z.array(z.number()), y: z.array(z.number()) }),
  z.object({ kind: z.literal('none') }),
]);

const thresholdRule = z.discriminatedUnion('rule', [
  z.object({ rule: z.literal('max_f1') }),
  z.object({ rule: z.literal('costs'), falsePositive: z.number(), falseNegative: z.number() }),
  z.object({ rule: z.literal('recall'), minRecall: z.number() }),
]);

const inputColumn = z.object({
  name: z.string(),
  kind: z.enum(['numeric', 'categorical']),
  levels: z.array(z.string()).optional(),
});

/**
 * The artifact's schema, checked whenever one is loaded (registry, exported file, bare artifact,
 * `serve --models DIR`). Loose: fields a learner or kind adds inside the artifact are kept.
 */
export const artifactSchema = z.looseObject({
  format: z.literal(ARTIFACT_FORMAT),
  version: z.literal(ARTIFACT_VERSION),
  kind: z.enum(MODEL_KINDS as [ModelArtifact['kind'], ...ModelArtifact['kind'][]]),
  name: z.string().min(1),
  mode: z.string(),
  task: z.enum(['binary', 'multiclass', 'regression', 'poisson', 'gamma', 'tweedie']),
  roles: z.record(z.string(), z.string()),
  input: z.array(inputColumn),
  features: z.array(z.string()),
  target: z
    .object({
      column: z.string(),
      positive: z.string().optional(),
      classes: z.array(z.string()).optional(),
    })
    .optional(),
  learner: z.string().optional(),
  model: z.unknown().optional(),
  decision: z
    .object({
      calibration,
      rule: thresholdRule,
      threshold: z.number(),
      riskCuts: z.tuple([z.number(), z.number(), z.number()]),
      achieved: z.record(z.string(), metricValue),
    })
    .optional(),
  settings: z.record(z.string(), z.unknown()),
  seed: z.number(),
  codeVersion: z.string(),
  createdAt: z.string(),
});

/**
 * The path of the first own `__proto__` key in a parsed JSON document, if any. JSON.parse makes
 * such a key an ordinary property, but copying it with assignment (Object.assign, `o[k] = v`) or
 * writing it into JavaScript source (the standalone scorer) sets a prototype instead, so no
 * artifact may hold one. Iterative: deeply nested documents cannot overflow the stack.
 */
export function findProtoKey(json: unknown): string | undefined {
  const stack: [unknown, string][] = [[json, '']];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`]);
      continue;
    }
    if (Object.hasOwn(v, '__proto__')) return `${path ? `${path}.` : ''}__proto__`;
    for (const [k, x] of Object.entries(v)) stack.push([x, path ? `${path}.${k}` : k]);
  }
  return undefined;
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
  const proto = findProtoKey(a);
  if (proto !== undefined)
    throw new Error(`${where}: not a valid Sightline model: a "${proto}" key`);
  // Then every field: a damaged or hand-edited artifact is refused here, naming the field, not
  // half-used by scoring or serving. The document itself is returned (the schema is loose).
  const r = artifactSchema.safeParse(a);
  if (!r.success) {
    const shown = r.error.issues.slice(0, 3).map((i) => {
      let path = '';
      for (const p of i.path)
        path += typeof p === 'number' ? `[${p}]` : path ? `.${String(p)}` : String(p);
      return `${path || '(the artifact)'}: ${i.message}`;
    });
    const more = r.error.issues.length - shown.length;
    throw new Error(
      `${where}: not a valid Sightline model: ${shown.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}`,
    );
  }
  return a as ModelArtifact;
}
