// One regression tree in flat arrays, and its prediction over raw (unbinned) features.

/*
 * Layout (LightGBM's): internal nodes 0 … numLeaves − 2, node 0 the root. A child pointer
 * c >= 0 is an internal node, c < 0 is leaf ~c. A numeric node sends x left when
 * x <= threshold (NaN goes to the default side); a categorical node sends code c left when
 * bit c of its bitset is set — missing, negative and unseen codes go right — and its
 * `threshold` is the index k of the bitset catBits[catBoundaries[k] … catBoundaries[k + 1]).
 * Thresholds are raw feature values, so a saved tree scores new data without the binner.
 */

export interface TreeArrays {
  numLeaves: number;
  splitFeature: Int32Array;
  threshold: Float64Array;
  defaultLeft: Uint8Array;
  isCategorical: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  /** Loss reduction of each split (for importance). */
  gain: Float64Array;
  /** Training rows reaching each internal node (for TreeSHAP), and their hessian sum. */
  internalCount: Float64Array;
  internalHess: Float64Array;
  catBoundaries: Int32Array;
  catBits: Uint32Array;
  leafValue: Float64Array;
  leafCount: Float64Array;
  leafHess: Float64Array;
}

export class Tree implements TreeArrays {
  readonly numLeaves: number;
  readonly splitFeature: Int32Array;
  readonly threshold: Float64Array;
  readonly defaultLeft: Uint8Array;
  readonly isCategorical: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly gain: Float64Array;
  readonly internalCount: Float64Array;
  readonly internalHess: Float64Array;
  readonly catBoundaries: Int32Array;
  readonly catBits: Uint32Array;
  readonly leafValue: Float64Array;
  readonly leafCount: Float64Array;
  readonly leafHess: Float64Array;

  constructor(a: TreeArrays) {
    const internal = a.numLeaves - 1;
    const sized: [string, ArrayLike<number>, number][] = [
      ['splitFeature', a.splitFeature, internal],
      ['threshold', a.threshold, internal],
      ['defaultLeft', a.defaultLeft, internal],
      ['isCategorical', a.isCategorical, internal],
      ['left', a.left, internal],
      ['right', a.right, internal],
      ['gain', a.gain, internal],
      ['internalCount', a.internalCount, internal],
      ['internalHess', a.internalHess, internal],
      ['leafValue', a.leafValue, a.numLeaves],
      ['leafCount', a.leafCount, a.numLeaves],
      ['leafHess', a.leafHess, a.numLeaves],
    ];
    for (const [name, arr, len] of sized) {
      if (arr.length !== len)
        throw new RangeError(`tree ${name} has ${arr.length} entries, expected ${len}`);
    }
    this.numLeaves = a.numLeaves;
    this.splitFeature = a.splitFeature;
    this.threshold = a.threshold;
    this.defaultLeft = a.defaultLeft;
    this.isCategorical = a.isCategorical;
    this.left = a.left;
    this.right = a.right;
    this.gain = a.gain;
    this.internalCount = a.internalCount;
    this.internalHess = a.internalHess;
    this.catBoundaries = a.catBoundaries;
    this.catBits = a.catBits;
    this.leafValue = a.leafValue;
    this.leafCount = a.leafCount;
    this.leafHess = a.leafHess;
  }

  /** The child of internal `node` that value `v` of its feature goes to. */
  next(node: number, v: number): number {
    if (this.isCategorical[node] === 1) {
      const k = this.threshold[node]!;
      const from = this.catBoundaries[k]!;
      const words = this.catBoundaries[k + 1]! - from;
      // Codes are integers; NaN, negative and out-of-range codes fail the range test.
      const c = v >= 0 && v < words * 32 ? v | 0 : -1;
      const hit = c >= 0 && (this.catBits[from + (c >>> 5)]! >>> (c & 31)) & 1;
      return hit ? this.left[node]! : this.right[node]!;
    }
    if (v !== v) return this.defaultLeft[node] === 1 ? this.left[node]! : this.right[node]!;
    return v <= this.threshold[node]! ? this.left[node]! : this.right[node]!;
  }

