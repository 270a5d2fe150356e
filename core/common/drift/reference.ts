// The reference profile drift is measured against: per-feature quantile bins, moments, a
// seeded sample and category counts, as plain JSON so it can be stored beside a model.
import { rowCount, type RawData } from '../raw-data.js';
import { Rng } from '../random.js';
import { binCounts, dedupeEdges } from './bins.js';
import { encodeFloat32 } from './sample-codec.js';

export const REFERENCE_FORMAT = 'sightline-drift-reference';
export const REFERENCE_VERSION = 1;
export const DEFAULT_BINS = 10;
export const DEFAULT_SAMPLE_SIZE = 5000;

export interface NumericReference {
  name: string;
  /** Finite values (NaN and ±Infinity count as missing). */
  count: number;
  missingRate: number;
  mean: number;
  /** Population standard deviation (divisor n, numpy's np.std), the Wasserstein scale. */
  std: number;
  /** Distinct ascending cut points: bin i is (edges[i − 1], edges[i]], outer bins open. */
  edges: number[];
  /** Rows per bin, edges.length + 1 of them. */
  counts: number[];
  /** Ascending uniform sample of the finite values, float32 base64 (sample-codec.ts). */
  sample: string;
  sampleSize: number;
}

export interface CategoricalReference {
  name: string;
  count: number;
  missingRate: number;
  /** Level text (or the code as text when no levels were given) of each observed category. */
  levels: string[];
  counts: number[];
}

export interface ReferenceProfile {
  format: typeof REFERENCE_FORMAT;
  version: number;
  rows: number;
  bins: number;
  seed: number;
  numeric: NumericReference[];
  categorical: CategoricalReference[];
  prediction?: NumericReference;
  /** Whatever figures the caller wants to compare later windows with (e.g. { auc: 0.81 }). */
  baselineMetrics?: Record<string, number>;
}

export interface ReferenceOptions {
  predictions?: Float64Array;
  /** Quantile bins per numeric feature (default 10: deciles), before tied edges merge. */
  bins?: number;
  /** Defaults to data.names, then f0, f1, …. */
  featureNames?: string[];
  /** Level text per categorical column (undefined: codes are kept as text). */
  categoryLevels?: (string[] | undefined)[];
  /** Values kept per numeric feature for KS and Wasserstein (default 5000). */
  sampleSize?: number;
  seed?: number;
  baselineMetrics?: Record<string, number>;
}

/** Profiles `data` (and predictions) as the reference for later drift reports. */
export function buildReference(data: RawData, opts: ReferenceOptions = {}): ReferenceProfile {
  const rows = rowCount(data);
  const bins = opts.bins ?? DEFAULT_BINS;
  const sampleSize = opts.sampleSize ?? DEFAULT_SAMPLE_SIZE;
  const seed = opts.seed ?? 0;
  if (!(Number.isInteger(bins) && bins >= 2)) throw new RangeError(`bins must be ≥ 2, got ${bins}`);
  if (!(Number.isInteger(sampleSize) && sampleSize >= 1)) {
    throw new RangeError(`sampleSize must be a positive integer, got ${sampleSize}`);
  }
  const names = featureNames(data, opts.featureNames);
  const rng = new Rng(seed);
  const numeric = data.numeric.map((col, j) =>
    numericReference(names[j]!, col, bins, sampleSize, rng.fork(`numeric:${j}`)),
  );
  const categorical = data.categorical.map((col, j) =>
    categoricalReference(names[data.numeric.length + j]!, col, opts.categoryLevels?.[j]),
  );
  const profile: ReferenceProfile = {
    format: REFERENCE_FORMAT,
    version: REFERENCE_VERSION,
    rows,
    bins,
    seed,
    numeric,
    categorical,
  };
  if (opts.predictions) {
    if (opts.predictions.length !== rows) {
      throw new RangeError(`${opts.predictions.length} predictions for ${rows} rows`);
    }
    profile.prediction = numericReference(
      'prediction',
      opts.predictions,
      bins,
      sampleSize,
      rng.fork('prediction'),
    );
  }
  if (opts.baselineMetrics) profile.baselineMetrics = { ...opts.baselineMetrics };
  return profile;
}

