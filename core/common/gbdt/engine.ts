// Where the tree learner's memory lives and who builds its histograms: the default runs the
// kernels in the calling thread; core/node/gbdt supplies one over worker threads.
import type { NumericBinner } from './dataset.js';
import { buildHistogram, buildPackedHistogram } from './histogram.js';
import {
  CHUNK_LISTED,
  CHUNK_START,
  finishChunkRows,
  type LevelKernels,
  levelKernels,
  NUM_CHUNKS,
  PENDING,
} from './level.js';
import { gradientKernel } from './gradient-kernel.js';
import type { SplitMeta } from './split-job.js';
import { createObjective, type Objective, type ObjectiveParams } from './objectives/index.js';
import { gradientExtremes, quantizeRange } from './quantize.js';
import { mergePartitions, partitionRows, partitionRowsPacked } from './partition.js';

/** The learner's working memory, fixed for a whole training run. */
export interface LearnerBuffers {
  /** bins[f][row] (BinnedData.bins). */
  bins: readonly Uint8Array[];
  binOffset: Int32Array;
  numBins: Int32Array;
  /** The row index list; each leaf owns a range of it. */
  rows: Uint32Array;
  /**
   * Interleaved [grad, hess] of the rows being histogrammed (written by the learner), or with
   * `quantized` one packed double per row (histogram.ts).
   */
  ordered: Float64Array;
  /** Quantised gradients: packed `ordered`, histograms of one double per bin. */
  quantized: boolean;
  /** Quad columns (histogram.ts buildQuads; quantised mode only): the bins of quadFeatures. */
  quads: readonly Uint32Array[];
  quadFeatures: Int32Array;
  /** Histogram buffers, one per slot. */
  pool: readonly Float64Array[];
  /** Where partitionRows puts right-hand rows and their gradients. */
  scratch: Uint32Array;
  scratchOrdered: Float64Array;
  /** goLeft[bin] = 1 when the split being applied sends the bin left. */
  goLeft: Uint8Array;
  /** Level-wise growth (level.ts), or null. */
  level: LevelBuffers | null;
  /** Gradients computed by the builder's threads too (booster.ts), or null. */
  objective: SharedObjective | null;
}

/**
 * A built-in single-output objective's inputs and outputs in shared memory: its gradients are
 * one formula per row, so ranges of rows can be computed by different threads.
 */
export interface SharedObjective {
  label: Float64Array;
  score: Float64Array;
  weight: Float64Array | null;
  grad: Float64Array;
  hess: Float64Array;
  /** JSON of { name, params } for createObjective. */
  spec: string;
}

const gradientKernels = new WeakMap<SharedObjective, (a: number, b: number, c: number) => void>();

/**
 * The shared objective's gradient job for rows [a, b) as chunk c (gradient-kernel.ts): the
 * pending score update of level-wise growth, the gradients, and with level-wise buffers the
 * chunk's extremes for quantisation. One kernel per thread and run.
 */
export function gradientChunk(b: LearnerBuffers, a: number, end: number, c: number): void {
  const o = b.objective!;
  let k = gradientKernels.get(o);
  if (!k) {
    const lv = b.level;
    k = gradientKernel(
      {
        label: o.label,
        score: o.score,
        weight: o.weight,
        grad: o.grad,
        hess: o.hess,
        leafOf: lv ? lv.leafOf : null,
        pending: lv ? lv.pending : null,
        ints: lv ? lv.ints : null,
        qf: lv ? lv.qf : null,
      },
      sharedObjective(o),
      { pending: PENDING, qfChunk: QF_CHUNK },
    );
    gradientKernels.set(o, k);
  }
  k(a, end, c);
}

/** The objective a SharedObjective names. */
export function sharedObjective(o: SharedObjective): Objective {
  const { name, params } = JSON.parse(o.spec) as { name: string; params: ObjectiveParams };
  return createObjective(name, params);
}

