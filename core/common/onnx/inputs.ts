// The graph's front: raw columns in, the learner's feature layout out. Numeric columns arrive
// as float [N,1] (NaN = missing); categorical ones as string [N,1] and become level codes with
// ai.onnx.ml LabelEncoder — an unknown or missing string gets −1, the engine's missing code.
import { featureOrder, type OnnxInputColumn } from './artifact.js';
import { type GraphBuilder, ML_DOMAIN } from './graph.js';
import { DataType } from './proto.js';

export interface FeatureValues {
  /** Numeric features as float or double [N, numNumeric], NaN where missing; null when there are none. */
  numeric: string | null;
  /** Categorical codes as int64 [N, numCategorical], −1 where missing or unknown. */
  codes: string | null;
  numNumeric: number;
  numCategorical: number;
  /** Element type of the numeric inputs. */
  numericType: NumericInputType;
}

/**
 * float (the default, what most ONNX hosts feed) or double: with double inputs the trees compare
 * the very values the engine compares, so parity holds for data that is not float32-exact too.
 */
export type NumericInputType = 'float' | 'double';

export function addInputs(
  g: GraphBuilder,
  specs: readonly OnnxInputColumn[],
  numericType: NumericInputType = 'float',
): FeatureValues {
  const numericCode = numericType === 'float' ? DataType.FLOAT : DataType.DOUBLE;
  for (const s of specs) {
    if (s.kind === 'numeric') g.declare('inputs', s.name, numericCode, 1, 'numeric; NaN = missing');
    else
      g.declare(
        'inputs',
        s.name,
        DataType.STRING,
        1,
        'categorical; a value not among the training levels counts as missing',
      );
  }
  const ordered = featureOrder(specs);
  const numeric = ordered.filter((s) => s.kind === 'numeric').map((s) => s.name);
  const categorical = ordered.filter((s) => s.kind !== 'numeric');
  const codes = categorical.map((s) =>
    g.op(
      'LabelEncoder',
      [s.name],
      {
        keys_strings: { strings: s.levels ?? [] },
        values_int64s: { ints: (s.levels ?? []).map((_, k) => k) },
        default_int64: { int: -1 },
      },
      ML_DOMAIN,
    ),
  );
  const concat = (parts: string[]): string | null =>
    parts.length === 0
      ? null
      : parts.length === 1
        ? parts[0]!
        : g.op('Concat', parts, { axis: { int: 1 } });
  return {
    numeric: concat(numeric),
    codes: concat(codes),
    numNumeric: numeric.length,
    numCategorical: codes.length,
    numericType,
  };
}

/** All features as one [N, F] matrix of `type` (codes as numbers), in the learner's order. */
export function featureMatrix(g: GraphBuilder, f: FeatureValues, type: 'float' | 'double'): string {
  const to = type === 'float' ? DataType.FLOAT : DataType.DOUBLE;
  const parts: string[] = [];
  if (f.numeric)
    parts.push(type === f.numericType ? f.numeric : g.op('Cast', [f.numeric], { to: { int: to } }));
  if (f.codes) parts.push(g.op('Cast', [f.codes], { to: { int: to } }));
  return parts.length === 1 ? parts[0]! : g.op('Concat', parts, { axis: { int: 1 } });
}

/** Columns `idx` of a [N, k] matrix as [N, idx.length]. */
export function columns(g: GraphBuilder, matrix: string, idx: readonly number[]): string {
  return g.op('Gather', [matrix, g.int64s('cols', [idx.length], idx)], { axis: { int: 1 } });
}

/** A 0/1-valued bool mask of the cells of a double matrix that are NaN or ±Infinity. */
export function notFinite(g: GraphBuilder, x: string): string {
  return g.op('Or', [g.op('IsNaN', [x]), g.op('IsInf', [x])]);
}

export function castTo(g: GraphBuilder, x: string, type: 'float' | 'double' | 'int64'): string {
  const to =
    type === 'float' ? DataType.FLOAT : type === 'double' ? DataType.DOUBLE : DataType.INT64;
  return g.op('Cast', [x], { to: { int: to } });
}
