// Every drift threshold, declared once with its default and what it means; docs/drift.md
// explains the choices.

export interface DriftThresholds {
  /** Up to this many current values a feature is tested (KS / chi-square p-value), above it measured (Wasserstein / Jensen–Shannon). */
  smallSampleRows: number;
  /** Test level: p-value below it is drift (KS for numeric, chi-square for categorical). */
  pValue: number;
  /** Wasserstein-1 distance / reference std at or above it is drift. */
  wasserstein: number;
  /** Jensen–Shannon distance (base 2) at or above it is drift. */
  jensenShannon: number;
  /** PSI at or above it raises 'watch' (and is drift's lower bound under method 'psi'). */
  psiWatch: number;
  /** PSI at or above it is drift under method 'psi' (the classic "act" level). */
  psiDrift: number;
  /** Missing-rate change (absolute) at or above it, if also significant, is flagged. */
  missingChange: number;
  /** Two-proportion z-test level a missing-rate change must pass to be flagged. */
  missingPValue: number;
  /** Share of features drifting (importance-weighted when weights are given) for dataset drift. */
  datasetShare: number;
}

export const DEFAULT_THRESHOLDS: Readonly<DriftThresholds> = Object.freeze({
  smallSampleRows: 1000,
  pValue: 0.05,
  wasserstein: 0.1,
  jensenShannon: 0.1,
  psiWatch: 0.1,
  psiDrift: 0.25,
  missingChange: 0.05,
  missingPValue: 0.01,
  datasetShare: 0.5,
});

/** Defaults overridden by `given`; throws on an unknown key or a value outside its range. */
export function resolveThresholds(given: Partial<DriftThresholds> = {}): DriftThresholds {
  const out: DriftThresholds = { ...DEFAULT_THRESHOLDS };
  for (const [key, value] of Object.entries(given)) {
    if (!(key in DEFAULT_THRESHOLDS)) {
      throw new RangeError(
        `unknown drift threshold '${key}'; valid: ${Object.keys(DEFAULT_THRESHOLDS).join(', ')}`,
      );
    }
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(value >= 0)) {
      throw new RangeError(`drift threshold ${key} must be a number ≥ 0, got ${String(value)}`);
    }
    out[key as keyof DriftThresholds] = value;
  }
  return out;
}
