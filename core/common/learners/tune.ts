// Cross-validated scoring of a learner and a bounded search over its declared space: successive
// halving under a time budget, every evaluation kept as a leaderboard row.
import type { RawData } from '../gbdt/index.js';
import type { Metric } from '../metrics/index.js';
import {
  type Config,
  type LeaderboardRow,
  rankLeaderboard,
  successiveHalving,
} from '../search/index.js';
import type { Fold } from '../validation/index.js';
import type { Learner, LearnerContext, LearnerTask } from './learner.js';
import { takeRows, takeValues } from './rows.js';

export interface CvScore {
  mean: number;
  std: number;
  folds: number[];
  /** Out-of-fold predictions (NaN where a row was in no test fold). */
  oof: Float64Array;
  seconds: number;
}

export function crossValidate(
  learner: Learner,
  data: RawData,
  y: Float64Array,
  task: LearnerTask,
  params: Record<string, unknown>,
  folds: readonly Fold[],
  metric: Metric,
  ctx: LearnerContext = {},
  resource = 1,
  now: () => number = () => Date.now() / 1000,
): CvScore {
  const t0 = now();
  const oof = new Float64Array(y.length).fill(NaN);
  const scores = folds.map((fold) => {
    const model = learner.fit(
      takeRows(data, fold.train),
      takeValues(y, fold.train),
      task,
      params,
      ctx,
      resource,
    );
    const pred = model.predict(takeRows(data, fold.test));
    for (let j = 0; j < fold.test.length; j++) oof[fold.test[j]!] = pred[j]!;
    return metric.evaluate(takeValues(y, fold.test), pred);
  });
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const std = Math.sqrt(
    scores.reduce((a, s) => a + (s - mean) ** 2, 0) / Math.max(1, scores.length - 1),
  );
  return { mean, std, folds: scores, oof, seconds: now() - t0 };
}

export interface TuneOptions {
  task: LearnerTask;
  metric: Metric;
  folds: readonly Fold[];
  defaults?: Config;
  candidates?: number;
  timeBudgetSeconds?: number;
  seed?: number;
  ctx?: LearnerContext;
  now?: () => number;
}

export interface TuneResult {
  best: { params: Config; score: number; std: number };
  leaderboard: LeaderboardRow[];
  stoppedByBudget: boolean;
}

export function tuneLearner(
  learner: Learner,
  data: RawData,
  y: Float64Array,
  o: TuneOptions,
): TuneResult {
  const rows: Omit<LeaderboardRow, 'rank'>[] = [];
  const search = successiveHalving(
    learner.space,
    (config, resource) => {
      const cv = crossValidate(
        learner,
        data,
        y,
        o.task,
        config,
        o.folds,
        o.metric,
        o.ctx,
        resource,
        o.now,
      );
      rows.push({
        learner: learner.name,
        params: { ...config, resource },
        metric: o.metric.name,
        mean: cv.mean,
        std: cv.std,
        trainSeconds: cv.seconds,
      });
      return { score: cv.mean, std: cv.std };
    },
    {
      biggerIsBetter: o.metric.biggerIsBetter,
      ...(o.defaults ? { defaults: o.defaults } : {}),
      ...(o.candidates !== undefined ? { candidates: o.candidates } : {}),
      ...(o.timeBudgetSeconds !== undefined ? { timeBudgetSeconds: o.timeBudgetSeconds } : {}),
      ...(o.seed !== undefined ? { seed: o.seed } : {}),
      ...(o.now ? { now: o.now } : {}),
    },
  );
  return {
    best: { params: search.best.config, score: search.best.score, std: search.best.std ?? 0 },
    leaderboard: rankLeaderboard(rows, o.metric.biggerIsBetter),
    stoppedByBudget: search.stoppedByBudget,
  };
}
