import { describe, expect, it } from 'vitest';
import {
  groupKFold,
  kFold,
  outOfFold,
  stratifiedKFold,
  timeSeriesSplit,
  type Fold,
} from './folds.js';

function checkPartition(folds: Fold[], n: number): void {
  const seen = new Uint8Array(n);
  for (const f of folds) {
    const train = new Set(f.train);
    for (const t of f.test) {
      expect(train.has(t)).toBe(false);
      seen[t]!++;
    }
    expect(f.train.length + f.test.length).toBe(n);
  }
  expect([...seen].every((c) => c === 1)).toBe(true);
}

describe('cross-validation splits', () => {
  it('k-fold: every row is tested exactly once, sizes differ by at most one, seeded', () => {
    const folds = kFold(103, 5, { seed: 3 });
    checkPartition(folds, 103);
    const sizes = folds.map((f) => f.test.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(kFold(103, 5, { seed: 3 })).toEqual(folds);
    expect(kFold(103, 5, { seed: 4 })[0]!.test).not.toEqual(folds[0]!.test);
  });

  it('stratified k-fold keeps the class share in every fold', () => {
    const labels = Array.from({ length: 200 }, (_, i) => (i % 10 === 0 ? 1 : 0));
    const folds = stratifiedKFold(labels, 5, { seed: 1 });
    checkPartition(folds, 200);
    for (const f of folds) expect([...f.test].filter((i) => labels[i] === 1).length).toBe(4);
  });

  it('group k-fold never puts one group on both sides', () => {
    const groups = Array.from({ length: 300 }, (_, i) => `c${Math.floor((i * 7) % 53)}`);
    const folds = groupKFold(groups, 4);
    checkPartition(folds, 300);
    for (const f of folds) {
      const testGroups = new Set([...f.test].map((i) => groups[i]));
      for (const t of f.train) expect(testGroups.has(groups[t])).toBe(false);
    }
    expect(() => groupKFold(['a', 'a', 'b'], 3)).toThrow(/3 folds from 2 groups/);
  });

  it('time-series splits train only on rows before the test block, minus the gap', () => {
    const folds = timeSeriesSplit(100, 4, { gap: 3 });
    expect(folds.map((f) => [f.test[0], f.test.length])).toEqual([
      [20, 20],
      [40, 20],
      [60, 20],
      [80, 20],
    ]);
    for (const f of folds) expect(Math.max(...f.train)).toBe(f.test[0]! - 4);
  });

  it('out-of-fold predictions land on their rows', () => {
    const folds = kFold(10, 2, { seed: 0 });
    const oof = outOfFold(10, folds, (fold) => [...fold.test].map((r) => r * 2));
    expect([...oof]).toEqual(Array.from({ length: 10 }, (_, i) => i * 2));
  });
});
