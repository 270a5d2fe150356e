// The saved form of a model: versioned JSON with each tree's flat arrays.
import type { ObjectiveParams } from './objectives/index.js';
import type { GbdtParams } from './params.js';
import { Tree } from './tree.js';

export const MODEL_FORMAT = 'sightline-gbdt';
export const MODEL_VERSION = 1;

export interface TreeJson {
  numLeaves: number;
  splitFeature: number[];
  /** Numbers, with ±Infinity written as the strings 'Infinity' / '-Infinity' (not JSON numbers). */
  threshold: (number | string)[];
  defaultLeft: number[];
  isCategorical: number[];
  left: number[];
  right: number[];
  gain: number[];
  internalCount: number[];
  internalHess: number[];
  catBoundaries: number[];
  catBits: number[];
  leafValue: number[];
  leafCount: number[];
  leafHess: number[];
}

export interface GbdtModelJson {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_VERSION;
  objective: { name: string; params: ObjectiveParams };
  numOutputs: number;
  /** Starting margin per output. */
  initScore: number[];
  features: { names: string[]; numNumeric: number; numCategorical: number };
  /** Index of the best round under early stopping (the model keeps rounds 0 … bestIteration). */
  bestIteration: number;
  params: GbdtParams;
  /** Round r, output k is trees[r · numOutputs + k]. */
  trees: TreeJson[];
}

export function treeToJson(t: Tree): TreeJson {
  const nums = (a: ArrayLike<number>): number[] => Array.from(a);
  return {
    numLeaves: t.numLeaves,
    splitFeature: nums(t.splitFeature),
    threshold: Array.from(t.threshold, (v) => (Number.isFinite(v) ? v : String(v))),
    defaultLeft: nums(t.defaultLeft),
    isCategorical: nums(t.isCategorical),
    left: nums(t.left),
    right: nums(t.right),
    gain: nums(t.gain),
    internalCount: nums(t.internalCount),
    internalHess: nums(t.internalHess),
    catBoundaries: nums(t.catBoundaries),
    catBits: nums(t.catBits),
    leafValue: nums(t.leafValue),
    leafCount: nums(t.leafCount),
    leafHess: nums(t.leafHess),
  };
}

function numbers(where: string, v: unknown): number[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'number')) {
    throw new TypeError(`${where} must be an array of numbers`);
  }
  return v as number[];
}

/** Rebuilds a tree, checking shapes and that child pointers lead down (so walks end). */
export function treeFromJson(j: TreeJson, where: string): Tree {
  if (j === null || typeof j !== 'object' || Array.isArray(j))
    throw new TypeError(`${where} must be an object`);
  const n = j.numLeaves;
  if (!(Number.isInteger(n) && n >= 1)) throw new TypeError(`${where}.numLeaves must be >= 1`);
  if (!Array.isArray(j.threshold)) throw new TypeError(`${where}.threshold must be an array`);
  const thresholds = (j.threshold as unknown[]).map((v) => {
    const x = typeof v === 'string' ? Number(v) : v;
    if (typeof x !== 'number' || Number.isNaN(x))
      throw new TypeError(`${where}.threshold: bad value ${String(v)}`);
    return x;
  });
  const tree = new Tree({
    numLeaves: n,
    splitFeature: Int32Array.from(numbers(`${where}.splitFeature`, j.splitFeature)),
    threshold: Float64Array.from(thresholds),
    defaultLeft: Uint8Array.from(numbers(`${where}.defaultLeft`, j.defaultLeft)),
    isCategorical: Uint8Array.from(numbers(`${where}.isCategorical`, j.isCategorical)),
    left: Int32Array.from(numbers(`${where}.left`, j.left)),
    right: Int32Array.from(numbers(`${where}.right`, j.right)),
    gain: Float64Array.from(numbers(`${where}.gain`, j.gain)),
    internalCount: Float64Array.from(numbers(`${where}.internalCount`, j.internalCount)),
    internalHess: Float64Array.from(numbers(`${where}.internalHess`, j.internalHess)),
    catBoundaries: Int32Array.from(numbers(`${where}.catBoundaries`, j.catBoundaries)),
    catBits: Uint32Array.from(numbers(`${where}.catBits`, j.catBits)),
    leafValue: Float64Array.from(numbers(`${where}.leafValue`, j.leafValue)),
    leafCount: Float64Array.from(numbers(`${where}.leafCount`, j.leafCount)),
    leafHess: Float64Array.from(numbers(`${where}.leafHess`, j.leafHess)),
  });
  const numCat = tree.catBoundaries.length - 1;
  for (let node = 0; node < n - 1; node++) {
    for (const c of [tree.left[node]!, tree.right[node]!]) {
      const ok = c >= 0 ? c > node && c < n - 1 : ~c < n;
      if (!ok) throw new RangeError(`${where}: node ${node} has a bad child ${c}`);
    }
    if (tree.isCategorical[node] === 1) {
      const k = tree.threshold[node]!;
      if (!(Number.isInteger(k) && k >= 0 && k < numCat)) {
        throw new RangeError(`${where}: node ${node} has a bad category set ${k}`);
      }
    }
  }
  return tree;
}
