// The standalone scorer: an artifact of any kind and input mode as one ES module with no imports —
// the model as JSON data plus the engine's own scoring code bundled into plain JavaScript
// (./scorer-runtime.ts, ./runtime/entry.ts) — that runs in Node ≥ 18 and in browsers and gives,
// row for row, the rows `sightline predict` gives (models/predict-rows.ts), risk factors included.
// Generation is pure: it returns the text; the caller writes it where it likes.
import type { ModelArtifact } from '../common/artifact.js';
import { featureOrder, type InputColumn } from '../common/columns.js';
import { RECOMMENDATIONS } from '../common/decision.js';
import { SCORER_RUNTIME } from './scorer-runtime.js';
import { scoringModel } from './scoring-form.js';

export const SCORER_FORMAT = 'sightline-scorer';
export const SCORER_VERSION = 2;

const TASKS = ['binary', 'regression', 'multiclass'];
const MODES = ['table', 'transactions', 'telemetry', 'sales'];

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
  /** How score() reads its input: table, transactions, telemetry or sales (see `tables`). */
  mode: string;
  /**
   * Table mode: every row must have each of these fields (null for a missing value). Other modes:
   * the attribute columns the model reads from `attributes` rows.
   */
  input: { name: string; kind: 'numeric' | 'categorical'; levels?: string[] }[];
  /**
   * Other modes: the tables score() takes (as properties of its input object) and the fields each
   * row of them needs; table mode: { rows: the input fields }.
   */
  tables: Record<string, string[]>;
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
  if (!MODES.includes(a.mode))
    throw new Error(`the standalone scorer reads ${MODES.join(', ')} input, not ${a.mode}`);
  if (a.mode === 'table' && !TASKS.includes(a.task))
    throw new Error(`the standalone scorer covers ${TASKS.join(', ')} models, not ${a.task}`);
  const input = featureOrder(a.input as InputColumn[]).map((c) => ({
    name: c.name,
    kind: c.kind,
    ...(c.kind === 'categorical' ? { levels: [...(c.levels ?? [])] } : {}),
  }));
  const classes = a.task === 'multiclass' ? (a.target?.classes ?? []) : null;
  // Each learner model is loaded by its own loader first, so a broken one is refused here.
  const learner = a.model ? scoringModel(a.model).learner : (a.learner ?? 'gbdt');
  if (a.mode === 'telemetry' && a.settings.rulModel) scoringModel(a.settings.rulModel);
  // The artifact as the engine reads it; the training profile without its value samples (bins
  // and counts are what PSI needs).
  const { reference, ...scoring } = a;
  const model = {
    artifact: scoring,
    ...(reference
      ? {
          drift: {
            numeric: reference.numeric.map(({ name, edges, counts, missingRate }) => ({
              name,
              edges,
              counts,
              missingRate,
            })),
            categorical: reference.categorical.map(({ name, levels, counts, missingRate }) => ({
              name,
              levels,
              counts,
              missingRate,
            })),
            ...(reference.prediction
              ? {
                  prediction: {
                    edges: reference.prediction.edges,
                    counts: reference.prediction.counts,
                  },
                }
              : {}),
          },
        }
      : {}),
  };
  const binary = a.task === 'binary';
  const metadata: ScorerMetadata = {
    format: SCORER_FORMAT,
    formatVersion: SCORER_VERSION,
    kind: a.kind,
    name: a.name,
    version: info.version,
    modelVersion: `${a.name}${info.version ? `@${info.version}` : ''}`,
    task: a.task,
    learner,
    mode: a.mode,
    features: [...a.features],
    input,
    tables: inputTables(a, input),
    id: a.roles.id ?? null,
    threshold: binary ? (a.decision?.threshold ?? 0.5) : null,
    riskCuts: binary ? (a.decision?.riskCuts ?? [0.25, 0.5, 0.75]) : null,
    classes,
    codeVersion: a.codeVersion,
    createdAt: a.createdAt,
  };
  return [
    header(a, metadata),
    `const MODEL = ${jsLiteral(model)};`,
    '',
    `export const metadata = ${jsLiteral(metadata, 2)};`,
    SCORER_RUNTIME,
  ].join('\n');
}

/**
 * JSON as a JavaScript literal that stays data wherever the module text goes: U+2028 and U+2029
 * (line terminators to older parsers) and `<` (so `</script>` cannot close an inline script tag)
 * are written as escapes, which read back as the same characters.
 */
