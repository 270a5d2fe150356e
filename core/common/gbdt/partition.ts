// Splitting a leaf's rows: a stable partition of a range of the row list, in place.

/**
 * Partitions rows[start … end) and their gradients (ordered[2i], ordered[2i + 1] belong to
 * rows[i]) by goLeft[col[row]]: left rows move to start, start + 1, … in order; right rows go
 * to scratch[start …] and scratchOrdered[2·start …] in order. Returns the number of left rows.
 * Disjoint ranges can be partitioned concurrently.
 */
export function partitionRows(
  col: Uint8Array,
  goLeft: Uint8Array,
  rows: Uint32Array,
  ordered: Float64Array,
  scratch: Uint32Array,
  scratchOrdered: Float64Array,
  start: number,
  end: number,
): number {
  let w = start;
  let t = start;
  // Branch-free: every row is written to both places, and only one cursor advances. Writes in
  // place never pass the read position (w <= i).
  for (let i = start; i < end; i++) {
    const r = rows[i]!;
    const g = ordered[2 * i]!;
    const h = ordered[2 * i + 1]!;
    const left = goLeft[col[r]!]!;
    rows[w] = r;
    ordered[2 * w] = g;
    ordered[2 * w + 1] = h;
    scratch[t] = r;
    scratchOrdered[2 * t] = g;
    scratchOrdered[2 * t + 1] = h;
    w += left;
    t += 1 - left;
  }
  return w - start;
}

/**
 * partitionRows for packed (quantised) gradients: one double per row, packed[i] belonging to
 * rows[i]; right rows go to scratch and scratchPacked from `start`.
 */
export function partitionRowsPacked(
  col: Uint8Array,
  goLeft: Uint8Array,
  rows: Uint32Array,
  packed: Float64Array,
  scratch: Uint32Array,
  scratchPacked: Float64Array,
  start: number,
  end: number,
): number {
  let w = start;
  let t = start;
  for (let i = start; i < end; i++) {
    const r = rows[i]!;
    const v = packed[i]!;
    const left = goLeft[col[r]!]!;
    rows[w] = r;
    packed[w] = v;
    scratch[t] = r;
    scratchPacked[t] = v;
    w += left;
    t += 1 - left;
  }
  return w - start;
}

/**
 * Lays out a partitioned range whose consecutive chunks [bounds[k], bounds[k + 1]) were each
 * partitioned by partitionRows (nLeft[k] left rows): all left rows, then all right rows, each in
 * order. Returns the total number of left rows. `stride` is the doubles per row in `ordered`
 * (2 for [grad, hess], 1 for packed gradients).
 */
export function mergePartitions(
  rows: Uint32Array,
  ordered: Float64Array,
  scratch: Uint32Array,
  scratchOrdered: Float64Array,
  bounds: ArrayLike<number>,
  nLeft: ArrayLike<number>,
  stride = 2,
): number {
  const chunks = nLeft.length;
  const start = bounds[0]!;
  let w = start;
  for (let k = 0; k < chunks; k++) {
    const from = bounds[k]!;
    const l = nLeft[k]!;
    if (w !== from) {
      rows.copyWithin(w, from, from + l);
      ordered.copyWithin(stride * w, stride * from, stride * (from + l));
    }
    w += l;
  }
  const totalLeft = w - start;
  for (let k = 0; k < chunks; k++) {
    const from = bounds[k]!;
    const r = bounds[k + 1]! - from - nLeft[k]!;
    rows.set(scratch.subarray(from, from + r), w);
    ordered.set(scratchOrdered.subarray(stride * from, stride * (from + r)), stride * w);
    w += r;
  }
  return totalLeft;
}
