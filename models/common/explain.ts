// Per-row explanations: which features pushed a prediction up or down. Gradient-boosted trees
// give exact TreeSHAP values; other learners get occlusion contributions (the change in the
// margin when the feature is set to missing). Contributions are then put on the probability
// scale for people: shares of (p − base rate) in proportion to the margin contributions, so
// they add up to how far this row's probability is from the base rate.
import type { RawData } from '../../core/common/raw-data.js';
import type { Scorer } from './fitted.js';

export interface Contribution {
  feature: number;
  value: number;
}

/** Margin contributions rows × features (no bias column) and the base margin per row. */
export function marginContributions(
  scorer: Scorer,
  data: RawData,
  margin: (p: number) => number,
): { values: Float64Array; features: number; base: Float64Array } {
  const nf = data.numeric.length + data.categorical.length;
  const n = (data.numeric[0] ?? data.categorical[0])?.length ?? 0;
  const values = new Float64Array(n * nf);
  const base = new Float64Array(n);
  if (scorer.contributions) {
    const c = scorer.contributions(data);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < nf; j++) values[i * nf + j] = c[i * (nf + 1) + j]!;
      base[i] = c[i * (nf + 1) + nf]!;
    }
    return { values, features: nf, base };
  }
  const full = scorer.predict(data).map(margin);
  for (let j = 0; j < nf; j++) {
    const numeric = j < data.numeric.length;
    const col = numeric ? data.numeric[j]! : data.categorical[j - data.numeric.length]!;
    const saved = col.slice();
    col.fill(numeric ? NaN : -1);
    const without = scorer.predict(data);
    col.set(saved);
    for (let i = 0; i < n; i++) values[i * nf + j] = full[i]! - margin(without[i]!);
  }
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < nf; j++) s += values[i * nf + j]!;
    base[i] = full[i]! - s;
  }
  return { values, features: nf, base };
}

/** The top k contributions of row i on the probability scale, largest |value| first. */
export function topContributions(
  c: { values: Float64Array; features: number },
  i: number,
  probability: number,
  baseProbability: number,
  k: number,
): Contribution[] {
  const nf = c.features;
  let total = 0;
  for (let j = 0; j < nf; j++) total += c.values[i * nf + j]!;
  const gap = probability - baseProbability;
  const scale = Math.abs(total) > 1e-12 ? gap / total : 0;
  const all: Contribution[] = [];
  for (let j = 0; j < nf; j++) all.push({ feature: j, value: c.values[i * nf + j]! * scale });
  return all
    .filter((x) => x.value !== 0)
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || a.feature - b.feature)
    .slice(0, k);
}

export const logit = (p: number) => {
  const q = Math.min(1 - 1e-15, Math.max(1e-15, p));
  return Math.log(q / (1 - q));
};

export function signed(v: number): string {
  return `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(2)}`;
}
