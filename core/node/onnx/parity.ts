// Runs an exported ONNX model in onnxruntime-node beside the engine's own scores for the same
// rows and reports the largest absolute difference. The engine's scores come in as numbers:
// core/node sits below models/, where scoreTable lives, so the caller scores and passes them.
import * as ort from 'onnxruntime-node';
import type {
  Feed,
  FeedColumn,
  NumericInputType,
  OnnxInputColumn,
} from '../../common/onnx/index.js';
import { onnxFeeds } from '../../common/onnx/index.js';

export const PARITY_TOLERANCE = 1e-5;

export interface ParityReport {
  rows: number;
  /** The output compared: `probability` (binary), `probabilities` (multiclass) or `value`. */
  output: 'probability' | 'probabilities' | 'value';
  maxAbsDiff: number;
  /** Row of the largest difference (−1 when there are no rows). */
  worstRow: number;
  /**
   * Rows whose ONNX `label` differs from the engine's flag (binary, when flags are given) or
   * class (multiclass, when labels are given).
   */
  labelMismatches: number;
  tolerance: number;
  pass: boolean;
}

export interface EngineScores {
  /**
   * Calibrated probabilities (binary) or values (regression), one per row; multiclass: the class
   * probabilities row by row (K per row).
   */
  values: Float64Array;
  /** Binary: the engine's flags (probability ≥ threshold). */
  flagged?: Uint8Array;
  /** Multiclass: the engine's class per row. */
  labels?: readonly string[];
}

/** A session on the model bytes (one intra-op thread unless told otherwise). */
export function onnxSession(
  bytes: Uint8Array,
  options: ort.InferenceSession.SessionOptions = {},
): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(bytes, options);
}

/** Feeds as ORT tensors of shape [rows, 1]. */
export function toTensors(feeds: Record<string, Feed>): Record<string, ort.Tensor> {
  const out: Record<string, ort.Tensor> = {};
  for (const [name, f] of Object.entries(feeds))
    out[name] =
      f.type === 'string'
        ? new ort.Tensor('string', f.data, [f.data.length, 1])
        : new ort.Tensor(f.type, f.data, [f.data.length, 1]);
  return out;
}

/** Runs the session; returns each numeric output as doubles (int64 labels as numbers). */
export async function runOnnx(
  session: ort.InferenceSession,
  feeds: Record<string, Feed>,
): Promise<Record<string, Float64Array>> {
  return numericOutputs(await session.run(toTensors(feeds)));
}

/** String outputs (a multiclass model's `label`) are left out: see stringOutputs. */
function numericOutputs(
  result: ort.InferenceSession.OnnxValueMapType,
): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  for (const [name, t] of Object.entries(result)) {
    if (t.type === 'string') continue;
    const data = t.data;
    if (data instanceof Float64Array) out[name] = data;
    else if (data instanceof Float32Array) out[name] = Float64Array.from(data);
    else if (data instanceof BigInt64Array) {
      const v = new Float64Array(data.length);
      for (let i = 0; i < data.length; i++) v[i] = Number(data[i]!);
      out[name] = v;
    } else throw new Error(`ONNX output ${name} has type ${t.type}, not a number`);
  }
  return out;
}

function stringOutputs(result: ort.InferenceSession.OnnxValueMapType): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, t] of Object.entries(result))
    if (t.type === 'string') out[name] = Array.from(t.data as string[]);
  return out;
}

/** Scores `rows` rows of `columns` in ONNX Runtime and compares with the engine's scores. */
export async function checkParity(o: {
  bytes: Uint8Array;
  columns: readonly FeedColumn[];
  specs: readonly OnnxInputColumn[];
  rows: number;
  task: 'binary' | 'regression' | 'multiclass';
  engine: EngineScores;
  tolerance?: number;
  /** The element type the model's numeric inputs were exported with (default float). */
  numericInputs?: NumericInputType;
}): Promise<ParityReport> {
  const session = await onnxSession(o.bytes);
  try {
    const result = await session.run(
      toTensors(onnxFeeds(o.columns, o.specs, o.rows, o.numericInputs)),
    );
    const out = numericOutputs(result);
    const output =
      o.task === 'binary' ? 'probability' : o.task === 'multiclass' ? 'probabilities' : 'value';
    const got = out[output];
    const width = o.rows > 0 ? o.engine.values.length / o.rows : 1;
    if (!got || got.length !== o.engine.values.length)
      throw new Error(
        `the ONNX model's ${output} output has ${got?.length ?? 0} values for ${o.rows} rows × ${width}`,
      );
    let maxAbsDiff = 0;
    let worstRow = -1;
    for (let i = 0; i < got.length; i++) {
      const d = Math.abs(got[i]! - o.engine.values[i]!);
      // NaN on either side is a failure, never a silent pass.
      if (!(d <= maxAbsDiff)) {
        maxAbsDiff = Number.isNaN(d) ? Infinity : d;
        worstRow = Math.floor(i / width);
      }
    }
    let labelMismatches = 0;
    if (o.task === 'binary' && o.engine.flagged) {
      const label = out.label!;
      for (let i = 0; i < o.rows; i++) if (label[i] !== o.engine.flagged[i]) labelMismatches++;
    }
    if (o.task === 'multiclass' && o.engine.labels) {
      const label = stringOutputs(result).label ?? [];
      for (let i = 0; i < o.rows; i++) if (label[i] !== o.engine.labels[i]) labelMismatches++;
    }
    const tolerance = o.tolerance ?? PARITY_TOLERANCE;
    return {
      rows: o.rows,
      output,
      maxAbsDiff,
      worstRow,
      labelMismatches,
      tolerance,
      pass: maxAbsDiff <= tolerance && labelMismatches === 0,
    };
  } finally {
    await session.release();
  }
}
