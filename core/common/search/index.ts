// Hyperparameter search: declared spaces, successive halving under a time budget, the leaderboard.
export {
  type Dimension,
  type SearchSpace,
  type Config,
  sampleConfig,
  SEARCH_SPACES,
} from './space.js';
export {
  type Evaluation,
  type HalvingOptions,
  type Evaluate,
  type SearchResult,
  successiveHalving,
} from './halving.js';
export { type LeaderboardRow, rankLeaderboard } from './leaderboard.js';
