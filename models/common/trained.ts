// What a model kind's training returns: the artifact and everything the registry keeps with it.
import type { LearnerContext } from '../../core/common/learners/index.js';
import type { ModelArtifact } from './artifact.js';
import type { TrainProgress } from './progress.js';
import type { LeaderboardEntry } from './supervised.js';

export interface TrainedModel {
  artifact: ModelArtifact;
  leaderboard: LeaderboardEntry[];
  /** Held-out metrics (empty when nothing was held out). */
  metrics: Record<string, number>;
  /** Plot data of the held-out evaluation. */
  evaluation: unknown;
  /** The settings training ran with, as the user gave them or as defaulted. */
  params: Record<string, unknown>;
  dataFingerprint: string;
  /** Things the user should know: columns left out, rows dropped, candidates skipped. */
  notes: string[];
  rows: Record<string, number>;
}

export interface CommonTrainOptions {
  name?: string;
  learner?: string;
  params?: Record<string, Record<string, unknown>>;
  folds?: number;
  seed?: number;
  timeBudgetSeconds?: number;
  /** Tune each candidate learner's parameters before comparing them. */
  search?: boolean;
  holdoutFraction?: number;
  /** Day number (days since 1970-01-01): rows at or after it are held out. */
  holdoutAfter?: number;
  signal?: AbortSignal;
  onProgress?: (p: TrainProgress) => void;
  ctx?: LearnerContext;
  codeVersion?: string;
}
