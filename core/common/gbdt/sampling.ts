// Per-tree random choices: the rows a tree is grown on (bagging) and the features it may use.
import type { Rng } from '../random.js';

/** Rows kept with probability `fraction` each, ascending; null when fraction is 1 (all rows). */
export function bagRows(n: number, fraction: number, rng: Rng): Uint32Array | null {
  if (fraction >= 1) return null;
  const out = new Uint32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) if (rng.next() < fraction) out[k++] = i;
  return out.slice(0, k);
}

/** The rows of 0 … n − 1 not in `bag` (ascending). */
export function outOfBag(n: number, bag: Uint32Array): Uint32Array {
  const out = new Uint32Array(n - bag.length);
  let k = 0;
  let j = 0;
  for (let i = 0; i < n; i++) {
    if (j < bag.length && bag[j] === i) j++;
    else out[k++] = i;
  }
  return out;
}

/** max(1, round(fraction · count)) distinct features from `candidates`, ascending. */
export function sampleFeatures(candidates: Int32Array, fraction: number, rng: Rng): Int32Array {
  if (fraction >= 1) return candidates;
  const k = Math.max(1, Math.round(fraction * candidates.length));
  const pool = Array.from(candidates);
  // Partial Fisher–Yates: the first k entries become a uniform sample.
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(pool.length - i);
    const tmp = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = tmp;
  }
  return Int32Array.from(pool.slice(0, k)).sort();
}
