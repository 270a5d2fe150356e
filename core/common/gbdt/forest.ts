// Fast batch prediction: the trees recompiled into complete (padded) binary trees walked without
// branches, several rows at a time, over a row-major block of the features.

import type { Tree } from './tree.js';

/*
 * Why this layout. A tree walk is a chain of dependent loads (node → feature → value → compare →
 * child); walked one row at a time with a branch per node, every mispredicted branch stalls the
 * chain and scoring runs at the latency of one chain. Here:
 *
 *  - Each tree of depth D ≤ MAX_DEPTH becomes a complete tree in heap order (children of node p
 *    at 2p + 1 and 2p + 2); a leaf above depth D is copied into every padded slot below it, and
 *    the padded internal nodes compare against +∞ (any side leads to the same leaf). Every row
 *    then takes exactly D steps: node = 2·node + 1 + (x > threshold), with no branch.
 *  - Missing values: a block holds each feature twice per row, NaN read as −∞ in the first copy
 *    and as +∞ in the second. A node whose default side is left reads the first copy (−∞ is
 *    never > threshold, so NaN goes left); one whose default is right reads the second (+∞ >
 *    any finite threshold). Non-missing values are the same in both copies, so `x > threshold`
 *    is exactly `!(x <= threshold)` of Tree.next.
 *  - Categorical nodes: before a tree is walked, each of its categorical nodes gets one derived
 *    slot per row holding 1 when the row's code goes right (Tree.next's bitset test, code read
 *    the same way) and 0 when it goes left; the node then compares that slot with 0.5.
 *  - Eight rows are walked side by side, so the processor overlaps eight independent chains.
 *
 * Each row still adds its trees' leaf values in tree order, starting from the same value, so the
 * sums are the same to the bit as Tree.addRangePredictions. Trees deeper than MAX_DEPTH (a padded
 * tree doubles with each level), or with a threshold the ±∞ reading cannot honour (NaN, or +∞ on
 * a node whose missing values go right), keep the per-node walk of Tree.
 */

/** Deepest tree compiled (2^12 leaves, 48 KiB of nodes); deeper trees use Tree's own walk. */
export const MAX_DEPTH = 12;
/** Bytes of one feature block (rows × slots × 8), sized to stay in the L2 cache. */
const BLOCK_BYTES = 1 << 19;
const MAX_BLOCK_ROWS = 1024;

interface CompiledTree {
  depth: number;
  /** Per heap node: the block slot it reads (a feature copy, or a derived categorical slot). */
  slot: Int32Array;
  threshold: Float64Array;
  /** Leaf values of the 2^depth padded leaves, left to right. */
  leaf: Float64Array;
  /** Categorical nodes: their feature, and their go-right table (1 = right) over codes. */
  catFeature: Int32Array;
  catOffset: Int32Array;
  catSize: Int32Array;
  catRight: Uint8Array;
}

function compileTree(tree: Tree, numFeatures: number): CompiledTree | null {
  const internal = tree.numLeaves - 1;
  for (let n = 0; n < internal; n++) {
    const t = tree.threshold[n]!;
    if (tree.isCategorical[n] !== 1 && (t !== t || (tree.defaultLeft[n] !== 1 && t === Infinity)))
      return null;
  }
  const depth = tree.depth();
  if (depth > MAX_DEPTH) return null;
  const heapInternal = (1 << depth) - 1;
  const slot = new Int32Array(Math.max(1, heapInternal));
  const threshold = new Float64Array(Math.max(1, heapInternal)).fill(Infinity);
  const leaf = new Float64Array(1 << depth);
  const catFeature: number[] = [];
  const catOffset: number[] = [];
  const catSize: number[] = [];
  const catRight: number[] = [];
  const place = (node: number, pos: number, d: number): void => {
    if (d === depth) {
      leaf[pos - heapInternal] = tree.leafValue[node < 0 ? ~node : 0]!;
      return;
    }
    if (node < 0) {
      // A leaf above the bottom: the padded node compares with +∞ and both sides hold the leaf.
      place(node, 2 * pos + 1, d + 1);
      place(node, 2 * pos + 2, d + 1);
      return;
    }
    if (tree.isCategorical[node] === 1) {
      const k = tree.threshold[node]!;
      const from = tree.catBoundaries[k]!;
      const size = (tree.catBoundaries[k + 1]! - from) * 32;
      slot[pos] = 2 * numFeatures + catFeature.length;
      threshold[pos] = 0.5;
      catFeature.push(tree.splitFeature[node]!);
      catOffset.push(catRight.length);
      catSize.push(size);
      for (let c = 0; c < size; c++)
        catRight.push((tree.catBits[from + (c >>> 5)]! >>> (c & 31)) & 1 ? 0 : 1);
    } else {
      slot[pos] = tree.splitFeature[node]! + (tree.defaultLeft[node] === 1 ? 0 : numFeatures);
      threshold[pos] = tree.threshold[node]!;
    }
    place(tree.left[node]!, 2 * pos + 1, d + 1);
    place(tree.right[node]!, 2 * pos + 2, d + 1);
  };
  place(tree.numLeaves === 1 ? -1 : 0, 0, 0);
  return {
    depth,
    slot,
    threshold,
    leaf,
    catFeature: Int32Array.from(catFeature),
    catOffset: Int32Array.from(catOffset),
    catSize: Int32Array.from(catSize),
    catRight: Uint8Array.from(catRight),
  };
}