/** Level-wise growth's buffers: quads cover every feature (padded), histograms share one pool. */
export interface LevelBuffers {
  /** The row → node byte array. */
  leafOf: Uint8Array;
  /** Per listed row (aligned with `rows`), its node's histogram offset in `pool`. */
  listBase: Int32Array;
  /** Every row's bins in `width` bytes (row-major; byte j = feature quadFeatures[j]). */
  rowBins: Uint8Array;
  width: number;
  /** level.ts's tables. */
  ints: Int32Array;
  /** level.ts's byte tables (go-left per node and bin, children, listed nodes). */
  bytes: Uint8Array;
  /** Every histogram slot, SLOT_BASE apart. */
  pool: Float64Array;
  quadOffset: Int32Array;
  quadBins: Int32Array;
  /**
   * The booster's gradients and hessians (all outputs) when threads share them, else null:
   * then quantisation and the last routing run in chunks over threads too.
   */
  grad: Float64Array | null;
  hess: Float64Array | null;
  /**
   * Quantisation: QF_GRAD, QF_HESS, QF_CONST (scales; 1 = constant hessian), QF_SEED, QF_K;
   * per chunk c, at QF_CHUNK + 4c: extremes (max |g|, max h, min h), then the sums of G, H.
   */
  qf: Float64Array;
  /** Split jobs (split-job.ts): the run's constants, the features, node inputs and results. */
  splitMeta: SplitMeta;
  splitFeatures: Int32Array;
  splitIn: Float64Array;
  /** MAX_SPLIT_NODES results per worker thread. */
  splitOut: Float64Array;
  /** The last tree's value per node while its score update waits for the gradient job. */
  pending: Float64Array;
  /** LevelKernels.finish's per-chunk counts and sums (256 per chunk). */
  chunkCounts: Int32Array;
  chunkG: Float64Array;
  chunkH: Float64Array;
}

export const QF_GRAD = 0;
export const QF_HESS = 1;
export const QF_CONST = 2;
export const QF_SEED = 3;
export const QF_K = 4;
export const QF_CHUNK = 8;

/** Chunk c of gradient scanning: extremes of positions [a, b) of the tree's rows. */
export function scanChunk(
  lv: LevelBuffers,
  rows: Uint32Array | null,
  c: number,
  a: number,
  b: number,
  gradAt: number,
): void {
  const n = lv.leafOf.length;
  const grad = lv.grad!.subarray(gradAt, gradAt + n);
  const hess = lv.hess!.subarray(gradAt, gradAt + n);
  gradientExtremes(rows, a, b, grad, hess, lv.qf, QF_CHUNK + 4 * c);
}

/** Chunk c of quantisation (scales and seed from qf), packed by row into `packed`. */
export function packChunk(
  lv: LevelBuffers,
  rows: Uint32Array | null,
  c: number,
  a: number,
  b: number,
  gradAt: number,
  packed: Float64Array,
): void {
  const qf = lv.qf;
  const n = lv.leafOf.length;
  const grad = lv.grad!.subarray(gradAt, gradAt + n);
  const hess = lv.hess!.subarray(gradAt, gradAt + n);
  const sc = { grad: qf[QF_GRAD]!, hess: qf[QF_HESS]!, constHess: qf[QF_CONST] === 1 };
  const at = QF_CHUNK + 4 * c;
  quantizeRange(rows, a, b, grad, hess, sc, qf[QF_K]!, qf[QF_SEED]!, packed, true, qf, at + 2);
}

const kernelCache = new WeakMap<LevelBuffers, LevelKernels>();

/** The level kernels over this thread's view of the learner's buffers (made once per run). */
export function kernelsOf(b: LearnerBuffers): LevelKernels {
  const lv = b.level!;
  let k = kernelCache.get(lv);
  if (!k) {
    k = levelKernels({
      rowBins: lv.rowBins,
      width: lv.width,
      leafOf: lv.leafOf,
      ints: lv.ints,
      bytes: lv.bytes,
      list: b.rows,
      listBase: lv.listBase,
      quads: b.quads,
      quadOffset: lv.quadOffset,
      quadBins: lv.quadBins,
      packed: b.ordered,
      pool: lv.pool,
      chunkCounts: lv.chunkCounts,
      chunkG: lv.chunkG,
      chunkH: lv.chunkH,
      grad: lv.grad,
      hess: lv.hess,
    });
    kernelCache.set(lv, k);
  }
  return k;
}

/**
 * The last routing (LevelKernels.finish) for fixed chunk c of rows 0 … n − 1, with the shared
 * gradients from `at` (LevelBuffers.grad), or `grad` and `hess` when given.
 */
export function finishChunk(
  b: LearnerBuffers,
  c: number,
  n: number,
  sums: boolean,
  at: number,
  grad: Float64Array | null = null,
  hess: Float64Array | null = null,
): void {
  const size = finishChunkRows(n);
  const a = c * size;
  kernelsOf(b).finish(a, Math.min(n, a + size), c, sums, at, grad, hess);
}

