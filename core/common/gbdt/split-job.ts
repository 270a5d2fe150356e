// Split finding for level-wise growth over threads: the features of each node are shared out,
// each thread keeps the best split of its share, and the training thread keeps the better.
import { type QuantScales, unpackHistogram } from './quantize.js';
import {
  bestCategoricalSplit,
  bestNumericSplit,
  type LeafTotals,
  type SplitConfig,
  SplitInfo,
} from './split.js';

/** What every thread needs to score splits, fixed for a run. */
export interface SplitMeta {
  cfg: SplitConfig;
  binOffset: Int32Array;
  numBins: Int32Array;
  isCategorical: Uint8Array;
  monotone: Int8Array;
  totalBins: number;
}

/** splitIn's header: K, then the quantisation scales (grad, hess, constant hessian 1/0). */
export const SPLIT_HEADER = 8;
/** Per node of a split job (after the header): its histogram's offset in the pool, its totals. */
export const SPLIT_IN = 8;
/** Per node of a split job's result: the split's fields, then its categorical bins. */
export const SPLIT_OUT = 16 + 256;
/** Most nodes in one split job (a level of a tree of depth ≤ 7). */
export const MAX_SPLIT_NODES = 64;
/** Most threads besides the training thread that take a share of a split job. */
export const MAX_SPLIT_WORKERS = 15;

/**
 * Improves `best` with the best split among features[from … to) of a leaf whose packed
 * histogram starts at pool[base]: each feature is unpacked into `unpacked` (quantize.ts), then
 * scored (split.ts) in list order — as TreeLearner.findBest does for the whole list.
 */
export function scanFeatures(
  meta: SplitMeta,
  pool: Float64Array,
  base: number,
  features: Int32Array,
  from: number,
  to: number,
  totals: LeafTotals,
  K: number,
  scales: QuantScales,
  countPerHess: number,
  unpacked: Float64Array,
  best: SplitInfo,
): void {
  const hist = pool.subarray(base, base + meta.totalBins);
  for (let i = from; i < to; i++) {
    const f = features[i]!;
    unpackHistogram(hist, meta.binOffset[f]!, meta.numBins[f]!, K, scales, countPerHess, unpacked);
  }
  scoreFeatures(meta, unpacked, features, from, to, totals, best);
}

/**
 * Improves `best` with the best split among features[from … to) scored on the [grad, hess,
 * count] histogram `hist` (split.ts), in list order.
 */
export function scoreFeatures(
  meta: SplitMeta,
  hist: Float64Array,
  features: Int32Array,
  from: number,
  to: number,
  totals: LeafTotals,
  best: SplitInfo,
): void {
  for (let i = from; i < to; i++) {
    const f = features[i]!;
    const off = meta.binOffset[f]!;
    const nb = meta.numBins[f]!;
    if (meta.isCategorical[f] === 1) bestCategoricalSplit(hist, f, off, nb, totals, meta.cfg, best);
    else bestNumericSplit(hist, f, off, nb, totals, meta.monotone[f] ?? 0, meta.cfg, best);
  }
}

/** Writes a node's inputs at splitIn[SPLIT_IN · j …]. */
export function writeSplitInput(
  splitIn: Float64Array,
  j: number,
  base: number,
  totals: LeafTotals,
  countPerHess: number,
): void {
  const at = SPLIT_HEADER + SPLIT_IN * j;
  splitIn[at] = base;
  splitIn[at + 1] = totals.grad;
  splitIn[at + 2] = totals.hess;
  splitIn[at + 3] = totals.count;
  splitIn[at + 4] = totals.gain;
  splitIn[at + 5] = totals.bounds.min;
  splitIn[at + 6] = totals.bounds.max;
  splitIn[at + 7] = countPerHess;
}

/** Writes splitIn's header. */
export function writeSplitHeader(splitIn: Float64Array, K: number, scales: QuantScales): void {
  splitIn[0] = K;
  splitIn[1] = scales.grad;
  splitIn[2] = scales.hess;
  splitIn[3] = scales.constHess ? 1 : 0;
}

/**
 * A thread's share of a split job: for nodes 0 … nodes − 1 of splitIn, the best split among
 * features[from … to), written to splitOut[out + SPLIT_OUT · j …].
 */
export function splitJob(
  meta: SplitMeta,
  pool: Float64Array,
  features: Int32Array,
  from: number,
  to: number,
  nodes: number,
  splitIn: Float64Array,
  splitOut: Float64Array,
  out: number,
  unpacked: Float64Array,
): void {
  const best = new SplitInfo();
  const K = splitIn[0]!;
  const scales: QuantScales = { grad: splitIn[1]!, hess: splitIn[2]!, constHess: splitIn[3] === 1 };
  for (let j = 0; j < nodes; j++) {
    const at = SPLIT_HEADER + SPLIT_IN * j;
    const totals: LeafTotals = {
      grad: splitIn[at + 1]!,
      hess: splitIn[at + 2]!,
      count: splitIn[at + 3]!,
      gain: splitIn[at + 4]!,
      bounds: { min: splitIn[at + 5]!, max: splitIn[at + 6]! },
    };
    best.reset();
    scanFeatures(
      meta,
      pool,
      splitIn[at]!,
      features,
      from,
      to,
      totals,
      K,
      scales,
      splitIn[at + 7]!,
      unpacked,
      best,
    );
    writeSplit(splitOut, out + SPLIT_OUT * j, best);
  }
}

function writeSplit(out: Float64Array, at: number, s: SplitInfo): void {
  out[at] = s.gain;
  out[at + 1] = s.feature;
  if (s.feature < 0) return;
  out[at + 2] = s.thresholdBin;
  out[at + 3] = s.defaultLeft ? 1 : 0;
  out[at + 4] = s.categorical ? 1 : 0;
  out[at + 5] = s.leftGrad;
  out[at + 6] = s.leftHess;
  out[at + 7] = s.leftCount;
  out[at + 8] = s.rightGrad;
  out[at + 9] = s.rightHess;
  out[at + 10] = s.rightCount;
  out[at + 11] = s.leftOutput;
  out[at + 12] = s.rightOutput;
  out[at + 13] = s.catBins.length;
  for (let k = 0; k < s.catBins.length; k++) out[at + 16 + k] = s.catBins[k]!;
}

/** Replaces `best` by the result at splitOut[at …] when that split is strictly better. */
export function mergeSplit(out: Float64Array, at: number, best: SplitInfo): void {
  if (out[at + 1]! < 0 || !(out[at]! > best.gain)) return;
  best.gain = out[at]!;
  best.feature = out[at + 1]!;
  best.thresholdBin = out[at + 2]!;
  best.defaultLeft = out[at + 3] === 1;
  best.categorical = out[at + 4] === 1;
  best.leftGrad = out[at + 5]!;
  best.leftHess = out[at + 6]!;
  best.leftCount = out[at + 7]!;
  best.rightGrad = out[at + 8]!;
  best.rightHess = out[at + 9]!;
  best.rightCount = out[at + 10]!;
  best.leftOutput = out[at + 11]!;
  best.rightOutput = out[at + 12]!;
  const nc = out[at + 13]!;
  best.catBins.length = 0;
  for (let k = 0; k < nc; k++) best.catBins.push(out[at + 16 + k]!);
}
