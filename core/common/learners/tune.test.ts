import { describe, expect, it } from 'vitest';
import { createMetric } from '../metrics/index.js';
import { Rng } from '../random.js';
import { stratifiedKFold } from '../validation/index.js';
import { createLearner } from './learner.js';
import { crossValidate, tuneLearner } from './tune.js';

// An interaction a linear model cannot see (x0·x1) plus a linear part, and a categorical effect.
function makeData(n: number, seed: number) {
  const rng = new Rng(seed);
  const x = [0, 1, 2, 3].map(() => new Float64Array(n));
  const cat = new Int32Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (const c of x) c[i] = rng.normal();
    cat[i] = rng.int(4);
    const margin =
      2 * x[0]![i]! * x[1]![i]! + 0.8 * x[2]![i]! + (cat[i] === 2 ? 1 : 0) + 0.5 * rng.normal();
    y[i] = margin > 0.3 ? 1 : 0;
  }
  return { data: { numeric: x, categorical: [cat] }, y };
}

describe('learners, cross-validation and tuning', () => {
  const { data, y } = makeData(800, 4);
  const folds = stratifiedKFold(y, 3, { seed: 1 });
  const auc = createMetric('auc');

  it('scores gbdt above the GLM on interaction data, with out-of-fold predictions for every row', () => {
    const gbdt = crossValidate(
      createLearner('gbdt', 'binary'),
      data,
      y,
      'binary',
      { trees: 60 },
      folds,
      auc,
    );
    const glm = crossValidate(createLearner('glm', 'binary'), data, y, 'binary', {}, folds, auc);
    expect(gbdt.mean).toBeGreaterThan(glm.mean + 0.05);
    expect(gbdt.folds).toHaveLength(3);
    expect([...gbdt.oof].every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it('tunes within its candidates, keeps every evaluation on the leaderboard, and beats or ties the defaults', () => {
    const learner = createLearner('gbdt', 'binary');
    const defaults = { trees: 40, learning_rate: 0.1, num_leaves: 31 };
    const res = tuneLearner(learner, data, y, {
      task: 'binary',
      metric: auc,
      folds,
      defaults,
      candidates: 6,
      seed: 2,
    });
    // Rungs of successive halving with eta 3: 6 candidates at 1/9, the best 2 at 1/3, the best 1 at 1.
    expect(res.leaderboard.length).toBe(6 + 2 + 1);
    expect(res.leaderboard[0]!.rank).toBe(1);
    const full = res.leaderboard.filter((r) => r.params.resource === 1);
    expect(full.length).toBeGreaterThan(0);
    const defaultFull = crossValidate(learner, data, y, 'binary', defaults, folds, auc);
    expect(res.best.score).toBeGreaterThanOrEqual(defaultFull.mean - 0.02);
  });

  it('says which learners exist and which tasks they do', () => {
    expect(() => createLearner('svm', 'binary')).toThrow(/learners: gbdt, glm, mlp/);
    expect(() => createLearner('glm', 'multiclass')).toThrow(/does not do multiclass/);
    const mlp = createLearner('mlp', 'binary');
    expect(() => mlp.fit(data, y, 'binary', {}, {})).toThrow(/needs TensorFlow/);
  });
});
