// Training input: raw column-major features, and the same data binned to one byte per value.
import type { Rng } from '../random.js';
import { type RawData, rowCount } from '../raw-data.js';

export { type RawData, rowCount };
import {
  binCategorical,
  binNumeric,
  categoricalBins,
  type FeatureBins,
  numBinsOf,
  numericEdges,
  sortFloat64,
} from './binning.js';

/** Rows sampled to choose bin edges; more changes the edges little and costs sorting time. */
export const BIN_SAMPLE_ROWS = 200_000;

/** The columns in feature order, for prediction (categorical codes read as numbers). */
export function featureColumns(data: RawData): ArrayLike<number>[] {
  return [...data.numeric, ...data.categorical];
}

export function featureNames(data: RawData): string[] {
  return data.names ?? [...data.numeric, ...data.categorical].map((_, j) => `f${j}`);
}

export interface BinnedData {
  numRows: number;
  numFeatures: number;
  /** bins[f][row], bin 0 = missing. */
  bins: Uint8Array[];
  numBins: Int32Array;
  /** First slot of feature f in a histogram (slots of all features laid end to end). */
  binOffset: Int32Array;
  totalBins: number;
  isCategorical: Uint8Array;
  binning: FeatureBins[];
}

/**
 * Chooses bin edges from a sample of at most BIN_SAMPLE_ROWS rows, then bins every row. The
 * bin columns live in memory from `buffer` (e.g. shared with worker threads).
 */
export function binData(
  data: RawData,
  maxBin: number,
  rng: Rng,
  buffer: (bytes: number) => ArrayBufferLike = (bytes) => new ArrayBuffer(bytes),
  numericBins?: NumericBinner,
): BinnedData {
  const n = rowCount(data);
  const sample = n > BIN_SAMPLE_ROWS ? sampleRows(n, BIN_SAMPLE_ROWS, rng) : null;
  const binning: FeatureBins[] = [];
  const bins: Uint8Array[] = [];
  const outs = data.numeric.map(() => new Uint8Array(buffer(n)));
  const allEdges = numericBins
    ? numericBins(data.numeric, sample, maxBin, outs)
    : data.numeric.map((col, j) => binNumericColumn(col, sample, maxBin, outs[j]!));
  for (let j = 0; j < outs.length; j++) {
    binning.push({ kind: 'numeric', edges: allEdges[j]! });
    bins.push(outs[j]!);
  }
  for (const col of data.categorical) {
    for (let i = 0; i < n; i++) {
      if (!(col[i]! >= -1)) throw new RangeError(`categorical code ${col[i]} below -1 at row ${i}`);
    }
    const b = categoricalBins(col, sample, maxBin);
    const out = new Uint8Array(buffer(n));
    binCategorical(col, b, out);
    binning.push(b);
    bins.push(out);
  }
  const numFeatures = binning.length;
  const numBins = Int32Array.from(binning, numBinsOf);
  const binOffset = new Int32Array(numFeatures);
  let total = 0;
  for (let f = 0; f < numFeatures; f++) {
    binOffset[f] = total;
    total += numBins[f]!;
  }
  return {
    numRows: n,
    numFeatures,
    bins,
    numBins,
    binOffset,
    totalBins: total,
    isCategorical: Uint8Array.from(binning, (b) => (b.kind === 'categorical' ? 1 : 0)),
    binning,
  };
}

/**
 * Bins numeric columns into `outs` (e.g. over threads) and returns their edges; it must give
 * what binNumericColumn gives for each column.
 */
export type NumericBinner = (
  columns: readonly Float64Array[],
  sample: Uint32Array | null,
  maxBin: number,
  outs: readonly Uint8Array[],
) => Float64Array[];

/** One numeric column: edges from the sample's present values, then every row binned into `out`. */
export function binNumericColumn(
  col: Float64Array,
  sample: Uint32Array | null,
  maxBin: number,
  out: Uint8Array,
): Float64Array {
  const edges = numericEdges(sortedPresent(col, sample), maxBin);
  binNumeric(col, edges, out);
  return edges;
}

/** k distinct rows of 0 … n − 1, ascending: selection sampling (Knuth's Algorithm S). */
function sampleRows(n: number, k: number, rng: Rng): Uint32Array {
  const out = new Uint32Array(k);
  let chosen = 0;
  for (let i = 0; i < n && chosen < k; i++) {
    if ((n - i) * rng.next() < k - chosen) out[chosen++] = i;
  }
  return out;
}

function sortedPresent(col: Float64Array, sample: Uint32Array | null): Float64Array {
  const m = sample ? sample.length : col.length;
  const vals = new Float64Array(m);
  let k = 0;
  for (let j = 0; j < m; j++) {
    const x = col[sample ? sample[j]! : j]!;
    if (x === x) vals[k++] = x;
  }
  return sortFloat64(vals.subarray(0, k));
}
