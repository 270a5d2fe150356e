// Successive halving under a time budget: many sampled configurations are scored on a small
// resource (fewer trees or epochs), the best 1/eta go on with eta times the resource, until one
// remains or the budget is spent. Every evaluation is kept for the leaderboard.
import { Rng } from '../random.js';
import { type Config, type SearchSpace, sampleConfig } from './space.js';

export interface Evaluation {
  config: Config;
  /** Share of the full resource this evaluation used (1 = the full training). */
  resource: number;
  score: number;
  std?: number;
  seconds: number;
  rung: number;
}

export interface HalvingOptions {
  /** Configurations in the first rung (default 16); the defaults come first when given. */
  candidates?: number;
  /** Keep the best 1/eta of each rung (default 3). */
  eta?: number;
  /** Resource share of the first rung (default 1/9). */
  minResource?: number;
  /** Stop starting evaluations after this many seconds (default: no limit). */
  timeBudgetSeconds?: number;
  biggerIsBetter: boolean;
  seed?: number;
  /** The learner's own default configuration, always evaluated first. */
  defaults?: Config;
  /** Clock in seconds; injectable so tests are exact. */
  now?: () => number;
}

export type Evaluate = (config: Config, resource: number) => { score: number; std?: number };

export interface SearchResult {
  best: Evaluation;
  evaluations: Evaluation[];
  stoppedByBudget: boolean;
}

export function successiveHalving(
  space: SearchSpace,
  evaluate: Evaluate,
  options: HalvingOptions,
): SearchResult {
  const now = options.now ?? (() => Date.now() / 1000);
  const eta = options.eta ?? 3;
  const rng = new Rng(options.seed ?? 0);
  const started = now();
  const overBudget = () =>
    options.timeBudgetSeconds !== undefined && now() - started >= options.timeBudgetSeconds;
  let configs: Config[] = [];
  if (options.defaults) configs.push({ ...options.defaults });
  while (configs.length < (options.candidates ?? 16))
    configs.push({ ...options.defaults, ...sampleConfig(space, rng) });
  let resource = options.minResource ?? 1 / eta ** 2;
  const evaluations: Evaluation[] = [];
  let stoppedByBudget = false;
  const better = (a: number, b: number) => (options.biggerIsBetter ? a > b : a < b);
  for (let rung = 0; configs.length > 0; rung++) {
    const scored: Evaluation[] = [];
    for (const config of configs) {
      if (overBudget() && evaluations.length > 0) {
        stoppedByBudget = true;
        break;
      }
      const t0 = now();
      const r = evaluate(config, Math.min(1, resource));
      const e: Evaluation = {
        config,
        resource: Math.min(1, resource),
        score: r.score,
        seconds: now() - t0,
        rung,
      };
      if (r.std !== undefined) e.std = r.std;
      scored.push(e);
      evaluations.push(e);
    }
    if (stoppedByBudget || resource >= 1 || scored.length <= 1) break;
    scored.sort((a, b) => (better(a.score, b.score) ? -1 : better(b.score, a.score) ? 1 : 0));
    configs = scored.slice(0, Math.max(1, Math.floor(scored.length / eta))).map((e) => e.config);
    resource *= eta;
  }
  // The best is chosen among the evaluations on the largest resource reached.
  const top = Math.max(...evaluations.map((e) => e.resource));
  const finalists = evaluations.filter((e) => e.resource === top);
  const best = finalists.reduce((a, b) => (better(b.score, a.score) ? b : a));
  return { best, evaluations, stoppedByBudget };
}
