// Sorting scores highest-first with a per-row payload: the one O(n log n) step behind AUC,
// the curves, lift tables and threshold searches.

/*
 * Why a hand-written quicksort on two parallel typed arrays: an index array sorted with a
 * comparator that looks scores up calls back into JavaScript for every comparison and is
 * several times slower on a million rows; sorting (score, payload) pairs in place keeps
 * the comparisons on a contiguous Float64Array (on par with the native Float64Array sort),
 * and a payload carrying what the caller needs per row (its signed weight, say) keeps the
 * walk over the sorted rows sequential instead of a cache miss per row. The order of tied
 * scores is fixed by the algorithm (no randomness) but otherwise unspecified: every caller
 * collapses ties.
 */

const INSERTION_BELOW = 16;

/**
 * Sorts keys descending in place, applying the same moves to payload (same length). Keys
 * must not be NaN.
 */
export function sortDescending(keys: Float64Array, payload: Float64Array): void {
  if (payload.length !== keys.length) throw new RangeError('sortDescending: lengths differ');
  sortPairs(keys, payload, 0, keys.length);
}

function sortPairs(keys: Float64Array, payload: Float64Array, lo: number, hi: number): void {
  while (hi - lo > INSERTION_BELOW) {
    // Median of three as pivot: sorted and reversed input stays O(n log n).
    const mid = (lo + hi) >>> 1;
    const x = keys[lo]!;
    const y = keys[mid]!;
    const z = keys[hi - 1]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    // Hoare partition (descending); equal keys stop both scans, so runs of ties split evenly.
    let i = lo - 1;
    let j = hi;
    for (;;) {
      do i++;
      while (keys[i]! > pivot);
      do j--;
      while (keys[j]! < pivot);
      if (i >= j) break;
      const k = keys[i]!;
      keys[i] = keys[j]!;
      keys[j] = k;
      const r = payload[i]!;
      payload[i] = payload[j]!;
      payload[j] = r;
    }
    // Recurse into the smaller part, loop on the larger: stack depth O(log n).
    if (j + 1 - lo < hi - j - 1) {
      sortPairs(keys, payload, lo, j + 1);
      lo = j + 1;
    } else {
      sortPairs(keys, payload, j + 1, hi);
      hi = j + 1;
    }
  }
  for (let i = lo + 1; i < hi; i++) {
    const k = keys[i]!;
    const r = payload[i]!;
    let j = i - 1;
    while (j >= lo && keys[j]! < k) {
      keys[j + 1] = keys[j]!;
      payload[j + 1] = payload[j]!;
      j--;
    }
    keys[j + 1] = k;
    payload[j + 1] = r;
  }
}
