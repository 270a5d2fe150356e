// Turns raw columns into the network's input: standardised numbers and one-hot categories.
import { type RawData, rowCount } from '../raw-data.js';

/*
 * Categorical features are one-hot encoded rather than embedded: tabular categories here are
 * mostly small (regions, plans, device models), one-hot needs no extra trained table and no
 * choice of embedding width, and it is a plain matrix product that the pure-JS scorer and an
 * ONNX export reproduce exactly. max_categories keeps wide columns bounded: only the most
 * frequent training codes get a column; other codes, unseen ones and missing (−1) are all zeros.
 */

export interface NumericInput {
  mean: number;
  std: number;
  /** The column had missing values in training, so it has a 0/1 missing-indicator input. */
  indicator: boolean;
}

export interface CategoricalInput {
  /** Codes with a one-hot input, in input order. */
  codes: number[];
}

export interface Preprocessing {
  names: string[];
  numeric: NumericInput[];
  categorical: CategoricalInput[];
}

/** Width of the encoded input row. */
export function inputWidth(p: Preprocessing): number {
  let w = p.numeric.length;
  for (const c of p.numeric) if (c.indicator) w++;
  for (const c of p.categorical) w += c.codes.length;
  return w;
}

/** Fits means, standard deviations and category lists on the training rows. */
export function fitPreprocessing(data: RawData, maxCategories: number): Preprocessing {
  const n = rowCount(data);
  const names = data.names ?? [...data.numeric, ...data.categorical].map((_, j) => `f${j}`);
  const numeric = data.numeric.map((col): NumericInput => {
    let count = 0;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const v = col[i]!;
      if (Number.isFinite(v)) {
        count++;
        sum += v;
      }
    }
    const mean = count > 0 ? sum / count : 0;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const v = col[i]!;
      if (Number.isFinite(v)) ss += (v - mean) ** 2;
    }
    const std = count > 0 ? Math.sqrt(ss / count) : 0;
    return { mean, std: std > 0 ? std : 1, indicator: count < n };
  });
  const categorical = data.categorical.map((col): CategoricalInput => {
    const counts = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const c = col[i]!;
      if (c >= 0) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    // Most frequent first, ties by code, so the choice does not depend on row order.
    const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const codes = ranked.slice(0, maxCategories).map(([c]) => c);
    return { codes: codes.sort((a, b) => a - b) };
  });
  return { names, numeric, categorical };
}

/**
 * Encodes every row of `data` (row-major, inputWidth values per row): for each numeric column
 * (v − mean) / std, 0 when missing or not finite; then the missing indicators; then one-hot
 * blocks. `data` must have the training columns, in order.
 */
export function encodeRows(p: Preprocessing, data: RawData): Float32Array {
  const n = rowCount(data);
  if (
    data.numeric.length !== p.numeric.length ||
    data.categorical.length !== p.categorical.length
  ) {
    throw new RangeError(
      `the model takes ${p.numeric.length} numeric and ${p.categorical.length} categorical ` +
        `features; got ${data.numeric.length} and ${data.categorical.length}`,
    );
  }
  const width = inputWidth(p);
  const x = new Float32Array(n * width);
  let at = 0;
  p.numeric.forEach(({ mean, std }, j) => {
    const col = data.numeric[j]!;
    for (let i = 0; i < n; i++) {
      const v = col[i]!;
      if (Number.isFinite(v)) x[i * width + at] = (v - mean) / std;
    }
    at++;
  });
  p.numeric.forEach(({ indicator }, j) => {
    if (!indicator) return;
    const col = data.numeric[j]!;
    for (let i = 0; i < n; i++) if (!Number.isFinite(col[i]!)) x[i * width + at] = 1;
    at++;
  });
  p.categorical.forEach(({ codes }, j) => {
    const col = data.categorical[j]!;
    const slot = new Map(codes.map((c, k) => [c, k]));
    for (let i = 0; i < n; i++) {
      const k = slot.get(col[i]!);
      if (k !== undefined) x[i * width + at + k] = 1;
    }
    at += codes.length;
  });
  return x;
}
