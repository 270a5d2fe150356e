import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import { train } from './booster.js';
import type { RawData } from './dataset.js';
import { addTreeShap, addTreeShapRecursive, ShapPath, shapTableSize } from './shap.js';
import { Tree } from './tree.js';

function data(n: number, seed: number): { data: RawData; y: Float64Array } {
  const rng = new Rng(seed);
  const numeric = Array.from({ length: 5 }, () =>
    Float64Array.from({ length: n }, () => (rng.bernoulli(0.1) ? NaN : rng.normal())),
  );
  const cat = Int32Array.from({ length: n }, () => (rng.bernoulli(0.05) ? -1 : rng.int(8)));
  const y = Float64Array.from({ length: n }, (_, i) => {
    const [a, b, c] = [numeric[0]![i]!, numeric[1]![i]!, numeric[2]![i]!];
    const m = (a || 0) * (b || 1) + (Number.isNaN(c) ? 1 : c) + ((cat[i]! & 3) === 1 ? 1 : 0);
    return rng.next() < 1 / (1 + Math.exp(-2 * m)) ? 1 : 0;
  });
  return { data: { numeric, categorical: [cat] }, y };
}

describe('TreeSHAP', () => {
  it('contributions plus bias sum to the raw margin (200 random rows)', () => {
    const tr = data(3000, 1);
    const te = data(200, 2);
    const model = train(tr.data, tr.y, { trees: 30, num_leaves: 15, min_data_in_leaf: 10 });
    const F = 6;
    const phi = model.contributions(te.data);
    const raw = model.predictRaw(te.data);
    for (let i = 0; i < 200; i++) {
      let sum = 0;
      for (let j = 0; j <= F; j++) sum += phi[i * (F + 1) + j]!;
      expect(Math.abs(sum - raw[i]!)).toBeLessThan(1e-6);
    }
    // The bias is the same for every row: the expected margin.
    expect(phi[F]).toBeCloseTo(phi[(F + 1) * 7 + F]!, 12);
    // Unused noise features (3, 4) get far less credit than the signal.
    let signal = 0;
    let noise = 0;
    for (let i = 0; i < 200; i++) {
      signal += Math.abs(phi[i * (F + 1) + 2]!);
      noise += Math.abs(phi[i * (F + 1) + 4]!);
    }
    expect(noise).toBeLessThan(0.3 * signal);
  });

  it('matches brute-force Shapley values on a small tree', () => {
    const tr = data(2000, 3);
    const model = train(tr.data, tr.y, { trees: 1, num_leaves: 8, min_data_in_leaf: 5 });
    const tree = model.trees[0]!;
    const F = 6;
    // Path-dependent value of a coalition S: expectation over the tree with features outside S
    // following the training covers.
    const value = (row: number[], known: boolean[]): number => {
      const walk = (node: number): number => {
        if (node < 0) return tree.leafValue[~node]!;
        const f = tree.splitFeature[node]!;
        if (known[f]) return walk(tree.next(node, row[f]!));
        const l = tree.left[node]!;
        const r = tree.right[node]!;
        const cover = (c: number): number => (c < 0 ? tree.leafCount[~c]! : tree.internalCount[c]!);
        return (cover(l) * walk(l) + cover(r) * walk(r)) / tree.internalCount[node]!;
      };
      return walk(0);
    };
    const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
    const te = data(5, 4);
    const phi = model.contributions(te.data);
    for (let i = 0; i < 5; i++) {
      const row = [...te.data.numeric.map((c) => c[i]!), te.data.categorical[0]![i]!];
      for (let j = 0; j < F; j++) {
        let exact = 0;
        for (let mask = 0; mask < 1 << F; mask++) {
          if (mask & (1 << j)) continue;
          const known = Array.from({ length: F }, (_, f) => (mask & (1 << f)) !== 0);
          const s = known.filter(Boolean).length;
          const without = value(row, known);
          known[j] = true;
          exact += ((fact(s) * fact(F - s - 1)) / fact(F)) * (value(row, known) - without);
        }
        expect(phi[i * (F + 1) + j]).toBeCloseTo(exact, 10);
      }
    }
  });

  /** A random tree over `nf` features (the last `nc` categorical), at most `maxDepth` deep. */
  function randomTree(
    rng: Rng,
    nf: number,
    nc: number,
    maxDepth: number,
    pSplit: number,
    chain = false,
  ): Tree {
    const splitFeature: number[] = [];
    const threshold: number[] = [];
    const defaultLeft: number[] = [];
    const isCategorical: number[] = [];
    const left: number[] = [];
    const right: number[] = [];
    const internalCount: number[] = [];
    const catBoundaries = [0];
    const catBits: number[] = [];
    const leafValue: number[] = [];
    const leafCount: number[] = [];
    const build = (depth: number, leaf = false): [number, number] => {
      if (leaf || depth >= maxDepth || (depth > 0 && !rng.bernoulli(pSplit))) {
        leafValue.push(rng.normal());
        leafCount.push(1 + rng.int(50));
        return [~(leafValue.length - 1), leafCount[leafCount.length - 1]!];
      }
      const node = splitFeature.length;
      const f = rng.int(nf);
      splitFeature.push(f);
      defaultLeft.push(rng.int(2));
      if (f >= nf - nc) {
        isCategorical.push(1);
        threshold.push(catBoundaries.length - 1);
        catBits.push(rng.int(1 << 8));
        catBoundaries.push(catBits.length);
      } else {
        isCategorical.push(0);
        threshold.push(rng.normal());
      }
      left.push(0);
      right.push(0);
      internalCount.push(0);
      const [l, cl] = build(depth + 1);
      const [r, cr] = build(depth + 1, chain);
      left[node] = l;
      right[node] = r;
      internalCount[node] = cl + cr;
      return [node, cl + cr];
    };
    build(0);
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
      internalCount: Float64Array.from(internalCount),
      internalHess: Float64Array.from(internalCount),
      catBoundaries: Int32Array.from(catBoundaries),
      catBits: Uint32Array.from(catBits),
      leafValue: Float64Array.from(leafValue),
      leafCount: Float64Array.from(leafCount),
      leafHess: Float64Array.from(leafCount),
    });
  }

  function randomRow(rng: Rng, nf: number, nc: number): Float64Array {
    return Float64Array.from({ length: nf }, (_, f) => {
      if (rng.bernoulli(0.15)) return f >= nf - nc ? -1 : NaN;
      if (f >= nf - nc) return rng.bernoulli(0.05) ? 40 : rng.int(9);
      return rng.normal();
    });
  }

  function margin(tree: Tree, row: Float64Array): number {
    return tree.predictRow(row);
  }

  it('the precomputed tables equal the recursion on random trees (repeats, categorical, missing)', () => {
    const rng = new Rng(11);
    // Few features and deep trees force repeated features on a path; 2 of nf are categorical.
    const shapes = [
      { nf: 2, nc: 1, depth: 8, p: 0.9 },
      { nf: 3, nc: 1, depth: 7, p: 0.8 },
      { nf: 5, nc: 2, depth: 6, p: 1 },
      { nf: 8, nc: 2, depth: 6, p: 0.85 },
      { nf: 12, nc: 3, depth: 10, p: 0.6 },
      { nf: 1, nc: 0, depth: 5, p: 1 },
      { nf: 4, nc: 4, depth: 5, p: 0.9 },
    ];
    let trees = 0;
    for (const { nf, nc, depth, p } of shapes) {
      for (let rep = 0; rep < 12; rep++) {
        const tree = randomTree(rng, nf, nc, depth, p);
        if (tree.numLeaves > 1) expect(shapTableSize(tree)).toBeGreaterThan(0);
        trees++;
        const path = new ShapPath(tree.depth());
        for (let r = 0; r < 60; r++) {
          const row = randomRow(rng, nf, nc);
          const fast = new Float64Array(nf + 1);
          const slow = new Float64Array(nf + 1);
          addTreeShap(tree, row, nf, fast, 0, path);
          addTreeShapRecursive(tree, row, nf, slow, 0, path);
          let sum = 0;
          for (let j = 0; j <= nf; j++) {
            const tol = 1e-12 * Math.max(1, Math.abs(slow[j]!));
            if (!(Math.abs(fast[j]! - slow[j]!) <= tol))
              expect.fail(`feature ${j}: ${fast[j]} vs ${slow[j]} (nf ${nf}, depth ${depth})`);
            sum += fast[j]!;
          }
          expect(Math.abs(sum - margin(tree, row))).toBeLessThan(1e-9);
        }
      }
    }
    expect(trees).toBe(84);
  });

  it('the tables follow every pattern of a leaf (all rows through a full binary tree)', () => {
    // Full trees of depth 4 over 4 features: sweep rows over a grid of values around the
    // thresholds, NaN (default branches) and categorical codes (missing, unseen, out of range).
    const rng = new Rng(5);
    for (let rep = 0; rep < 5; rep++) {
      const tree = randomTree(rng, 4, 1, 4, 1);
      const path = new ShapPath(tree.depth());
      const values = [-2, -0.5, 0, 0.5, 2, NaN];
      const codes = [-1, 0, 1, 2, 3, 5, 7, 40];
      for (let a = 0; a < values.length ** 3; a++) {
        for (const c of codes) {
          const row = Float64Array.of(
            values[a % 6]!,
            values[Math.floor(a / 6) % 6]!,
            values[Math.floor(a / 36) % 6]!,
            c,
          );
          const fast = new Float64Array(5);
          const slow = new Float64Array(5);
          addTreeShap(tree, row, 4, fast, 0, path);
          addTreeShapRecursive(tree, row, 4, slow, 0, path);
          for (let j = 0; j <= 4; j++) {
            expect(Math.abs(fast[j]! - slow[j]!)).toBeLessThanOrEqual(
              1e-12 * Math.max(1, Math.abs(slow[j]!)),
            );
          }
        }
      }
    }
  });

  it('deep trees fall back to the recursion and still add up', () => {
    // A 22-deep chain over 400 features: ~21 distinct features on the deepest path, 2^21
    // patterns, over the table limit.
    const rng = new Rng(9);
    const tree = randomTree(rng, 400, 0, 22, 1, true);
    expect(tree.depth()).toBe(22);
    expect(shapTableSize(tree)).toBe(0);
    const path = new ShapPath(tree.depth());
    for (let r = 0; r < 20; r++) {
      const row = randomRow(rng, 400, 0);
      const fast = new Float64Array(401);
      const slow = new Float64Array(401);
      addTreeShap(tree, row, 400, fast, 0, path);
      addTreeShapRecursive(tree, row, 400, slow, 0, path);
      expect(Array.from(fast)).toEqual(Array.from(slow));
      expect(Math.abs(fast.reduce((a, b) => a + b, 0) - margin(tree, row))).toBeLessThan(1e-9);
    }
  });

  it('model contributions equal the recursion on a trained model (repeats, categorical, missing)', () => {
    const tr = data(3000, 7);
    const te = data(300, 8);
    const model = train(tr.data, tr.y, { trees: 20, num_leaves: 31, min_data_in_leaf: 5 });
    const F = 6;
    const phi = model.contributions(te.data);
    const raw = model.predictRaw(te.data);
    for (const t of model.trees) if (t.numLeaves > 1) expect(shapTableSize(t)).toBeGreaterThan(0);
    let depth = 0;
    for (const t of model.trees) depth = Math.max(depth, t.depth());
    const path = new ShapPath(depth);
    for (let i = 0; i < 300; i++) {
      const row = Float64Array.from([
        ...te.data.numeric.map((c) => c[i]!),
        te.data.categorical[0]![i]!,
      ]);
      const slow = new Float64Array(F + 1);
      slow[F] = phi[i * (F + 1) + F]! - model.trees.reduce((s, t) => s + t.expectedValue(), 0);
      for (const t of model.trees) addTreeShapRecursive(t, row, F, slow, 0, path);
      let sum = 0;
      for (let j = 0; j <= F; j++) {
        const got = phi[i * (F + 1) + j]!;
        expect(Math.abs(got - slow[j]!)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(got)));
        sum += got;
      }
      expect(Math.abs(sum - raw[i]!)).toBeLessThan(1e-9);
    }
  });
});
