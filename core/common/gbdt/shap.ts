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
  if (tree.numLeaves <= 1) {
    phi[bias] = phi[bias]! + tree.expectedValue();
    return;
  }
  const table = shapTable(tree);
  if (table === null) {
    phi[bias] = phi[bias]! + tree.expectedValue();
    recurse(tree, row, phi, phiAt, path, 0, 0, 0, 1, 1, -1);
    return;
  }
  phi[bias] = phi[bias]! + table.expected;
  addTableShap(tree, table, row, phi, phiAt);
}

/** The original per-row algorithm, without the precomputed tables (for tests and fallback). */
export function addTreeShapRecursive(
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

/*
 * Precomputed TreeSHAP (in the spirit of Fast TreeSHAP v2, Yang 2021). For one leaf, the
 * path-dependent SHAP values depend on the row only through its pattern: which of the leaf's
 * d unique path features the row "follows" (the row goes the leaf's way at every node of that
 * feature — the 0/1 "one" fraction of the recursion above). The "zero" fractions are products
 * of cover ratios, fixed per tree. So for each leaf and each of its 2^d patterns the d
 * contributions are computed once, with the same extend/unwind arithmetic as the recursion
 * (features in the order the recursion leaves them), and a row then costs one decision per
 * internal node plus, per leaf, d bit tests and d table adds: O(leaves · depth) instead of
 * O(leaves · depth²). Tables are built lazily, once per tree (cached in a WeakMap, so models
 * that are never explained pay nothing); a tree whose table would exceed TABLE_TREE_LIMIT
 * doubles (size grows as leaves · depth · 2^depth), or would push the live tables over
 * TABLE_TOTAL_LIMIT, uses the recursion instead for its lifetime. Both give the same values
 * up to rounding (≤ 1e-12, tested).
 */
interface ShapTable {
  expected: number;
  /** Internal nodes in preorder (parents first). */
  order: Int32Array;
  /**
   * Per internal node: the bit of its feature in the pattern of every leaf below it — the
   * feature's rank among the distinct features on the root path, by first appearance.
   */
  nodeBit: Int32Array;
  /** Per leaf: d (distinct path features), its features by bit, and its 2^d · d values. */
  leafDepth: Int32Array;
  featStart: Int32Array;
  feat: Int32Array;
  valueStart: Int32Array;
  value: Float64Array;
}

const TABLE_TREE_LIMIT = 1 << 17; // 1 MB of doubles per tree (depth ≤ ~7 when full)
const TABLE_TOTAL_LIMIT = 1 << 23; // 64 MB of doubles live across all trees
const MAX_PATTERN_BITS = 16;
let liveDoubles = 0;
const tables = new WeakMap<Tree, ShapTable | null>();
const released =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry<number>((n) => {
        liveDoubles -= n;
      })
    : null;
let maskScratch = new Int32Array(128);

interface LeafPath {
  nodes: number[];
  children: number[];
}

function leafPaths(tree: Tree, order: number[]): LeafPath[] {
  const out: LeafPath[] = new Array(tree.numLeaves);
  const nodes: number[] = [];
  const children: number[] = [];
  const walk = (node: number): void => {
    order.push(node);
    for (const child of [tree.left[node]!, tree.right[node]!]) {
      nodes.push(node);
      children.push(child);
      if (child < 0) out[~child] = { nodes: nodes.slice(), children: children.slice() };
      else walk(child);
      nodes.pop();
      children.pop();
    }
  };
  walk(0);
  return out;
}

/**
 * Distinct features of a path in the order the recursion leaves them (a repeat is unwound
 * and extended again, so it moves last) with their zero fractions, and in first-appearance
 * order (the pattern bits).
 */
function uniqueFeatures(
  tree: Tree,
  p: LeafPath,
): { feats: number[]; zeros: number[]; first: number[] } {
  const feats: number[] = [];
  const zeros: number[] = [];
  const first: number[] = [];
  for (let k = 0; k < p.nodes.length; k++) {
    const node = p.nodes[k]!;
    const f = tree.splitFeature[node]!;
    const ratio = cover(tree, p.children[k]!) / tree.internalCount[node]!;
    const at = feats.indexOf(f);
    let inZero = 1;
    if (at >= 0) {
      inZero = zeros[at]!;
      feats.splice(at, 1);
      zeros.splice(at, 1);
    } else {
      first.push(f);
    }
    feats.push(f);
    zeros.push(ratio * inZero);
  }
  return { feats, zeros, first };
}

function shapTable(tree: Tree): ShapTable | null {
  const cached = tables.get(tree);
  if (cached !== undefined) return cached;
  const order: number[] = [];
  const paths = leafPaths(tree, order);
  if (order.length !== tree.numLeaves - 1 || paths.some((p) => p === undefined)) {
    tables.set(tree, null);
    return null;
  }
  const uniq = paths.map((p) => uniqueFeatures(tree, p));
  let size = 0;
  let featCount = 0;
  let maxD = 0;
  for (let l = 0; l < paths.length; l++) {
    const d = uniq[l]!.feats.length;
    if (d > MAX_PATTERN_BITS) size = Infinity;
    else size += d * 2 ** d;
    featCount += d;
    maxD = Math.max(maxD, d);
  }
  // Too big, or over the live budget: this tree keeps using the recursion.
  if (size > TABLE_TREE_LIMIT || liveDoubles + size > TABLE_TOTAL_LIMIT) {
    tables.set(tree, null);
    return null;
  }
  const L = tree.numLeaves;
  const t: ShapTable = {
    expected: tree.expectedValue(),
    order: Int32Array.from(order),
    nodeBit: new Int32Array(L - 1),
    leafDepth: new Int32Array(L),
    featStart: new Int32Array(L + 1),
    feat: new Int32Array(featCount),
    valueStart: new Int32Array(L + 1),
    value: new Float64Array(size),
  };
  const sp = new ShapPath(maxD);
  let fAt = 0;
  let vAt = 0;
  for (let l = 0; l < L; l++) {
    const path = paths[l]!;
    const { feats, zeros, first } = uniq[l]!;
    const d = feats.length;
    for (const node of path.nodes) t.nodeBit[node] = 1 << first.indexOf(tree.splitFeature[node]!);
    const bitOf = feats.map((f) => first.indexOf(f));
    t.leafDepth[l] = d;
    t.featStart[l] = fAt;
    for (let b = 0; b < d; b++) t.feat[fAt++] = first[b]!;
    t.valueStart[l] = vAt;
    const leafValue = tree.leafValue[l]!;
    for (let mask = 0; mask < 2 ** d; mask++) {
      extend(sp, 0, 0, 1, 1, -1);
      for (let q = 0; q < d; q++) {
        extend(sp, 0, q + 1, zeros[q]!, (mask >>> bitOf[q]!) & 1, feats[q]!);
      }
      for (let i = 1; i <= d; i++) {
        const w = unwoundSum(sp, 0, d, i);
        t.value[vAt + bitOf[i - 1]!] = w * (sp.one[i]! - sp.zero[i]!) * leafValue;
      }
      vAt += d;
    }
  }
  t.featStart[L] = fAt;
  t.valueStart[L] = vAt;
  liveDoubles += size;
  released?.register(t, size);
  tables.set(tree, t);
  return t;
}

/** Doubles in the tree's precomputed table (building it), or 0 when it uses the recursion. */
export function shapTableSize(tree: Tree): number {
  if (tree.numLeaves <= 1) return 0;
  return shapTable(tree)?.value.length ?? 0;
}

function addTableShap(
  tree: Tree,
  t: ShapTable,
  row: ArrayLike<number>,
  phi: Float64Array,
  phiAt: number,
): void {
  // The row's pattern at each node, top-down: a bit is cleared where the row leaves the path.
  const L = tree.numLeaves;
  if (maskScratch.length < 2 * L) maskScratch = new Int32Array(4 * L);
  const mask = maskScratch; // internal nodes at [0, L − 1), leaf l at L + l
  const { order, nodeBit, leafDepth, featStart, feat, valueStart, value } = t;
  const split = tree.splitFeature;
  const left = tree.left;
  const right = tree.right;
  mask[0] = -1;
  for (let k = 0; k < L - 1; k++) {
    const node = order[k]!;
    const m = mask[node]!;
    const cold = m & ~nodeBit[node]!;
    const l = left[node]!;
    const r = right[node]!;
    const goLeft = tree.next(node, row[split[node]!]!) === l;
    mask[l < 0 ? L + ~l : l] = goLeft ? m : cold;
    mask[r < 0 ? L + ~r : r] = goLeft ? cold : m;
  }
  for (let l = 0; l < L; l++) {
    const d = leafDepth[l]!;
    const base = valueStart[l]! + (mask[L + l]! & ((1 << d) - 1)) * d;
    const fo = featStart[l]!;
    for (let b = 0; b < d; b++) {
      const k = phiAt + feat[fo + b]!;
      phi[k] = phi[k]! + value[base + b]!;
    }
  }
}
