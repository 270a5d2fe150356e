// Exact TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2): per-feature contributions that,
// with the expected value, sum to the raw margin.
import type { Tree } from './tree.js';

/*
 * Path-dependent TreeSHAP, as in LightGBM's Tree::TreeSHAP: walk every root-to-leaf path,
 * keeping for the features met so far the fractions of "zero" (the feature unknown: follow
 * training covers) and "one" (the feature known: follow the row) paths, and the permutation
 * weights of every subset size. Covers are the training row counts at each node. Cost is
 * O(leaves · depth²) per tree and row. The path lives in preallocated typed arrays: the
 * recursion at depth d works on its own segment starting at d(d+1)/2.
 */
export class ShapPath {
  readonly feature: Int32Array;
  readonly zero: Float64Array;
  readonly one: Float64Array;
  readonly weight: Float64Array;

  constructor(maxDepth: number) {
    const size = ((maxDepth + 2) * (maxDepth + 3)) / 2;
    this.feature = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.weight = new Float64Array(size);
  }
}

function extend(
  p: ShapPath,
  at: number,
  depth: number,
  zero: number,
  one: number,
  f: number,
): void {
  const w = p.weight;
  p.feature[at + depth] = f;
  p.zero[at + depth] = zero;
  p.one[at + depth] = one;
  w[at + depth] = depth === 0 ? 1 : 0;
  for (let i = depth - 1; i >= 0; i--) {
    w[at + i + 1] = w[at + i + 1]! + (one * w[at + i]! * (i + 1)) / (depth + 1);
    w[at + i] = (zero * w[at + i]! * (depth - i)) / (depth + 1);
  }
}

function unwind(p: ShapPath, at: number, depth: number, index: number): void {
  const w = p.weight;
  const one = p.one[at + index]!;
  const zero = p.zero[at + index]!;
  let next = w[at + depth]!;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = w[at + i]!;
      w[at + i] = (next * (depth + 1)) / ((i + 1) * one);
      next = tmp - (w[at + i]! * zero * (depth - i)) / (depth + 1);
    } else {
      w[at + i] = (w[at + i]! * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = index; i < depth; i++) {
    p.feature[at + i] = p.feature[at + i + 1]!;
    p.zero[at + i] = p.zero[at + i + 1]!;
    p.one[at + i] = p.one[at + i + 1]!;
  }
}

function unwoundSum(p: ShapPath, at: number, depth: number, index: number): number {
  const w = p.weight;
  const one = p.one[at + index]!;
  const zero = p.zero[at + index]!;
  let next = w[at + depth]!;
  let total = 0;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = (next * (depth + 1)) / ((i + 1) * one);
      total += tmp;
      next = w[at + i]! - tmp * zero * ((depth - i) / (depth + 1));
    } else {
      total += w[at + i]! / zero / ((depth - i) / (depth + 1));
    }
  }
  return total;
}

function cover(tree: Tree, child: number): number {
  return child < 0 ? tree.leafCount[~child]! : tree.internalCount[child]!;
}

function recurse(
  tree: Tree,
  row: ArrayLike<number>,
  phi: Float64Array,
  phiAt: number,
  p: ShapPath,
  node: number,
  depth: number,
  parentAt: number,
  parentZero: number,
  parentOne: number,
  parentFeature: number,
): void {
  const at = parentAt + depth;
  for (let i = 0; i < depth; i++) {
    p.feature[at + i] = p.feature[parentAt + i]!;
    p.zero[at + i] = p.zero[parentAt + i]!;
    p.one[at + i] = p.one[parentAt + i]!;
    p.weight[at + i] = p.weight[parentAt + i]!;
  }
  extend(p, at, depth, parentZero, parentOne, parentFeature);
  if (node < 0) {
    const value = tree.leafValue[~node]!;
    for (let i = 1; i <= depth; i++) {
      const w = unwoundSum(p, at, depth, i);
      const k = phiAt + p.feature[at + i]!;
      phi[k] = phi[k]! + w * (p.one[at + i]! - p.zero[at + i]!) * value;
    }
    return;
  }
  const f = tree.splitFeature[node]!;
  const hot = tree.next(node, row[f]!);
  const cold = hot === tree.left[node] ? tree.right[node]! : tree.left[node]!;
  const w = tree.internalCount[node]!;
  let inZero = 1;
  let inOne = 1;
  let index = 0;
  while (index <= depth && p.feature[at + index] !== f) index++;
  if (index <= depth) {
    inZero = p.zero[at + index]!;
    inOne = p.one[at + index]!;
    unwind(p, at, depth, index);
    depth--;
  }
  recurse(tree, row, phi, phiAt, p, hot, depth + 1, at, (cover(tree, hot) / w) * inZero, inOne, f);
  recurse(tree, row, phi, phiAt, p, cold, depth + 1, at, (cover(tree, cold) / w) * inZero, 0, f);
}

/**
 * Adds one tree's SHAP values for `row` (one value per feature) into phi[phiAt + feature],
 * and its expected value into phi[phiAt + numFeatures] (the bias slot).
 */
export function addTreeShap(
  tree: Tree,
  row: ArrayLike<number>,
  numFeatures: number,
  phi: Float64Array,
  phiAt: number,
  path: ShapPath,
): void {
  const bias = phiAt + numFeatures;
  phi[bias] = phi[bias]! + tree.expectedValue();
  if (tree.numLeaves > 1) recurse(tree, row, phi, phiAt, path, 0, 0, 0, 1, 1, -1);
}
