// The column-major input every learner takes, as loaded from a workspace table.

/**
 * Column-major features. Feature j < numeric.length is numeric column j (NaN = missing);
 * feature numeric.length + j is categorical column j (codes 0 … k − 1, −1 = missing).
 * `names` (optional) follows the same order.
 */
export interface RawData {
  numeric: Float64Array[];
  categorical: Int32Array[];
  names?: string[];
}

/** Number of rows of `data`; throws if columns differ in length or there are none. */
export function rowCount(data: RawData): number {
  const cols: ArrayLike<number>[] = [...data.numeric, ...data.categorical];
  if (cols.length === 0) throw new RangeError('the data has no feature columns');
  const n = cols[0]!.length;
  cols.forEach((c, j) => {
    if (c.length !== n) throw new RangeError(`feature ${j} has ${c.length} rows, expected ${n}`);
  });
  if (data.names && data.names.length !== cols.length) {
    throw new RangeError(`${data.names.length} names for ${cols.length} features`);
  }
  return n;
}
