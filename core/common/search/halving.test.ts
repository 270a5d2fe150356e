import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import { successiveHalving } from './halving.js';
import { rankLeaderboard } from './leaderboard.js';
import { SEARCH_SPACES, sampleConfig, type SearchSpace } from './space.js';

const space: SearchSpace = [
  { name: 'learning_rate', kind: 'float', low: 0.001, high: 1, log: true },
  { name: 'num_leaves', kind: 'int', low: 2, high: 256, log: true },
];
// A made-up validation loss with its minimum at learning_rate 0.05, num_leaves 32; more resource
// lowers it uniformly, as more trees would.
const loss = (c: Record<string, unknown>, resource: number) =>
  (Math.log10(c.learning_rate as number) - Math.log10(0.05)) ** 2 +
  (Math.log2(c.num_leaves as number) - 5) ** 2 / 10 +
  1 / resource;

describe('successive halving', () => {
  it('finds a configuration near the optimum and spends most evaluations on small resources', () => {
    const res = successiveHalving(space, (c, r) => ({ score: loss(c, r) }), {
      candidates: 27,
      biggerIsBetter: false,
      seed: 1,
    });
    expect(res.best.resource).toBe(1);
    expect(
      Math.abs(Math.log10(res.best.config.learning_rate as number) - Math.log10(0.05)),
    ).toBeLessThan(0.5);
    const byRung = [0, 1, 2].map((k) => res.evaluations.filter((e) => e.rung === k).length);
    expect(byRung).toEqual([27, 9, 3]);
  });

  it('evaluates the defaults first and is reproducible under a seed', () => {
    const run = (seed: number) =>
      successiveHalving(space, (c, r) => ({ score: loss(c, r) }), {
        biggerIsBetter: false,
        seed,
        defaults: { learning_rate: 0.1, num_leaves: 31 },
      });
    const a = run(5);
    expect(a.evaluations[0]!.config).toEqual({ learning_rate: 0.1, num_leaves: 31 });
    expect(run(5).evaluations.map((e) => e.config)).toEqual(a.evaluations.map((e) => e.config));
    expect(run(6).evaluations.map((e) => e.config)).not.toEqual(a.evaluations.map((e) => e.config));
  });

  it('stops starting evaluations when the time budget is spent', () => {
    let clock = 0;
    const res = successiveHalving(
      space,
      (c, r) => {
        clock += 10;
        return { score: loss(c, r) };
      },
      { biggerIsBetter: false, timeBudgetSeconds: 55, now: () => clock },
    );
    expect(res.stoppedByBudget).toBe(true);
    expect(res.evaluations.length).toBe(6);
  });

  it('samples every declared space inside its ranges', () => {
    const rng = new Rng(3);
    for (const [name, s] of Object.entries(SEARCH_SPACES)) {
      for (let i = 0; i < 50; i++) {
        const c = sampleConfig(s, rng);
        for (const d of s) {
          const v = c[d.name];
          if (d.kind === 'choice') expect(d.choices, name).toContain(v);
          else {
            expect(v as number).toBeGreaterThanOrEqual(d.low);
            expect(v as number).toBeLessThanOrEqual(d.high);
            if (d.kind === 'int') expect(Number.isInteger(v)).toBe(true);
          }
        }
      }
    }
  });
});

describe('leaderboard', () => {
  it('ranks by the metric in its direction, then by training time', () => {
    const rows = [
      { learner: 'glm', params: {}, metric: 'auc', mean: 0.81, std: 0.01, trainSeconds: 1 },
      { learner: 'gbdt', params: {}, metric: 'auc', mean: 0.93, std: 0.01, trainSeconds: 9 },
      { learner: 'mlp', params: {}, metric: 'auc', mean: 0.93, std: 0.02, trainSeconds: 5 },
    ];
    expect(rankLeaderboard(rows, true).map((r) => [r.learner, r.rank])).toEqual([
      ['mlp', 1],
      ['gbdt', 2],
      ['glm', 3],
    ]);
    expect(rankLeaderboard(rows, false)[0]!.learner).toBe('glm');
  });
});
