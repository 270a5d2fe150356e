// Row subsets of column-major learner input, for folds and hold-outs.
import type { RawData } from '../gbdt/index.js';

export function takeRows(data: RawData, rows: Uint32Array): RawData {
  return {
    numeric: data.numeric.map((c) => Float64Array.from(rows, (r) => c[r]!)),
    categorical: data.categorical.map((c) => Int32Array.from(rows, (r) => c[r]!)),
    ...(data.names ? { names: data.names } : {}),
  };
}

export function takeValues(values: ArrayLike<number>, rows: Uint32Array): Float64Array {
  return Float64Array.from(rows, (r) => values[r]!);
}
