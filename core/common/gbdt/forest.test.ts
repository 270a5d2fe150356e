import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import { train } from './booster.js';
import type { RawData } from './dataset.js';
import { CompiledForest, MAX_DEPTH } from './forest.js';
import { Tree } from './tree.js';

/** The reference: each row walks each tree node by node (Tree.next), adding in tree order. */
function reference(
  trees: readonly Tree[],
  cols: ArrayLike<number>[],
  n: number,
  start: number,
  first = 0,
  step = 1,
): Float64Array {
  const out = new Float64Array(n).fill(start);
  for (let i = 0; i < n; i++)
    for (let t = first; t < trees.length; t += step)
      out[i] = out[i]! + trees[t]!.leafValue[trees[t]!.leafOfColumns(cols, i)]!;
  return out;
}

const NUM = 3;
const CAT = 2;

/** A random tree over NUM numeric then CAT categorical features, at most `maxDepth` deep. */
function randomTree(rng: Rng, maxDepth: number, extremes: boolean): Tree {
  const splitFeature: number[] = [];
  const threshold: number[] = [];
  const defaultLeft: number[] = [];
  const isCategorical: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const catBoundaries = [0];
  const catBits: number[] = [];
  const leafValue: number[] = [];
  const grow = (depth: number): number => {
    if (depth === maxDepth || (depth > 0 && rng.bernoulli(0.25))) {
      leafValue.push(rng.normal());
      return ~(leafValue.length - 1);
    }
    const node = splitFeature.length;
    const f = rng.int(NUM + CAT);
    splitFeature.push(f);
    defaultLeft.push(rng.bernoulli(0.5) ? 1 : 0);
    left.push(0);
    right.push(0);
    if (f >= NUM) {
      isCategorical.push(1);
      const words = 1 + rng.int(2);
      threshold.push(catBoundaries.length - 1);
      for (let w = 0; w < words; w++) catBits.push((rng.next() * 2 ** 32) >>> 0);
      catBoundaries.push(catBits.length);
    } else {
      isCategorical.push(0);
      const r = rng.next();
      threshold.push(
        extremes && r < 0.05 ? -Infinity : extremes && r < 0.1 ? Infinity : rng.normal(),
      );
    }
    left[node] = grow(depth + 1);
    right[node] = grow(depth + 1);
    return node;
  };
  grow(0);
  const internal = splitFeature.length;
  return new Tree({
    numLeaves: leafValue.length,
    splitFeature: Int32Array.from(splitFeature),
    threshold: Float64Array.from(threshold),
    defaultLeft: Uint8Array.from(defaultLeft),
    isCategorical: Uint8Array.from(isCategorical),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    gain: new Float64Array(internal),
    internalCount: new Float64Array(internal),
    internalHess: new Float64Array(internal),
    catBoundaries: Int32Array.from(catBoundaries),
    catBits: Uint32Array.from(catBits),
    leafValue: Float64Array.from(leafValue),
    leafCount: new Float64Array(leafValue.length).fill(1),
    leafHess: new Float64Array(leafValue.length).fill(1),
  });
}

/** Columns with NaN, ±∞, and codes that are missing, negative, past the bitset or fractional. */
function randomColumns(rng: Rng, n: number): ArrayLike<number>[] {
  const numeric = Array.from({ length: NUM }, () =>
    Float64Array.from({ length: n }, () => {
      const r = rng.next();
      return r < 0.1 ? NaN : r < 0.12 ? Infinity : r < 0.14 ? -Infinity : rng.normal();
    }),
  );
  const categorical = Array.from({ length: CAT }, () =>
    Float64Array.from({ length: n }, () => {
      const r = rng.next();
      return r < 0.05
        ? NaN
        : r < 0.1
          ? -1
          : r < 0.13
            ? 64 + rng.int(40)
            : r < 0.15
              ? 2.5
              : rng.int(64);
    }),
  );
  return [...numeric, ...categorical];
}

