// In-place ascending sort of a Float64Array prefix, for the quantile sketch's compactions.

/*
 * Why not Float64Array.prototype.sort: on the 50–500-value batches the sketch sorts, each
 * native call pays a fixed overhead (a subarray view, a call into the runtime) that this
 * JIT-compiled quicksort does not; on random data the two are about even (sorting there is
 * bound by mispredicted comparisons either way), on already ordered columns (ids, times)
 * the sketch's add() is ~40 % cheaper with this one. An LSD radix sort was tried too and
 * was slower in JavaScript at these sizes. Values are finite (no NaN), so < is a total order.
 */

const INSERTION_BELOW = 16;

/** Sorts a[lo … hi) ascending in place. */
export function sortRange(a: Float64Array, lo: number, hi: number): void {
  while (hi - lo > INSERTION_BELOW) {
    // Median of three as pivot: sorted and reversed runs stay O(n log n).
    const mid = (lo + hi) >>> 1;
    const x = a[lo]!;
    const y = a[mid]!;
    const z = a[hi - 1]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    // Hoare partition.
    let i = lo - 1;
    let j = hi;
    for (;;) {
      do i++;
      while (a[i]! < pivot);
      do j--;
      while (a[j]! > pivot);
      if (i >= j) break;
      const t = a[i]!;
      a[i] = a[j]!;
      a[j] = t;
    }
    // Recurse into the smaller part, loop on the larger: stack depth O(log n).
    if (j + 1 - lo < hi - j - 1) {
      sortRange(a, lo, j + 1);
      lo = j + 1;
    } else {
      sortRange(a, j + 1, hi);
      hi = j + 1;
    }
  }
  for (let i = lo + 1; i < hi; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= lo && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
}
