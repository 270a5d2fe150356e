import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import { binData, featureColumns, type RawData } from './dataset.js';
import { parseParams } from './params.js';
import { TreeLearner } from './tree-learner.js';

describe('TreeLearner.addToScore', () => {
  const rng = new Rng(21);
  const n = 3000;
  const data: RawData = {
    numeric: Array.from({ length: 4 }, (_, j) =>
      Float64Array.from({ length: n }, () => (j === 0 && rng.next() < 0.1 ? NaN : rng.normal())),
    ),
    categorical: [Int32Array.from({ length: n }, () => rng.int(6) - 1)],
  };
  const grad = Float64Array.from({ length: n }, (_, i) => data.numeric[1]![i]! + rng.normal());
  const hess = Float64Array.from({ length: n }, () => 0.5 + rng.next());
  const features = Int32Array.from([0, 1, 2, 3, 4]);

  // With and without bagging: the row-order update (all rows) and the per-leaf one (a bag).
  for (const bagged of [false, true]) {
    it(`adds each row's leaf value, as the tree predicts it (${bagged ? 'bag' : 'all rows'})`, () => {
      const p = parseParams({ num_leaves: 12, min_data_in_leaf: 5 });
      const binned = binData(data, p.max_bin, new Rng(1));
      const learner = new TreeLearner(binned, p, new Int8Array(5));
      const bag = bagged ? Uint32Array.from({ length: n / 2 }, (_, k) => 2 * k) : null;
      const tree = learner.grow(grad, hess, bag, features);
      expect(tree.numLeaves).toBe(12);
      const score = Float64Array.from({ length: n }, (_, i) => i / n);
      const expected = score.slice();
      learner.addToScore(tree, score);
      tree.addPredictions(featureColumns(data), expected, bag ?? undefined);
      expect(Array.from(score)).toEqual(Array.from(expected));
    });
  }
});