  /** The leaf reached by a row given as one value per feature (categorical codes as numbers). */
  leafIndex(row: ArrayLike<number>): number {
    if (this.numLeaves === 1) return 0;
    let node = 0;
    while (node >= 0) node = this.next(node, row[this.splitFeature[node]!]!);
    return ~node;
  }

  predictRow(row: ArrayLike<number>): number {
    return this.leafValue[this.leafIndex(row)]!;
  }

  /** The leaf reached by row `i` of column-major features. */
  leafOfColumns(cols: readonly ArrayLike<number>[], i: number): number {
    if (this.numLeaves === 1) return 0;
    let node = 0;
    while (node >= 0) node = this.next(node, cols[this.splitFeature[node]!]![i]!);
    return ~node;
  }

  /** out[i] += this tree's value for each row i (or each row listed in `rows`). */
  addPredictions(cols: readonly ArrayLike<number>[], out: Float64Array, rows?: Uint32Array): void {
    if (!rows) {
      this.addRangePredictions(cols, out, 0, out.length);
      return;
    }
    if (rows) {
      for (let k = 0; k < rows.length; k++) {
        const i = rows[k]!;
        out[i] = out[i]! + this.leafValue[this.leafOfColumns(cols, i)]!;
      }
    }
  }

  /** out[i] += this tree's value for rows from ≤ i < to. */
  addRangePredictions(
    cols: readonly ArrayLike<number>[],
    out: Float64Array,
    from: number,
    to: number,
  ): void {
    if (this.numLeaves > 1 && !this.isCategorical.includes(1)) {
      this.addNumericPredictions(cols, out, from, to);
      return;
    }
    for (let i = from; i < to; i++) out[i] = out[i]! + this.leafValue[this.leafOfColumns(cols, i)]!;
  }

  /**
   * addPredictions for a tree with numeric splits only (the common case): the same decisions as
   * next() — NaN fails `v <= threshold` and takes the default direction — with the arrays in
   * locals, so scoring a large table walks each tree in a tight loop.
   */
  private addNumericPredictions(
    cols: readonly ArrayLike<number>[],
    out: Float64Array,
    from: number,
    to: number,
  ): void {
    const feature = this.splitFeature;
    const threshold = this.threshold;
    const left = this.left;
    const right = this.right;
    const defaultLeft = this.defaultLeft;
    const leafValue = this.leafValue;
    for (let i = from; i < to; i++) {
      let node = 0;
      while (node >= 0) {
        const v = cols[feature[node]!]![i]!;
        node =
          v <= threshold[node]!
            ? left[node]!
            : v !== v && defaultLeft[node] === 1
              ? left[node]!
              : right[node]!;
      }
      out[i] = out[i]! + leafValue[~node]!;
    }
  }

  /** Multiplies every leaf value by `s` (the learning rate), in place. */
  scale(s: number): void {
    for (let l = 0; l < this.numLeaves; l++) this.leafValue[l] = this.leafValue[l]! * s;
  }

  /** Number of edges on the longest root-to-leaf path. */
  depth(): number {
    const walk = (node: number): number =>
      node < 0 ? 0 : 1 + Math.max(walk(this.left[node]!), walk(this.right[node]!));
    return this.numLeaves === 1 ? 0 : walk(0);
  }

  /** Mean leaf value over the training rows (weights: leaf counts). */
  expectedValue(): number {
    let sum = 0;
    let total = 0;
    for (let l = 0; l < this.numLeaves; l++) {
      sum += this.leafValue[l]! * this.leafCount[l]!;
      total += this.leafCount[l]!;
    }
    return total > 0 ? sum / total : this.leafValue[0]!;
  }
}
