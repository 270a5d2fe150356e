// The shared control block between the training thread and its histogram workers.
import type { BinMatrix } from '../../common/gbdt/histogram.js';

/*
 * One Int32Array over a SharedArrayBuffer. The trainer writes a job (identity flag, row range,
 * pool slot, and for each worker its range of the feature list), then bumps SEQ and notifies;
 * each worker builds its features' histograms, then stores SEQ into its DONE word and
 * notifies. Every feature is built whole by one thread with the same kernel, so histograms
 * do not depend on how features are shared out. A build over a row list first copies the
 * leaf's bins into leafBins, each thread a chunk of the rows (gatherChunk), and meets the
 * others at a barrier (ARRIVED) before reading them: one round trip per histogram, not two.
 */
export const SEQ = 0;
export const CMD = 1;
export const IDENTITY = 2;
export const START = 3;
export const END = 4;
export const SLOT_INDEX = 5;
/** The feature whose bins a partition job reads. */
export const FEATURE = 6;
/** Threads that have finished their chunk of a build's gather (the barrier). */
export const ARRIVED = 7;
export const HEADER = 8;
/**
 * Per worker: DONE, ERROR, FROM, TO (indices into the feature list for a build; the row range
 * for a partition or gather), RESULT (left rows of its partition).
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

/** Thread t's (0 = the trainer, w + 1 = worker w) share of positions start … end − 1. */
export function gatherChunk(start: number, end: number, t: number, threads: number): number {
  return start + Math.floor(((end - start) * t) / threads);
}

/** Spins before sleeping at the barrier: the other threads are working on the same job. */
const BARRIER_SPINS = 200_000;

/**
 * Counts this thread in at the gather barrier and waits for all `threads`; returns false if
 * they have not all arrived `timeoutMs` after the call (a worker died: the caller reports it).
 */
export function arrive(ctl: Int32Array, threads: number, timeoutMs: number): boolean {
  if (Atomics.add(ctl, ARRIVED, 1) + 1 >= threads) {
    Atomics.notify(ctl, ARRIVED);
    return true;
  }
  const started = Date.now();
  for (let spin = 0; ; spin++) {
    const v = Atomics.load(ctl, ARRIVED);
    if (v >= threads) return true;
    if (spin >= BARRIER_SPINS) {
      Atomics.wait(ctl, ARRIVED, v, 1);
      if (Date.now() - started > timeoutMs) return false;
    }
  }
}

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
  matrix: BinMatrix;
  rows: Uint32Array;
  ordered: Float64Array;
  leafBins: Uint8Array;
  pool: Float64Array[];
  scratch: Uint32Array;
  scratchOrdered: Float64Array;
  goLeft: Uint8Array;
}