function jsLiteral(v: unknown, indent?: number): string {
  return JSON.stringify(v, null, indent).replace(
    /[\u2028\u2029<]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Text for a one-line `//` comment: names come from users' files, and a line break in one would
 * end the comment and turn the rest of the name into code. Line terminators become escapes.
 */
function commentText(s: string): string {
  return s
    .replace(/[\n\r\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/</g, '\\u003c');
}

/** The tables score() takes and the fields their rows need, by mode. */
function inputTables(a: ModelArtifact, input: { name: string }[]): Record<string, string[]> {
  const r = a.roles;
  const attrs = (id: string | undefined): Record<string, string[]> =>
    r.attributes ? { attributes: [...(id ? [id] : []), ...input.map((c) => c.name)] } : {};
  if (a.mode === 'transactions')
    return { transactions: [r.id!, r.time!, r.amount!], ...attrs(r.id) };
  if (a.mode === 'telemetry')
    return {
      telemetry: [r.id!, r.time!, ...((a.settings.sensors as string[] | undefined) ?? [])],
      events: [r.id!, 'a date or time of the failure'],
      ...attrs(r.id),
    };
  if (a.mode === 'sales')
    return {
      sales: [r.item, r.time, r.target, r.price, r.promotion, r.category].filter(
        (x): x is string => !!x,
      ),
    };
  return { rows: input.map((c) => c.name) };
}

/** The output fields of score(), as sightline predict names them. */
function outputFields(a: ModelArtifact, m: ScorerMetadata): string[] {
  const r = a.roles;
  if (a.mode === 'transactions')
    return a.kind === 'ltv'
      ? [r.id!, 'predicted_ltv', 'ltv_lower', 'ltv_upper', 'value_segment', 'p_alive'].concat([
          'expected_transactions',
          'prediction_window_months',
          'as_of',
          'model_version',
        ])
      : [r.id!, 'churn_probability', 'is_at_risk', 'risk_level', 'risk_factors'].concat([
          'recommendation',
          'as_of',
          'model_version',
        ]);
  if (a.mode === 'telemetry')
    return [r.id!, 'time', 'failure_probability', 'alert', 'risk_level', 'top_sensors']
      .concat(a.settings.rulModel ? ['time_to_failure_hours'] : [])
      .concat(['model_version']);
  if (a.mode === 'sales')
    return [
      'item',
      'date',
      'forecast',
      'lower',
      'upper',
      'forecast_7d',
      'forecast_30d',
      'trend',
    ].concat(['model_version']);
  const fields =
    a.task === 'binary'
      ? [
          binaryFields(a.kind).probability,
          binaryFields(a.kind).flag,
          'risk_level',
          'risk_factors',
          ...(a.kind === 'churn' ? ['recommendation'] : []),
        ]
      : a.task === 'multiclass'
        ? ['predicted_class', 'p_<class> per class']
        : ['prediction'];
  return [...(m.id ? [`${m.id} (when the rows have it)`] : []), ...fields, 'model_version'];
}

const USAGE: Record<string, string[]> = {
  table: [
    '//   score([{ column: value, ... }, ...]) -> one object per row.',
    '//   Every field in metadata.input is required in every row; an absent field is an error naming',
    '//   the row and field. Missing values as in Sightline: numeric null, "", NaN or text that is not',
    '//   a number; categorical null or a level not seen in training. Dates are numbers: days since',
    '//   1970-01-01 (datetimes: seconds), as Sightline stores them.',
  ],
  transactions: [
    '//   score({ transactions: [...], attributes: [...] }, { asOf }) -> one object per customer, as',
    '//   sightline predict on the log: snapshot features at asOf (default: the day after the last',
    '//   transaction) from the rows before it. metadata.tables lists the fields; attributes are',
    '//   needed when the model was trained with them. Times: "2025-03-01", "2025-03-01 14:30:00",',
    '//   a Date, or a number of days since 1970-01-01.',
  ],
  telemetry: [
    '//   score({ telemetry: [...], events: [...], attributes: [...] }) -> one object per device (its',
    '//   latest observation), as sightline predict on telemetry: the same window features from the',
    '//   readings and the failure events. Times: "2025-03-01 06:00:00", a Date, or seconds since',
    '//   1970-01-01. metadata.tables lists the fields.',
  ],
  sales: [
    '//   score() -> the forecast from the end of the training data; score({ sales: [...] },',
    '//   { horizon }) -> from the end of that sales history (its recent sales, prices and',
    '//   promotions feed the lags). One object per item and period. Dates: "2025-03-01" or days.',
  ],
};

function header(a: ModelArtifact, m: ScorerMetadata): string {
  return [
    `// Standalone scorer for the Sightline ${a.kind} model ${commentText(JSON.stringify(m.modelVersion))} (${m.task}, ${commentText(m.learner)}),`,
    `// generated from the model artifact (${SCORER_FORMAT} ${SCORER_VERSION}). No imports: Node >= 18 or a browser.`,
    "// It carries the engine's own scoring code (bundled), so its answers are sightline predict's.",
    '//',
    '//   import { score, drift, metadata } from "./scorer.js";',
    ...(USAGE[a.mode] ?? []),
    '//   score(input, { round: false }) keeps full precision (by default numbers are rounded as',
    '//   sightline predict prints them). drift(input) compares the input with the training data.',
    '//',
    `// Output fields: ${commentText(outputFields(a, m).join(', '))}.`,
    '',
  ].join('\n');
}
