import { describe, expect, it } from 'vitest';
import { train } from '../../common/gbdt/booster.js';
import type { RawData } from '../../common/gbdt/dataset.js';
import { Rng } from '../../common/random.js';
import { trainParallel } from './parallel.js';

/** Numeric columns with missing values, two categorical columns, a noisy binary target. */
function mixed(n: number, seed: number): { data: RawData; y: Float64Array } {
  const rng = new Rng(seed);
  const numeric = Array.from({ length: 9 }, (_, j) =>
    Float64Array.from({ length: n }, () => (j < 3 && rng.next() < 0.1 ? NaN : rng.normal())),
  );
  const categorical = [
    Int32Array.from({ length: n }, () => rng.int(5) - 1),
    Int32Array.from({ length: n }, () => rng.int(40)),
  ];
  const y = Float64Array.from({ length: n }, (_, i) => {
    const x0 = numeric[0]![i]!;
    const m = (Number.isNaN(x0) ? 1 : x0) + numeric[4]![i]! * numeric[5]![i]!;
    const c = categorical[1]![i]! % 3 === 0 ? 1 : -0.5;
    return m + c + 0.5 * rng.normal() > 0.3 ? 1 : 0;
  });
  return { data: { numeric, categorical }, y };
}

describe('trainParallel', () => {
  const { data, y } = mixed(6000, 11);

  it('gives the same model, byte for byte, as single-threaded train', async () => {
    const params = { trees: 15, num_leaves: 31, objective: 'binary', seed: 3 };
    const single = JSON.stringify(train(data, y, params));
    for (const threads of [2, 3]) {
      const multi = JSON.stringify(await trainParallel(data, y, params, {}, { threads }));
      expect(multi).toBe(single);
    }
    // Every leaf partitioned by all threads together, down to a few rows each.
    const split = await trainParallel(data, y, params, {}, { threads: 3, minPartitionRows: 1 });
    expect(JSON.stringify(split)).toBe(single);
  });

  it('matches with quantised gradients, level-wise and leaf-wise', async () => {
    const shapes = [
      { trees: 8, max_depth: 4, num_leaves: 16 },
      // Level-wise without bagging: the fused gradient job (pending score updates, extremes)
      // and split jobs over threads, with a generic objective and monotone constraints, and
      // with feature sampling.
      {
        trees: 8,
        max_depth: 4,
        num_leaves: 16,
        objective: 'regression',
        monotone_constraints: [1, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0],
      },
      { trees: 6, max_depth: 6, num_leaves: 64, feature_fraction: 0.5 },
      { trees: 8, num_leaves: 31, bagging_fraction: 0.7, feature_fraction: 0.6 },
      { trees: 8, max_depth: 3, num_leaves: 8, bagging_fraction: 0.8, objective: 'l1' },
    ];
    for (const shape of shapes) {
      const params = { ...shape, use_quantized_grad: 1, seed: 5 };
      const single = JSON.stringify(train(data, y, params));
      for (const threads of [2, 3]) {
        const multi = await trainParallel(data, y, params, {}, { threads, minPartitionRows: 1 });
        expect(JSON.stringify(multi)).toBe(single);
      }
    }
  });

  it('matches with bagging and feature sampling too', async () => {
    const params = {
      trees: 10,
      num_leaves: 15,
      bagging_fraction: 0.7,
      feature_fraction: 0.6,
      seed: 8,
    };
    const single = JSON.stringify(train(data, y, params));
    const multi = await trainParallel(data, y, params, {}, { threads: 2, minPartitionRows: 1 });
    expect(JSON.stringify(multi)).toBe(single);
  });
});
