// ONNX export of a table-mode model artifact: raw columns in; preprocessing, the learner and the
// decision layer inside the graph; `probability` and `label` (binary), `probabilities` and
// `label` (multiclass: the class name) or `value` (regression) out. The learner parts live in one file each, chosen from one table by the model's format.
import type { ExportableArtifact } from './artifact.js';
import { addCalibration } from './calibration.js';
import { addGbdt, type TreeSums } from './gbdt.js';
import { addGlm } from './glm.js';
import { GraphBuilder, ML_DOMAIN } from './graph.js';
import { addInputs, castTo, type FeatureValues, type NumericInputType } from './inputs.js';
import { addMlp } from './mlp.js';
import { DataType, encodeModel, type ModelMessage } from './proto.js';

/** Opsets the graphs use: ONNX 17 (IR 8) and ai.onnx.ml 3 (TreeEnsembleRegressor v3). */
export const ONNX_OPSET = 17;
export const ONNX_ML_OPSET = 3;
export const ONNX_IR_VERSION = 8;

type LearnerPart = (
  g: GraphBuilder,
  json: unknown,
  f: FeatureValues,
  opts: OnnxExportOptions,
) => string;

/**
 * Learner model format → the graph part that predicts on the output scale, double [N, 1] (or
 * [N, K] class probabilities for a multiclass model).
 */
const LEARNERS: Record<string, LearnerPart> = {
  'sightline-gbdt': (g, json, f, opts) => addGbdt(g, json, f, opts.treeSums),
  'sightline-glm': addGlm,
  'sightline-mlp': addMlp,
};

export interface OnnxExportOptions {
  /** The registry's version of the model, written to the metadata (default: the artifact format version). */
  version?: string;
  producerVersion?: string;
  /** Element type of the numeric inputs: 'float' (default) or 'double' (see inputs.ts). */
  numericInputs?: NumericInputType;
  /** GBDT only: sum tree values in 'double' (default, exact) or 'float' (see gbdt.ts). */
  treeSums?: TreeSums;
}

/** The ONNX model message for a table-mode binary, multiclass or regression artifact. */
export function buildOnnxModel(a: ExportableArtifact, opts: OnnxExportOptions = {}): ModelMessage {
  if (a.mode !== 'table')
    throw new Error(`ONNX export takes table-mode models; ${a.name} reads ${a.mode} data`);
  if (a.task !== 'binary' && a.task !== 'regression' && a.task !== 'multiclass')
    throw new Error(
      `ONNX export takes binary, multiclass and regression models; ${a.name} is ${a.task}`,
    );
  const classes = a.target?.classes ?? [];
  if (a.task === 'multiclass' && classes.length < 2)
    throw new Error(
      `ONNX export: the multiclass model ${a.name} names no classes (target.classes)`,
    );
  const format = (a.model as { format?: unknown } | null)?.format;
  const part =
    typeof format === 'string' && Object.hasOwn(LEARNERS, format) ? LEARNERS[format] : undefined;
  if (!part)
    throw new Error(
      `ONNX export has no writer for learner model ${JSON.stringify(format)}; valid: ${Object.keys(LEARNERS).join(', ')}`,
    );
  const g = new GraphBuilder();
  const features = addInputs(g, a.input, opts.numericInputs ?? 'float');
  const out = part(g, a.model, features, opts);
  const meta: Record<string, string> = {
    kind: a.kind,
    name: a.name,
    version: opts.version ?? String(a.version),
    task: a.task,
    learner: a.learner ?? String(format),
    features: JSON.stringify(a.features),
    numeric_inputs: opts.numericInputs ?? 'float',
    inputs: JSON.stringify(a.input.map((c) => ({ name: c.name, kind: c.kind }))),
  };
  if (format === 'sightline-gbdt') meta.tree_sums = opts.treeSums ?? 'double';
  if (a.task === 'binary') {
    const cal = a.decision?.calibration ?? { kind: 'none' as const };
    const threshold = a.decision?.threshold ?? 0.5;
    const p = addCalibration(g, cal, out);
    g.output('probability', p, DataType.DOUBLE, 1, 'calibrated probability of the positive class');
    const flagged = g.op('GreaterOrEqual', [p, g.doubles('threshold', [1, 1], [threshold])]);
    g.output(
      'label',
      castTo(g, flagged, 'int64'),
      DataType.INT64,
      1,
      `1 when probability ≥ ${threshold}`,
    );
    meta.threshold = String(threshold);
    meta.calibration = cal.kind;
  } else if (a.task === 'multiclass') {
    // The engine's class: the first with the highest probability (ArgMax takes the first too).
    g.output(
      'probabilities',
      out,
      DataType.DOUBLE,
      classes.length,
      `class probabilities, column k for class k of ${JSON.stringify(classes)}`,
    );
    const index = g.op('ArgMax', [out], { axis: { int: 1 }, keepdims: { int: 1 } });
    const label = g.op(
      'LabelEncoder',
      [index],
      {
        keys_int64s: { ints: classes.map((_, k) => k) },
        values_strings: { strings: classes },
        default_string: { string: '' },
      },
      ML_DOMAIN,
    );
    g.output('label', label, DataType.STRING, 1, 'the most probable class');
    meta.classes = JSON.stringify(classes);
  } else g.output('value', out, DataType.DOUBLE, 1, 'predicted value');
  return {
    irVersion: ONNX_IR_VERSION,
    producerName: 'sightline',
    producerVersion: opts.producerVersion ?? a.codeVersion ?? 'dev',
    domain: 'ai.sightline',
    modelVersion: 1,
    docString: `Sightline ${a.kind} model ${a.name} (${a.task}, ${meta.learner})`,
    opsetImport: [
      { domain: '', version: ONNX_OPSET },
      { domain: ML_DOMAIN, version: ONNX_ML_OPSET },
    ],
    metadataProps: Object.entries(meta).map(([key, value]) => ({ key, value })),
    graph: {
      name: a.name,
      node: g.nodes,
      initializer: g.initializers,
      input: g.inputs,
      output: g.outputs,
    },
  };
}

/** The ONNX bytes of a table-mode binary, multiclass or regression artifact. */
export function exportOnnx(a: ExportableArtifact, opts: OnnxExportOptions = {}): Uint8Array {
  return encodeModel(buildOnnxModel(a, opts));
}
