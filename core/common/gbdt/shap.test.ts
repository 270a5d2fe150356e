import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import { train } from './booster.js';
import type { RawData } from './dataset.js';

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
});
