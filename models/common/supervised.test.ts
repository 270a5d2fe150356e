import { describe, expect, it } from 'vitest';
import { Rng } from '../../core/common/random.js';
import { runSupervised } from './supervised.js';

function data(n: number) {
  const rng = new Rng(3);
  const x = Float64Array.from({ length: n }, () => rng.normal());
  const z = Float64Array.from({ length: n }, () => rng.normal());
  const g = Int32Array.from({ length: n }, (_, i) => i % 40);
  const y = Float64Array.from(x, (v, i) => (v + 0.5 * z[i]! + rng.normal() * 0.5 > 0 ? 1 : 0));
  return { data: { numeric: [x, z], categorical: [], names: ['x', 'z'] }, y, g };
}

describe('runSupervised', () => {
  const { data: d, y, g } = data(1200);
  const all = Uint32Array.from(y.keys());
  const trainIdx = all.filter((i) => i % 5 !== 0);
  const holdIdx = all.filter((i) => i % 5 === 0);

  it('keeps a group in one fold, ranks candidates and scores the hold-out', async () => {
    const r = await runSupervised({
      task: 'binary',
      data: d,
      y,
      trainIdx,
      holdIdx,
      groups: g,
      candidates: ['gbdt', 'glm'],
      params: { gbdt: { trees: 20 } },
      metric: 'auc',
      folds: 4,
      seed: 1,
      ctx: {},
    });
    expect(r.leaderboard.map((l) => l.rank)).toEqual([1, 2]);
    // the data is linear: the GLM should lead
    expect(r.best).toBe('glm');
    expect(r.holdPred).toHaveLength(holdIdx.length);
    expect(r.oof.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it('skips candidates once the time budget is spent, and says so', async () => {
    const r = await runSupervised({
      task: 'binary',
      data: d,
      y,
      trainIdx,
      holdIdx,
      candidates: ['gbdt', 'glm'],
      params: { gbdt: { trees: 30 } },
      metric: 'auc',
      folds: 3,
      seed: 1,
      timeBudgetSeconds: 1e-6,
      ctx: {},
    });
    expect(r.leaderboard.find((l) => l.learner === 'glm')).toMatchObject({
      status: 'skipped',
      rank: 0,
    });
    expect(r.best).toBe('gbdt');
  });

  it('tunes a candidate by successive halving when asked', async () => {
    const r = await runSupervised({
      task: 'binary',
      data: d,
      y,
      trainIdx,
      holdIdx,
      candidates: ['gbdt'],
      params: { gbdt: { trees: 20 } },
      metric: 'auc',
      folds: 3,
      seed: 1,
      search: true,
      timeBudgetSeconds: 20,
      ctx: {},
    });
    expect(r.leaderboard[0]!.note).toMatch(/tuned: \d+ evaluations/);
    expect(r.leaderboard[0]!.mean).toBeGreaterThan(0.8);
  });
});
