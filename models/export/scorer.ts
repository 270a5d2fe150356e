// The standalone scorer: a table-mode artifact as one ES module with no imports — the model as
// JSON data plus a small plain-JavaScript runtime (./scorer-runtime.ts) — that runs in Node ≥ 18
// and in browsers and gives, row for row, the fields `sightline predict` gives (models/score.ts).
// Generation is pure: it returns the text; the caller writes it where it likes.
import type { ModelArtifact } from '../common/artifact.js';
import { featureOrder, type InputColumn } from '../common/columns.js';
import { RECOMMENDATIONS } from '../common/decision.js';
import { SCORER_RUNTIME } from './scorer-runtime.js';
import { scoringModel } from './scoring-form.js';

export const SCORER_FORMAT = 'sightline-scorer';
export const SCORER_VERSION = 1;

const TASKS = ['binary', 'regression', 'multiclass'];

export { RECOMMENDATIONS };

/** The output field names of a binary model, by kind (as predictTable names them). */
function binaryFields(kind: string): { probability: string; flag: string } {
  if (kind === 'churn') return { probability: 'churn_probability', flag: 'is_at_risk' };
  if (kind === 'failure') return { probability: 'failure_probability', flag: 'alert' };
  return { probability: 'positive_probability', flag: 'predicted_positive' };
}

/** What a caller can read without scoring: `metadata` in the generated module. */
export interface ScorerMetadata {
  format: typeof SCORER_FORMAT;
  formatVersion: typeof SCORER_VERSION;
  kind: string;
  name: string;
  version: number | null;
  /** As the model_version output field: name@version (the name alone without a version). */
  modelVersion: string;
  task: string;
  learner: string;
  /** Feature names in the learner's order. */
  features: string[];
  /** Every row must have each of these fields (null for a missing value). */
  input: { name: string; kind: 'numeric' | 'categorical'; levels?: string[] }[];
  /** Copied to the output when a row has it. */
  id: string | null;
  threshold: number | null;
  riskCuts: [number, number, number] | null;
  classes: string[] | null;
  codeVersion: string;
  createdAt: string;
}

/** Source text of a dependency-free ES module exporting `score(rows, options?)` and `metadata`. */
export function generateScorer(artifact: ModelArtifact, info: { version: number | null }): string {
  const a = artifact;
  if (a.mode !== 'table')
    throw new Error(
      `the standalone scorer covers table-mode models; ${a.name} reads ${a.mode} input`,
    );
  if (!TASKS.includes(a.task))
    throw new Error(`the standalone scorer covers ${TASKS.join(', ')} models, not ${a.task}`);
  const input = featureOrder(a.input as InputColumn[]).map((c) => ({
    name: c.name,
    kind: c.kind,
    ...(c.kind === 'categorical' ? { levels: [...(c.levels ?? [])] } : {}),
  }));
  const classes = a.task === 'multiclass' ? (a.target?.classes ?? []) : null;
  const model = {
    task: a.task,
    learner: '',
    input,
    ...(a.roles.id ? { id: a.roles.id } : {}),
    ...(a.task === 'binary' ? { fields: binaryFields(a.kind) } : {}),
    ...(a.task === 'binary' && a.kind === 'churn' ? { recommendations: RECOMMENDATIONS } : {}),
    ...(classes ? { classes } : {}),
    ...(a.decision
      ? {
          decision: {
            calibration: a.decision.calibration,
            threshold: a.decision.threshold,
            riskCuts: a.decision.riskCuts,
          },
        }
      : {}),
    model: scoringModel(a.model),
    // The training profile without its value samples: bins and counts are what PSI needs.
    ...(a.reference
      ? {
          drift: {
            numeric: a.reference.numeric.map(({ name, edges, counts, missingRate }) => ({
              name,
              edges,
              counts,
              missingRate,
            })),
            categorical: a.reference.categorical.map(({ name, levels, counts, missingRate }) => ({
              name,
              levels,
              counts,
              missingRate,
            })),
            ...(a.reference.prediction
              ? {
                  prediction: {
                    edges: a.reference.prediction.edges,
                    counts: a.reference.prediction.counts,
                  },
                }
              : {}),
          },
        }
      : {}),
  };
  model.learner = model.model.learner;
  const binary = a.task === 'binary';
  const metadata: ScorerMetadata = {
    format: SCORER_FORMAT,
    formatVersion: SCORER_VERSION,
    kind: a.kind,
    name: a.name,
    version: info.version,
    modelVersion: `${a.name}${info.version ? `@${info.version}` : ''}`,
    task: a.task,
    learner: model.learner,
    features: [...a.features],
    input,
    id: a.roles.id ?? null,
    threshold: binary ? (a.decision?.threshold ?? 0.5) : null,
    riskCuts: binary ? (a.decision?.riskCuts ?? [0.25, 0.5, 0.75]) : null,
    classes,
    codeVersion: a.codeVersion,
    createdAt: a.createdAt,
  };
  return [
    header(a, metadata),
    `const MODEL = ${JSON.stringify(model)};`,
    '',
    `export const metadata = ${JSON.stringify(metadata, null, 2)};`,
    SCORER_RUNTIME,
  ].join('\n');
}

function header(a: ModelArtifact, m: ScorerMetadata): string {
  const fields =
    a.task === 'binary'
      ? [
          binaryFields(a.kind).probability,
          binaryFields(a.kind).flag,
          'risk_level',
          ...(a.kind === 'churn' ? ['recommendation'] : []),
        ]
      : a.task === 'multiclass'
        ? ['predicted_class', 'p_<class> per class']
        : ['prediction'];
  return [
    `// Standalone scorer for the Sightline ${a.kind} model ${JSON.stringify(m.modelVersion)} (${m.task}, ${m.learner}),`,
    `// generated from the model artifact (${SCORER_FORMAT} ${SCORER_VERSION}). No imports: Node >= 18 or a browser.`,
    '//',
    '//   import { score, metadata } from "./scorer.js";',
    '//   score([{ column: value, ... }, ...]) -> one object per row; score(rows, { round: false })',
    '//   keeps full precision (by default numbers are rounded to 4 decimals, as sightline predict).',
    '//',
    `// Output fields: ${[...(m.id ? [`${m.id} (when the row has it)`] : []), ...fields, 'model_version'].join(', ')}.`,
    '// risk_factors (the per-row explanations of sightline predict) are left out: they need TreeSHAP',
    '// and occlusion runs that would make this file several times larger. Score in Sightline for them.',
    '//',
    '// Every input column in metadata.input is required in every row; an absent field is an error',
    '// naming the row and field. Missing values as in Sightline: numeric null, "", NaN or text that',
    '// is not a number; categorical null or a level not seen in training. Dates are numbers here:',
    '// days since 1970-01-01 (datetimes: seconds), as Sightline stores them.',
    '',
  ].join('\n');
}
