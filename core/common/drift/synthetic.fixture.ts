// Synthetic mixed data for the drift tests: six numeric and four categorical features whose
// distributions can be shifted one knob at a time.
import type { RawData } from '../raw-data.js';
import { Rng } from '../random.js';

export interface Shift {
  /** Added to feature 0 (normal, sd 1). */
  mean?: number;
  /** Multiplies the spread of feature 1 (normal, sd 2). */
  scale?: number;
  /** Replaces the level weights of categorical feature 0 (5 levels). */
  mix?: number[];
  /** Missing rate of feature 2 (default 0.1). */
  missing?: number;
  /** Added to every numeric feature's prediction input. */
  prediction?: number;
}

export const NAMES = ['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'c0', 'c1', 'c2', 'c3'];
export const LEVELS = [
  ['a', 'b', 'c', 'd', 'e'],
  ['x', 'y', 'z'],
  ['p', 'q'],
  Array.from({ length: 12 }, (_, i) => `k${i}`),
];
const MIX0 = [0.4, 0.25, 0.15, 0.12, 0.08];

export function synthetic(
  rows: number,
  seed: number,
  shift: Shift = {},
): RawData & {
  predictions: Float64Array;
} {
  const rng = new Rng(seed);
  const numeric = Array.from({ length: 6 }, () => new Float64Array(rows));
  const categorical = Array.from({ length: 4 }, () => new Int32Array(rows));
  const predictions = new Float64Array(rows);
  const mix = shift.mix ?? MIX0;
  const missing = shift.missing ?? 0.1;
  const kWeights = Array.from({ length: 12 }, (_, i) => 1 / (i + 1));
  for (let i = 0; i < rows; i++) {
    numeric[0]![i] = rng.normal(shift.mean ?? 0, 1);
    numeric[1]![i] = rng.normal(5, 2 * (shift.scale ?? 1));
    numeric[2]![i] = rng.bernoulli(missing) ? NaN : rng.exponential(0.5);
    numeric[3]![i] = Math.exp(rng.normal(3, 0.8));
    numeric[4]![i] = rng.poisson(3);
    numeric[5]![i] = rng.uniform(-10, 10);
    categorical[0]![i] = rng.weighted(mix);
    categorical[1]![i] = rng.bernoulli(0.05) ? -1 : rng.weighted([0.5, 0.3, 0.2]);
    categorical[2]![i] = rng.bernoulli(0.3) ? 1 : 0;
    categorical[3]![i] = rng.weighted(kWeights);
    predictions[i] =
      1 /
      (1 + Math.exp(-(0.8 * numeric[0]![i]! - 0.2 * numeric[5]![i]! + (shift.prediction ?? 0))));
  }
  return { numeric, categorical, names: NAMES.slice(), predictions };
}
