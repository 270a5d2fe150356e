// A learner's search space: each tunable parameter with its range and scale, sampled with the
// project's seeded Rng so a search is reproducible.
import type { Rng } from '../random.js';

export type Dimension =
  | { name: string; kind: 'float'; low: number; high: number; log?: boolean }
  | { name: string; kind: 'int'; low: number; high: number; log?: boolean }
  | { name: string; kind: 'choice'; choices: readonly (string | number | boolean)[] };

export type SearchSpace = readonly Dimension[];
export type Config = Record<string, string | number | boolean>;

export function sampleConfig(space: SearchSpace, rng: Rng): Config {
  const out: Config = {};
  for (const d of space) {
    if (d.kind === 'choice') {
      out[d.name] = d.choices[rng.int(d.choices.length)]!;
      continue;
    }
    const u = rng.next();
    let v = d.log
      ? Math.exp(Math.log(d.low) + u * (Math.log(d.high) - Math.log(d.low)))
      : d.low + u * (d.high - d.low);
    if (d.kind === 'int') v = Math.min(d.high, Math.max(d.low, Math.round(v)));
    else v = Number(v.toPrecision(4));
    out[d.name] = v;
  }
  return out;
}

/** Search spaces of the learners, by learner name, over their declared parameter names. */
export const SEARCH_SPACES: Record<string, SearchSpace> = {
  gbdt: [
    { name: 'learning_rate', kind: 'float', low: 0.02, high: 0.3, log: true },
    { name: 'num_leaves', kind: 'int', low: 8, high: 128, log: true },
    { name: 'min_data_in_leaf', kind: 'int', low: 5, high: 200, log: true },
    { name: 'feature_fraction', kind: 'float', low: 0.5, high: 1 },
    { name: 'bagging_fraction', kind: 'float', low: 0.5, high: 1 },
    { name: 'lambda_l2', kind: 'float', low: 1e-3, high: 10, log: true },
  ],
  glm: [
    { name: 'alpha', kind: 'float', low: 1e-5, high: 1, log: true },
    { name: 'l1_ratio', kind: 'choice', choices: [0, 0.5, 1] },
  ],
  mlp: [
    { name: 'learning_rate', kind: 'float', low: 1e-4, high: 1e-2, log: true },
    { name: 'dropout', kind: 'float', low: 0, high: 0.4 },
    { name: 'batch_size', kind: 'choice', choices: [128, 256, 512] },
  ],
};
