// Point-in-time customer snapshots from a transaction log, for the churn and lifetime-value
// model kinds.
export type { CustomerAttributes, TransactionLog } from './types.js';
export { monthlyCutoffs, type CutoffOptions } from './cutoffs.js';
export { FEATURE_NAMES, type FeatureName } from './features.js';
export {
  buildSnapshots,
  type SnapshotLabel,
  type SnapshotOptions,
  type Snapshots,
} from './snapshots.js';
export { buildScoringRows, type ScoringOptions, type ScoringRows } from './scoring.js';
export { describeFactor, formatContribution, type DescribeOptions } from './describe.js';