export class CompiledForest {
  private readonly trees: readonly Tree[];
  private readonly compiled: readonly (CompiledTree | null)[];
  private readonly numFeatures: number;
  /** Slots per block row: two copies of each feature, then the derived categorical slots. */
  private readonly stride: number;
  private readonly blockRows: number;

  constructor(trees: readonly Tree[], numFeatures: number) {
    this.trees = trees;
    this.numFeatures = numFeatures;
    this.compiled = trees.map((t) => compileTree(t, numFeatures));
    let derived = 0;
    for (const c of this.compiled) if (c) derived = Math.max(derived, c.catFeature.length);
    this.stride = 2 * numFeatures + derived;
    this.blockRows = Math.max(
      8,
      Math.min(MAX_BLOCK_ROWS, Math.floor(BLOCK_BYTES / (8 * this.stride)) & ~7),
    );
  }

  /** Trees compiled (the rest use Tree's own walk). */
  get compiledCount(): number {
    return this.compiled.filter((c) => c !== null).length;
  }

  /**
   * margin[i] += the sum over trees k, k + step, k + 2·step, … (in that order) of row i's leaf
   * value, for every row of the column-major features `cols`.
   */
  addPredictions(
    cols: readonly ArrayLike<number>[],
    margin: Float64Array,
    first: number,
    step: number,
  ): void {
    const n = margin.length;
    const F = this.numFeatures;
    const S = this.stride;
    const block = new Float64Array(Math.min(n, this.blockRows) * S);
    for (let from = 0; from < n; from += this.blockRows) {
      const m = Math.min(this.blockRows, n - from);
      for (let f = 0; f < F; f++) {
        const col = cols[f]!;
        for (let i = 0, b = f; i < m; i++, b += S) {
          const v = col[from + i]!;
          const missing = v !== v;
          block[b] = missing ? -Infinity : v;
          block[b + F] = missing ? Infinity : v;
        }
      }
      for (let t = first; t < this.trees.length; t += step) {
        const c = this.compiled[t]!;
        if (c) walkBlock(c, block, S, F, m, margin, from);
        else this.trees[t]!.addRangePredictions(cols, margin, from, from + m);
      }
    }
  }
}

/** Adds compiled tree `c`'s leaf values to margin[from …] for the m rows of `x`. */
function walkBlock(
  c: CompiledTree,
  x: Float64Array,
  S: number,
  F: number,
  m: number,
  margin: Float64Array,
  from: number,
): void {
  const { depth, slot, threshold: th, leaf, catFeature, catOffset, catSize, catRight } = c;
  // Derived slots: 1 when the row's category code goes right at that node (as Tree.next reads
  // codes: NaN, negative and out-of-range go right). NaN reads as −∞ in the first copy.
  for (let j = 0; j < catFeature.length; j++) {
    const f = catFeature[j]!;
    const off = catOffset[j]!;
    const size = catSize[j]!;
    const d = 2 * F + j - f;
    for (let i = 0, b = f; i < m; i++, b += S) {
      const v = x[b]!;
      x[b + d] = v >= 0 && v < size ? catRight[off + (v | 0)]! : 1;
    }
  }
  const base = (1 << depth) - 1;
  let i = 0;
  for (; i + 8 <= m; i += 8) {
    const b0 = i * S;
    const b1 = b0 + S;
    const b2 = b1 + S;
    const b3 = b2 + S;
    const b4 = b3 + S;
    const b5 = b4 + S;
    const b6 = b5 + S;
    const b7 = b6 + S;
    let n0 = 0;
    let n1 = 0;
    let n2 = 0;
    let n3 = 0;
    let n4 = 0;
    let n5 = 0;
    let n6 = 0;
    let n7 = 0;
    for (let d = 0; d < depth; d++) {
      n0 = 2 * n0 + 1 + Number(x[b0 + slot[n0]!]! > th[n0]!);
      n1 = 2 * n1 + 1 + Number(x[b1 + slot[n1]!]! > th[n1]!);
      n2 = 2 * n2 + 1 + Number(x[b2 + slot[n2]!]! > th[n2]!);
      n3 = 2 * n3 + 1 + Number(x[b3 + slot[n3]!]! > th[n3]!);
      n4 = 2 * n4 + 1 + Number(x[b4 + slot[n4]!]! > th[n4]!);
      n5 = 2 * n5 + 1 + Number(x[b5 + slot[n5]!]! > th[n5]!);
      n6 = 2 * n6 + 1 + Number(x[b6 + slot[n6]!]! > th[n6]!);
      n7 = 2 * n7 + 1 + Number(x[b7 + slot[n7]!]! > th[n7]!);
    }
    const r = from + i;
    margin[r] = margin[r]! + leaf[n0 - base]!;
    margin[r + 1] = margin[r + 1]! + leaf[n1 - base]!;
    margin[r + 2] = margin[r + 2]! + leaf[n2 - base]!;
    margin[r + 3] = margin[r + 3]! + leaf[n3 - base]!;
    margin[r + 4] = margin[r + 4]! + leaf[n4 - base]!;
    margin[r + 5] = margin[r + 5]! + leaf[n5 - base]!;
    margin[r + 6] = margin[r + 6]! + leaf[n6 - base]!;
    margin[r + 7] = margin[r + 7]! + leaf[n7 - base]!;
  }
  for (let b = i * S; i < m; i++, b += S) {
    let node = 0;
    for (let d = 0; d < depth; d++) node = 2 * node + 1 + Number(x[b + slot[node]!]! > th[node]!);
    margin[from + i] = margin[from + i]! + leaf[node - base]!;
  }
}
