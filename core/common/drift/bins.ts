// Quantile bins of a numeric column: cut points and counts, shared by the reference and the
// report so both sides bin a value the same way.

/**
 * Bin of x for ascending, distinct cut points `edges`: the number of edges below x, so bin i
 * is (edges[i − 1], edges[i]] — right-closed, as pandas.qcut — and the outer bins are open
 * (values outside the reference range land in the first or last bin).
 */
export function binIndex(edges: Float64Array, x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Up to this many edges a value's bin is counted edge by edge (branch-free), above it searched. */
const LINEAR_EDGES = 16;

/** Counts per bin of the finite values of `col` (edges.length + 1 bins) and the rest. */
export function binCounts(
  col: Float64Array,
  edges: Float64Array,
): { counts: Float64Array; missing: number; sum: number } {
  const m = edges.length;
  const counts = new Int32Array(m + 1);
  let missing = 0;
  let sum = 0;
  const linear = m <= LINEAR_EDGES;
  for (let i = 0; i < col.length; i++) {
    const x = col[i]!;
    if (x - x !== 0) {
      // NaN and ±Infinity: x − x is NaN for both.
      missing++;
      continue;
    }
    sum += x;
    if (linear) {
      // Twice as fast as the binary search for decile edges: no mispredicted branches.
      let b = 0;
      for (let k = 0; k < m; k++) b += +(edges[k]! < x);
      counts[b]!++;
    } else counts[binIndex(edges, x)]!++;
  }
  return { counts: Float64Array.from(counts), missing, sum };
}

/** Distinct ascending cut points from quantiles (duplicates of tied quantiles dropped). */
export function dedupeEdges(quantiles: readonly number[]): Float64Array {
  const out: number[] = [];
  for (const q of quantiles) {
    if (Number.isFinite(q) && (out.length === 0 || q > out[out.length - 1]!)) out.push(q);
  }
  return Float64Array.from(out);
}