describe('CompiledForest', () => {
  it('gives the per-node walk bit for bit on random trees, NaN, ±∞ and odd codes', () => {
    const rng = new Rng(7);
    const trees = Array.from({ length: 60 }, (_, k) => randomTree(rng, 1 + (k % 9), k % 3 === 0));
    const n = 2077; // several blocks, and a tail that is not a multiple of eight
    const cols = randomColumns(rng, n);
    const forest = new CompiledForest(trees, NUM + CAT);
    // Thresholds of +∞ on nodes whose missing values go right are left to Tree's walk.
    expect(forest.compiledCount).toBeGreaterThan(40);
    expect(forest.compiledCount).toBeLessThan(60);
    const margin = new Float64Array(n).fill(0.25);
    forest.addPredictions(cols, margin, 0, 1);
    expect(margin).toEqual(reference(trees, cols, n, 0.25));
  });

  it('leaves trees deeper than MAX_DEPTH to the per-node walk, with the same sums', () => {
    const rng = new Rng(11);
    const deep = randomTree(rng, MAX_DEPTH + 4, false);
    expect(deep.depth()).toBeGreaterThan(MAX_DEPTH);
    const trees = [randomTree(rng, 4, false), deep, randomTree(rng, 6, false)];
    const cols = randomColumns(rng, 501);
    const forest = new CompiledForest(trees, NUM + CAT);
    expect(forest.compiledCount).toBe(2);
    const margin = new Float64Array(501);
    forest.addPredictions(cols, margin, 0, 1);
    expect(margin).toEqual(reference(trees, cols, 501, 0));
  });

  it('sums every step-th tree from `first` (one output of a multiclass model)', () => {
    const rng = new Rng(3);
    const trees = Array.from({ length: 12 }, () => randomTree(rng, 5, false));
    const cols = randomColumns(rng, 99);
    const forest = new CompiledForest(trees, NUM + CAT);
    for (let k = 0; k < 3; k++) {
      const margin = new Float64Array(99).fill(-1);
      forest.addPredictions(cols, margin, k, 3);
      expect(margin).toEqual(reference(trees, cols, 99, -1, k, 3));
    }
  });

  it('single-leaf trees and single rows', () => {
    const rng = new Rng(5);
    const stump = randomTree(rng, 0, false);
    expect(stump.numLeaves).toBe(1);
    const trees = [stump, randomTree(rng, 3, false)];
    const cols = randomColumns(rng, 1);
    const margin = new Float64Array(1);
    new CompiledForest(trees, NUM + CAT).addPredictions(cols, margin, 0, 1);
    expect(margin).toEqual(reference(trees, cols, 1, 0));
  });

  it('GbdtModel.predictRaw equals the per-node walk on trained binary and multiclass models', () => {
    const rng = new Rng(21);
    const n = 3000;
    const a = Float64Array.from({ length: n }, () => (rng.bernoulli(0.15) ? NaN : rng.normal()));
    const b = Float64Array.from({ length: n }, () => rng.normal());
    const c = Int32Array.from({ length: n }, () => (rng.bernoulli(0.05) ? -1 : rng.int(40)));
    const data: RawData = { numeric: [a, b], categorical: [c] };
    const cls = Float64Array.from(
      { length: n },
      (_, i) => (Number.isNaN(a[i]!) ? 1 : a[i]! > 0 ? 2 : 0) + (c[i]! % 5 === 0 ? 0 : 0),
    );
    const bin = Float64Array.from(cls, (v, i) => (v === 2 || c[i]! % 4 === 1 ? 1 : 0));
    const cols = [a, b, c];
    const binary = train(data, bin, { objective: 'binary', trees: 30, num_leaves: 40 });
    expect(binary.trees.some((t) => t.isCategorical.includes(1))).toBe(true);
    expect(binary.predictRaw(data)).toEqual(
      reference(binary.trees, cols, n, binary.info.initScore[0]!),
    );
    const multi = train(data, cls, { objective: 'multiclass', num_class: 3, trees: 10 });
    const raw = multi.predictRaw(data);
    for (let k = 0; k < 3; k++) {
      const ref = reference(multi.trees, cols, n, multi.info.initScore[k]!, k, 3);
      for (let i = 0; i < n; i++) expect(raw[i * 3 + k]).toBe(ref[i]);
    }
  });
});
