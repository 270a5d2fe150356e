// Where the tree learner's memory lives and who builds its histograms: the default runs the
// kernels in the calling thread; core/node/gbdt supplies one over worker threads.
import { buildHistogram } from './histogram.js';
import { mergePartitions, partitionRows } from './partition.js';

/** The learner's working memory, fixed for a whole training run. */
export interface LearnerBuffers {
  /** bins[f][row] (BinnedData.bins). */
  bins: readonly Uint8Array[];
  binOffset: Int32Array;
  numBins: Int32Array;
  /** The row index list; each leaf owns a range of it. */
  rows: Uint32Array;
  /** Interleaved [grad, hess] of the rows being histogrammed (written by the learner). */
  ordered: Float64Array;
  /** Histogram buffers, one per slot. */
  pool: readonly Float64Array[];
  /** Where partitionRows puts right-hand rows and their gradients. */
  scratch: Uint32Array;
  scratchOrdered: Float64Array;
  /** goLeft[bin] = 1 when the split being applied sends the bin left. */
  goLeft: Uint8Array;
}

export interface HistogramBuilder {
  /**
   * Builds the histogram of rows[start … end) (rows start … end when `identity`) over
   * `features` into pool[slot], from `ordered` as gathered by the learner. Every feature's
   * sums must be the ones buildHistogram gives, so that models do not depend on the builder.
   */
  build(identity: boolean, start: number, end: number, features: Int32Array, slot: number): void;
  /**
   * Stably partitions rows[start … end) and their ordered gradients by goLeft[bins[feature][row]]
   * (left rows first); returns the number of left rows.
   */
  partition(feature: number, start: number, end: number): number;
}

export interface GbdtEngine {
  /** Memory for bins and learner buffers (a SharedArrayBuffer lets worker threads see it). */
  buffer(bytes: number): ArrayBufferLike;
  /** Called once the learner's buffers exist (all pool slots allocated up front). */
  histograms(buffers: LearnerBuffers): HistogramBuilder;
}

/** Runs the kernels in the calling thread; pool slots are allocated on first use. */
/** Builds the histograms of `features` for rows [start, end) of a leaf into pool slot `slot`. */
export function buildLeafHistogram(
  b: LearnerBuffers,
  identity: boolean,
  start: number,
  end: number,
  features: Int32Array,
  slot: number,
): void {
  const rows = identity ? null : b.rows;
  buildHistogram(
    b.bins,
    features,
    b.binOffset,
    b.numBins,
    rows,
    start,
    end,
    b.ordered,
    b.pool[slot]!,
  );
}

/** Splits rows [start, end) of a leaf by `goLeft` in this thread; returns the left count. */
export function partitionLeaf(
  b: LearnerBuffers,
  col: Uint8Array,
  start: number,
  end: number,
): number {
  const { rows, ordered, scratch, scratchOrdered } = b;
  const nLeft = partitionRows(col, b.goLeft, rows, ordered, scratch, scratchOrdered, start, end);
  return mergePartitions(rows, ordered, scratch, scratchOrdered, [start, end], [nLeft]);
}

export function localHistograms(b: LearnerBuffers): HistogramBuilder {
  return {
    build(identity, start, end, features, slot) {
      buildLeafHistogram(b, identity, start, end, features, slot);
    },
    partition(feature, start, end) {
      return partitionLeaf(b, b.bins[feature]!, start, end);
    },
  };
}