export interface HistogramBuilder {
  /**
   * Builds the histogram of rows[start … end) (rows start … end when `identity`) over
   * `features` into pool[slot], from `ordered` as gathered by the learner. In quantised mode
   * `features` may name quads (~q, see buildPackedHistogram). Every feature's
   * sums must be the ones buildHistogram gives, so that models do not depend on the builder.
   */
  build(identity: boolean, start: number, end: number, features: Int32Array, slot: number): void;
  /**
   * Stably partitions rows[start … end) and their ordered gradients by goLeft[bins[feature][row]]
   * (left rows first); returns the number of left rows.
   */
  partition(feature: number, start: number, end: number): number;
  /** Level-wise pass 1 (LevelKernels.route) over rows [0, n), in chunks. */
  route(n: number): void;
  /** Level-wise pass 2 (LevelKernels.build) over all quads. */
  buildLevel(all: boolean, n: number): void;
  /**
   * Shared gradients (LevelBuffers.grad, from `gradAt`): scanChunk, then packChunk, over
   * positions [0, n) of the tree's rows (`rows` when `bagged`), in ints[NUM_CHUNKS] chunks.
   */
  scanGradients(n: number, gradAt: number, bagged: boolean): void;
  packGradients(n: number, gradAt: number, bagged: boolean): void;
  /** finishChunk over every chunk of rows 0 … numRows − 1 (shared gradients from gradAt). */
  finish(numRows: number, gradAt: number, sums: boolean): void;
  /** The SharedObjective's gradients over its threads; false when it has no threads to use. */
  gradients(): boolean;
  /**
   * Optional, level-wise: a split job (split-job.ts splitJob) for `nodes` nodes over the
   * features (LevelBuffers.splitFeatures) 0 … numFeatures − 1. This thread's share is
   * `mine(from, to)`, run while the other threads work; the others' results are in splitOut,
   * MAX_SPLIT_NODES · SPLIT_OUT apart, in feature order. Returns how many threads wrote one.
   */
  splits?(numFeatures: number, nodes: number, mine: (from: number, to: number) => void): number;
}

export interface GbdtEngine {
  /** Memory for bins and learner buffers (a SharedArrayBuffer lets worker threads see it). */
  buffer(bytes: number): ArrayBufferLike;
  /** Called once the learner's buffers exist (all pool slots allocated up front). */
  histograms(buffers: LearnerBuffers): HistogramBuilder;
  /** Optional: bins the numeric columns (dataset.ts binData), e.g. over threads. */
  numericBins?: NumericBinner;
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
  if (b.quantized) {
    buildPackedHistogram(
      b.bins,
      b.quads,
      b.quadFeatures,
      features,
      b.binOffset,
      b.numBins,
      rows,
      start,
      end,
      b.ordered,
      b.pool[slot]!,
    );
    return;
  }
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
  const nLeft = (b.quantized ? partitionRowsPacked : partitionRows)(
    col,
    b.goLeft,
    rows,
    ordered,
    scratch,
    scratchOrdered,
    start,
    end,
  );
  const stride = b.quantized ? 1 : 2;
  return mergePartitions(rows, ordered, scratch, scratchOrdered, [start, end], [nLeft], stride);
}

/** LevelKernels.route over rows [a, b) as chunk `chunk`; records the chunk's listed rows. */
export function routeChunk(b: LearnerBuffers, chunk: number, start: number, end: number): void {
  b.level!.ints[CHUNK_LISTED + chunk] = kernelsOf(b).route(start, end);
}

/** LevelKernels.build for quads qFrom … qTo − 1. */
export function buildLevelQuads(
  b: LearnerBuffers,
  qFrom: number,
  qTo: number,
  all: boolean,
  n: number,
): void {
  kernelsOf(b).build(qFrom, qTo, all, n);
}

export function localHistograms(b: LearnerBuffers): HistogramBuilder {
  return {
    route(n) {
      const ints = b.level!.ints;
      ints[NUM_CHUNKS] = 1;
      ints[CHUNK_START] = 0;
      ints[CHUNK_START + 1] = n;
      routeChunk(b, 0, 0, n);
    },
    buildLevel(all, n) {
      buildLevelQuads(b, 0, b.quads.length, all, n);
    },
    scanGradients(n, gradAt, bagged) {
      const lv = b.level!;
      lv.ints[NUM_CHUNKS] = 1;
      scanChunk(lv, bagged ? b.rows : null, 0, 0, n, gradAt);
    },
    packGradients(n, gradAt, bagged) {
      const lv = b.level!;
      packChunk(lv, bagged ? b.rows : null, 0, 0, n, gradAt, b.ordered);
    },
    gradients() {
      return false;
    },
    finish(numRows, gradAt, sums) {
      const chunks = Math.ceil(numRows / finishChunkRows(numRows));
      for (let c = 0; c < chunks; c++) finishChunk(b, c, numRows, sums, gradAt);
    },
    build(identity, start, end, features, slot) {
      buildLeafHistogram(b, identity, start, end, features, slot);
    },
    partition(feature, start, end) {
      return partitionLeaf(b, b.bins[feature]!, start, end);
    },
  };
}
