// Grows a Tree's flat arrays one split at a time, as the tree learner chooses splits.
import { Tree } from './tree.js';

export class TreeBuilder {
  private numLeaves = 1;
  private readonly splitFeature: Int32Array;
  private readonly threshold: Float64Array;
  private readonly defaultLeft: Uint8Array;
  private readonly isCategorical: Uint8Array;
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private readonly gain: Float64Array;
  private readonly internalCount: Float64Array;
  private readonly internalHess: Float64Array;
  private readonly leafValue: Float64Array;
  private readonly leafCount: Float64Array;
  private readonly leafHess: Float64Array;
  /** The internal node above each leaf (−1 for the root leaf). */
  private readonly leafParent: Int32Array;
  private catBitsets: Uint32Array[] = [];

  constructor(maxLeaves: number) {
    const m = Math.max(maxLeaves - 1, 1);
    this.splitFeature = new Int32Array(m);
    this.threshold = new Float64Array(m);
    this.defaultLeft = new Uint8Array(m);
    this.isCategorical = new Uint8Array(m);
    this.left = new Int32Array(m);
    this.right = new Int32Array(m);
    this.gain = new Float64Array(m);
    this.internalCount = new Float64Array(m);
    this.internalHess = new Float64Array(m);
    this.leafValue = new Float64Array(maxLeaves);
    this.leafCount = new Float64Array(maxLeaves);
    this.leafHess = new Float64Array(maxLeaves);
    this.leafParent = new Int32Array(maxLeaves);
  }

  /** Starts a tree with one leaf. */
  reset(value: number, count: number, hess: number): void {
    this.numLeaves = 1;
    this.catBitsets = [];
    this.leafParent[0] = -1;
    this.setLeaf(0, value, count, hess);
  }

  setLeaf(leaf: number, value: number, count: number, hess: number): void {
    this.leafValue[leaf] = value;
    this.leafCount[leaf] = count;
    this.leafHess[leaf] = hess;
  }

  /**
   * Splits `leaf`: it keeps its index for the left child, the right child is leaf numLeaves
   * (returned). `catCodes`, for a categorical split, lists the codes going left.
   */
  split(
    leaf: number,
    feature: number,
    threshold: number,
    defaultLeft: boolean,
    catCodes: readonly number[] | null,
    gain: number,
  ): number {
    const node = this.numLeaves - 1;
    const newLeaf = this.numLeaves++;
    const parent = this.leafParent[leaf]!;
    if (parent >= 0) {
      if (this.left[parent] === ~leaf) this.left[parent] = node;
      else this.right[parent] = node;
    }
    this.splitFeature[node] = feature;
    this.defaultLeft[node] = defaultLeft ? 1 : 0;
    this.gain[node] = gain;
    this.internalCount[node] = this.leafCount[leaf]!;
    this.internalHess[node] = this.leafHess[leaf]!;
    if (catCodes) {
      let maxCode = 0;
      for (const c of catCodes) maxCode = Math.max(maxCode, c);
      const bits = new Uint32Array((maxCode >>> 5) + 1);
      for (const c of catCodes) bits[c >>> 5] = bits[c >>> 5]! | (1 << (c & 31));
      this.isCategorical[node] = 1;
      this.threshold[node] = this.catBitsets.length;
      this.catBitsets.push(bits);
    } else {
      this.isCategorical[node] = 0;
      this.threshold[node] = threshold;
    }
    this.left[node] = ~leaf;
    this.right[node] = ~newLeaf;
    this.leafParent[leaf] = node;
    this.leafParent[newLeaf] = node;
    return newLeaf;
  }

  /**
   * Sets every internal node's count and hessian to the sums of its leaves' (after the leaves'
   * were replaced). Children are created after their parents, so a backward pass sees them
   * first.
   */
  sumInternal(): void {
    const hessOf = (c: number): number => (c < 0 ? this.leafHess[~c]! : this.internalHess[c]!);
    const countOf = (c: number): number => (c < 0 ? this.leafCount[~c]! : this.internalCount[c]!);
    for (let node = this.numLeaves - 2; node >= 0; node--) {
      this.internalHess[node] = hessOf(this.left[node]!) + hessOf(this.right[node]!);
      this.internalCount[node] = countOf(this.left[node]!) + countOf(this.right[node]!);
    }
  }

  /** The finished tree, with arrays trimmed to its size. */
  finish(): Tree {
    const n = this.numLeaves;
    const m = n - 1;
    const catBoundaries = new Int32Array(this.catBitsets.length + 1);
    this.catBitsets.forEach((b, k) => (catBoundaries[k + 1] = catBoundaries[k]! + b.length));
    const catBits = new Uint32Array(catBoundaries[this.catBitsets.length]!);
    this.catBitsets.forEach((b, k) => catBits.set(b, catBoundaries[k]!));
    return new Tree({
      numLeaves: n,
      splitFeature: this.splitFeature.slice(0, m),
      threshold: this.threshold.slice(0, m),
      defaultLeft: this.defaultLeft.slice(0, m),
      isCategorical: this.isCategorical.slice(0, m),
      left: this.left.slice(0, m),
      right: this.right.slice(0, m),
      gain: this.gain.slice(0, m),
      internalCount: this.internalCount.slice(0, m),
      internalHess: this.internalHess.slice(0, m),
      catBoundaries,
      catBits,
      leafValue: this.leafValue.slice(0, n),
      leafCount: this.leafCount.slice(0, n),
      leafHess: this.leafHess.slice(0, n),
    });
  }
}