/** Checks that parsed JSON is a profile this version reads; returns it typed. */
export function parseReference(json: unknown): ReferenceProfile {
  const p = json as Partial<ReferenceProfile> | null;
  if (!p || p.format !== REFERENCE_FORMAT) throw new TypeError('not a drift reference profile');
  if (p.version !== REFERENCE_VERSION) {
    throw new TypeError(
      `drift reference version ${p.version}; this build reads ${REFERENCE_VERSION}`,
    );
  }
  if (!Array.isArray(p.numeric) || !Array.isArray(p.categorical)) {
    throw new TypeError('drift reference without numeric/categorical features');
  }
  return p as ReferenceProfile;
}

export function featureNames(data: RawData, given: string[] | undefined): string[] {
  const total = data.numeric.length + data.categorical.length;
  const names = given ?? data.names ?? Array.from({ length: total }, (_, j) => `f${j}`);
  if (names.length !== total) throw new RangeError(`${names.length} names for ${total} features`);
  return names;
}

function numericReference(
  name: string,
  col: Float64Array,
  bins: number,
  sampleSize: number,
  rng: Rng,
): NumericReference {
  const reservoir = new Float64Array(sampleSize);
  let seen = 0;
  // Welford for the variance; the sum for the mean comes exactly from binCounts below.
  let mu = 0;
  let m2 = 0;
  for (let i = 0; i < col.length; i++) {
    const x = col[i]!;
    if (x - x !== 0) continue;
    const d = x - mu;
    mu += d / (seen + 1);
    m2 += d * (x - mu);
    // Reservoir sampling (Vitter's algorithm R): each value kept with probability k / seen.
    if (seen < sampleSize) reservoir[seen] = x;
    else {
      const r = Math.floor(rng.next() * (seen + 1));
      if (r < sampleSize) reservoir[r] = x;
    }
    seen++;
  }
  const sample = reservoir.subarray(0, Math.min(seen, sampleSize)).sort();
  // Cut points from the sample: exact up to sampleSize values, and past it within the ~0.4 %
  // rank error of 5000 draws — no worse than the KLL sketch (0.3 %), which would cost
  // ~200 ns a value; the bin counts themselves are exact either way.
  const levels: number[] = [];
  for (let i = 1; i < bins; i++) levels.push(sortedQuantile(sample, i / bins));
  const edges = dedupeEdges(levels);
  const { counts, missing, sum } = binCounts(col, edges);
  return {
    name,
    count: seen,
    missingRate: col.length > 0 ? missing / col.length : 0,
    mean: seen > 0 ? sum / seen : NaN,
    std: seen > 0 ? Math.sqrt(m2 / seen) : NaN,
    edges: Array.from(edges),
    counts: Array.from(counts),
    sample: encodeFloat32(sample),
    sampleSize: sample.length,
  };
}

function categoricalReference(
  name: string,
  col: Int32Array,
  levels: string[] | undefined,
): CategoricalReference {
  const { counts, missing } = codeCounts(col);
  const out: CategoricalReference = {
    name,
    count: col.length - missing,
    missingRate: col.length > 0 ? missing / col.length : 0,
    levels: [],
    counts: [],
  };
  counts.forEach((c, code) => {
    if (c === 0) return;
    out.levels.push(levels?.[code] ?? String(code));
    out.counts.push(c);
  });
  return out;
}

/** numpy.quantile (linear interpolation at q·(n − 1)) of ascending values; NaN when empty. */
export function sortedQuantile(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = q * (n - 1);
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  return lo + 1 < n ? a + (h - lo) * (sorted[lo + 1]! - a) : a;
}

/** Rows per code (codes < 0 are missing). */
export function codeCounts(col: Int32Array): { counts: Float64Array; missing: number } {
  let max = -1;
  for (let i = 0; i < col.length; i++) if (col[i]! > max) max = col[i]!;
  const counts = new Float64Array(max + 1);
  let missing = 0;
  for (let i = 0; i < col.length; i++) {
    const c = col[i]!;
    if (c < 0) missing++;
    else counts[c]! += 1;
  }
  return { counts, missing };
}
