// Preprocessing that travels with the model: imputation, standardisation and one-hot coding.
import { type RawData, rowCount } from '../raw-data.js';

export { rowCount };

/**
 * RawData (../raw-data.ts) plus the level names of each categorical column, so scoring data with
 * renumbered codes matches by name. Numeric values that are not finite (NaN, ±Infinity) count as
 * missing here.
 */
export interface GlmData extends RawData {
  /** levels[c][code] names the level of categorical column c (absent: the code itself). */
  levels?: string[][];
}

/** How one numeric column becomes at most two design columns. */
export interface NumericTerm {
  name: string;
  /** Training median of the present values, written into missing cells. */
  median: number;
  /** Mean and population standard deviation of the imputed training column. */
  mean: number;
  std: number;
  /** False when the imputed column was constant in training: it then has no design column. */
  hasValue: boolean;
  /** A 0/1 column `missing(name)`, kept when some but not all training values were missing. */
  missingIndicator: boolean;
}

/** How one categorical column becomes 0/1 columns, one per non-reference level. */
export interface CategoricalTerm {
  name: string;
  /** The most frequent training level (ties: lowest code): all-zero columns. */
  reference: { code: number; level: string };
  /** Levels seen in training, other than the reference, in code order: one column each. */
  columns: { code: number; level: string }[];
  /** A 0/1 column `missing(name)`, kept when some but not all training codes were −1. */
  missingIndicator: boolean;
}

export interface DesignSpec {
  numeric: NumericTerm[];
  categorical: CategoricalTerm[];
}

function featureName(data: GlmData, j: number): string {
  return data.names?.[j] ?? `f${j}`;
}

function median(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const h = n >> 1;
  return n % 2 === 1 ? sorted[h]! : (sorted[h - 1]! + sorted[h]!) / 2;
}

function fitNumeric(name: string, col: Float64Array): NumericTerm {
  const n = col.length;
  const present = col.filter(Number.isFinite).sort();
  const med = median(present);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += Number.isFinite(col[i]!) ? col[i]! : med;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = (Number.isFinite(col[i]!) ? col[i]! : med) - mean;
    ss += d * d;
  }
  const std = Math.sqrt(ss / n);
  const missing = n - present.length;
  return {
    name,
    median: med,
    mean,
    std,
    // A spread lost in rounding (a constant column's mean is not exact) counts as none.
    hasValue: std > 1e-12 * Math.max(1, Math.abs(mean)),
    missingIndicator: missing > 0 && missing < n,
  };
}

function fitCategorical(name: string, col: Int32Array, levels?: string[]): CategoricalTerm {
  const n = col.length;
  const counts = new Map<number, number>();
  let missing = 0;
  for (let i = 0; i < n; i++) {
    const c = col[i]!;
    if (c === -1) missing++;
    else if (!(c >= 0) || (levels && c >= levels.length)) {
      throw new RangeError(`categorical column '${name}' has code ${c} at row ${i}`);
    } else counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const codes = [...counts.keys()].sort((a, b) => a - b);
  let ref = -1;
  for (const c of codes) if (ref < 0 || counts.get(c)! > counts.get(ref)!) ref = c;
  const level = (code: number): string => levels?.[code] ?? String(code);
  const names = new Set(codes.map(level));
  if (names.size !== codes.length) {
    throw new RangeError(`categorical column '${name}' has repeated level names`);
  }
  return {
    name,
    reference: { code: ref, level: ref >= 0 ? level(ref) : '' },
    columns: codes.filter((c) => c !== ref).map((code) => ({ code, level: level(code) })),
    missingIndicator: missing > 0 && missing < n,
  };
}

/** Learns the preprocessing from the training features. */
export function fitDesign(data: GlmData): DesignSpec {
  rowCount(data);
  const k = data.numeric.length;
  return {
    numeric: data.numeric.map((col, j) => fitNumeric(featureName(data, j), col)),
    categorical: data.categorical.map((col, c) =>
      fitCategorical(featureName(data, k + c), col, data.levels?.[c]),
    ),
  };
}

/** Names of the design columns, in order: `age`, `missing(age)`, `plan=premium`, … */
export function termNames(spec: DesignSpec): string[] {
  const out: string[] = [];
  for (const t of spec.numeric) {
    if (t.hasValue) out.push(t.name);
    if (t.missingIndicator) out.push(`missing(${t.name})`);
  }
  for (const t of spec.categorical) {
    for (const c of t.columns) out.push(`${t.name}=${c.level}`);
    if (t.missingIndicator) out.push(`missing(${t.name})`);
  }
  return out;
}

/**
 * The design matrix (column-major, no intercept column) of `data` under `spec`: numeric values
 * imputed then standardised, indicators 0/1. A categorical level that has no column (the
 * reference, or unseen in training) is all-zero. When `data.levels` is given, scoring codes are
 * matched to training levels by name, so scoring data may number its levels differently.
 */
export function designColumns(spec: DesignSpec, data: GlmData): Float64Array[] {
  const n = rowCount(data);
  if (
    data.numeric.length !== spec.numeric.length ||
    data.categorical.length !== spec.categorical.length
  ) {
    throw new RangeError(
      `model expects ${spec.numeric.length} numeric and ${spec.categorical.length} categorical features, got ${data.numeric.length} and ${data.categorical.length}`,
    );
  }
  const out: Float64Array[] = [];
  spec.numeric.forEach((t, j) => {
    const col = data.numeric[j]!;
    if (t.hasValue) {
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        v[i] = ((Number.isFinite(col[i]!) ? col[i]! : t.median) - t.mean) / t.std;
      }
      out.push(v);
    }
    if (t.missingIndicator) out.push(Float64Array.from(col, (x) => (Number.isFinite(x) ? 0 : 1)));
  });
  spec.categorical.forEach((t, c) => {
    const col = data.categorical[c]!;
    const levels = data.levels?.[c];
    const slot = new Map<number, number>();
    if (levels) {
      const byName = new Map(t.columns.map((l, s) => [l.level, s]));
      levels.forEach((name, code) => {
        const s = byName.get(name);
        if (s !== undefined) slot.set(code, s);
      });
    } else t.columns.forEach((l, s) => slot.set(l.code, s));
    const dummies = t.columns.map(() => new Float64Array(n));
    const miss = t.missingIndicator ? new Float64Array(n) : null;
    for (let i = 0; i < n; i++) {
      const code = col[i]!;
      if (code === -1) {
        if (miss) miss[i] = 1;
        continue;
      }
      const s = slot.get(code);
      if (s !== undefined) dummies[s]![i] = 1;
    }
    out.push(...dummies);
    if (miss) out.push(miss);
  });
  return out;
}

/**
 * The affine map from coefficients on the standardised design to those on the original
 * scale: β_j / std_j for numeric values, and the intercept less Σ β_j·mean_j / std_j.
 * Returned as `scale` per design column and `shift` per column into the intercept.
 */
export function destandardise(spec: DesignSpec): { scale: Float64Array; shift: Float64Array } {
  const scale: number[] = [];
  const shift: number[] = [];
  for (const t of spec.numeric) {
    if (t.hasValue) {
      scale.push(1 / t.std);
      shift.push(-t.mean / t.std);
    }
    if (t.missingIndicator) {
      scale.push(1);
      shift.push(0);
    }
  }
  for (const t of spec.categorical) {
    for (let s = 0; s < t.columns.length + (t.missingIndicator ? 1 : 0); s++) {
      scale.push(1);
      shift.push(0);
    }
  }
  return { scale: Float64Array.from(scale), shift: Float64Array.from(shift) };
}
