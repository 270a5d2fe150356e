// The reference profile a model carries for drift checks: its training features and
// out-of-fold predictions (calibrated where the model is), profiled at training (core/common/drift) and stored in the artifact,
// so it travels with every export.
import { buildReference, type ReferenceProfile } from '../../core/common/drift/index.js';
import type { RawData } from '../../core/common/raw-data.js';
import { takeRows } from '../../core/common/learners/index.js';
import type { InputColumn } from './columns.js';

/** Kept per numeric feature for KS and Wasserstein: 1,000 values (about 4.5 KB each). */
export const REFERENCE_SAMPLE = 1000;

export function captureReference(
  data: RawData,
  rows: Uint32Array,
  predictions: Float64Array | undefined,
  o: { seed: number; specs?: readonly InputColumn[]; baselineMetrics?: Record<string, number> },
): ReferenceProfile {
  const sub = takeRows(data, rows);
  const catNames = (data.names ?? []).slice(data.numeric.length);
  const levels = catNames.map((n) => o.specs?.find((s) => s.name === n)?.levels);
  const finite =
    predictions && predictions.every((v) => Number.isFinite(v)) ? predictions : undefined;
  return buildReference(sub, {
    ...(finite ? { predictions: finite } : {}),
    ...(data.names ? { featureNames: data.names } : {}),
    categoryLevels: levels,
    sampleSize: REFERENCE_SAMPLE,
    seed: o.seed,
    ...(o.baselineMetrics ? { baselineMetrics: o.baselineMetrics } : {}),
  });
}
