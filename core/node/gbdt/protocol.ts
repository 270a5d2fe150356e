// The shared control block between the training thread and its histogram workers.
import type { LevelBuffers, SharedObjective } from '../../common/gbdt/engine.js';

/*
 * One Int32Array over a SharedArrayBuffer. The trainer writes a job (identity flag, row range,
 * pool slot, and for each worker its range of the feature list), then bumps SEQ and notifies;
 * each worker builds its features' histograms, then stores SEQ into its DONE word and
 * notifies. Every feature is built whole by one thread with the same kernel, so histograms
 * do not depend on how features are shared out.
 */
export const SEQ = 0;
export const CMD = 1;
export const IDENTITY = 2;
export const START = 3;
export const END = 4;
export const SLOT_INDEX = 5;
/** The feature whose bins a partition job reads. */
export const FEATURE = 6;
export const HEADER = 8;
/**
 * Per worker: DONE, ERROR, FROM, TO (indices into the feature list for a build; the row range
 * for a partition), RESULT (left rows of its partition).
 */
export const PER_WORKER = 5;
export const DONE = 0;
export const ERROR = 1;
export const FROM = 2;
export const TO = 3;
export const RESULT = 4;

export const CMD_BUILD = 1;
export const CMD_STOP = 2;
export const CMD_PARTITION = 3;
/** Level-wise pass 1: worker w routes chunk w + 1 (level.ts). */
export const CMD_ROUTE = 4;
/** Level-wise pass 2: quads FROM … TO − 1; IDENTITY = all rows, END = row count. */
export const CMD_LEVEL = 5;
/** Quantisation, chunk w + 1 (CHUNK_START): extremes, then packing; START = gradient offset. */
export const CMD_QSCAN = 6;
export const CMD_QPACK = 7;
/** Last routing: fixed chunks c ≡ w + 1 mod threads; START = gradient offset, END = rows. */
export const CMD_FINISH = 8;
/** Objective gradients (engine.ts gradientChunk): worker w takes the (w + 1)-th of T equal row ranges. */
export const CMD_GRAD = 9;
/** Split finding for a level's nodes (split-job.ts): FROM/TO the worker's features, END the nodes. */
export const CMD_SPLIT = 10;

export function controlSize(workers: number, maxFeatures: number): number {
  return HEADER + PER_WORKER * workers + maxFeatures;
}

export function workerWord(w: number, k: number): number {
  return HEADER + PER_WORKER * w + k;
}

export function featureWord(workers: number, i: number): number {
  return HEADER + PER_WORKER * workers + i;
}

/** What a worker receives once: the learner's shared buffers and the control block. */
export interface WorkerInit {
  index: number;
  workers: number;
  control: Int32Array;
  bins: Uint8Array[];
  binOffset: Int32Array;
  numBins: Int32Array;
  rows: Uint32Array;
  ordered: Float64Array;
  quantized: boolean;
  quads: Uint32Array[];
  quadFeatures: Int32Array;
  pool: Float64Array[];
  scratch: Uint32Array;
  scratchOrdered: Float64Array;
  goLeft: Uint8Array;
  level: LevelBuffers | null;
  objective: SharedObjective | null;
}

/**
 * Binning, before WorkerInit: bin `column` (feature `feature`) into `out`, write its edges at
 * edges[(maxBin + 1) · feature] and their count at edgeCount[feature], then add 1 to
 * done[2 · index] (set done[2 · index + 1] on failure) and notify.
 */
export interface BinJob {
  kind: 'bin';
  column: Float64Array;
  feature: number;
  sample: Uint32Array | null;
  maxBin: number;
  out: Uint8Array;
  edges: Float64Array;
  edgeCount: Int32Array;
  done: Int32Array;
  index: number;
}
