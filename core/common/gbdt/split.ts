// The best split of one feature from a leaf's histogram: regularised gain, both directions
// for missing values, many-vs-many category sets. (Histogram slots are [grad, hess, count]
// triples; the stride 3 is written out because these are hot loops.)
import type { GbdtParams } from './params.js';

export interface SplitConfig {
  lambdaL1: number;
  lambdaL2: number;
  minDataInLeaf: number;
  minSumHessianInLeaf: number;
  minGainToSplit: number;
  maxCatThreshold: number;
  catSmooth: number;
  catL2: number;
  maxCatToOnehot: number;
  minDataPerGroup: number;
}

export function splitConfig(p: GbdtParams): SplitConfig {
  return {
    lambdaL1: p.lambda_l1,
    lambdaL2: p.lambda_l2,
    minDataInLeaf: p.min_data_in_leaf,
    minSumHessianInLeaf: p.min_sum_hessian_in_leaf,
    minGainToSplit: p.min_gain_to_split,
    maxCatThreshold: p.max_cat_threshold,
    catSmooth: p.cat_smooth,
    catL2: p.cat_l2,
    maxCatToOnehot: p.max_cat_to_onehot,
    minDataPerGroup: p.min_data_per_group,
  };
}

/** The gradient shrunk toward zero by the L1 penalty (soft thresholding). */
function shrinkL1(g: number, l1: number): number {
  if (l1 <= 0) return g;
  return g > l1 ? g - l1 : g < -l1 ? g + l1 : 0;
}

/** The leaf value minimising Σ(g·w + ½h·w²) + l1·|w| + ½l2·w². */
export function leafOutput(g: number, h: number, l1: number, l2: number): number {
  const d = h + l2;
  return d > 0 ? -shrinkL1(g, l1) / d : 0;
}

/** Loss reduction (×2) of a leaf with value w: −(2·g̃·w + (h + l2)·w²). */
export function leafGain(g: number, h: number, l1: number, l2: number, w: number): number {
  return -(2 * shrinkL1(g, l1) * w + (h + l2) * w * w);
}

/** Bounds on a leaf's value (monotone constraints) and the direction the feature must keep. */
export interface LeafBounds {
  min: number;
  max: number;
}

/** A candidate split; `gain` is the loss reduction over the unsplit leaf. */
export class SplitInfo {
  gain = -Infinity;
  feature = -1;
  /** Numeric: bins 1 … thresholdBin go left. */
  thresholdBin = 0;
  /** Where missing values (bin 0) go, for numeric splits. */
  defaultLeft = false;
  categorical = false;
  /** Categorical: the bins going left, ascending (bin 0 — missing or rare — always goes right). */
  catBins: number[] = [];
  leftGrad = 0;
  leftHess = 0;
  leftCount = 0;
  rightGrad = 0;
  rightHess = 0;
  rightCount = 0;
  leftOutput = 0;
  rightOutput = 0;

  reset(): void {
    this.gain = -Infinity;
    this.feature = -1;
  }

  copyFrom(o: SplitInfo): void {
    Object.assign(this, o);
    this.catBins = o.catBins.slice();
  }
}

function clamp(v: number, b: LeafBounds): number {
  return v < b.min ? b.min : v > b.max ? b.max : v;
}

/**
 * Gain of a split with these child sums under `bounds` and monotone direction `mono`, or
 * -Infinity if the children's values break the direction. l2 is the effective penalty.
 */
function splitGain(
  lg: number,
  lh: number,
  rg: number,
  rh: number,
  l1: number,
  l2: number,
  mono: number,
  bounds: LeafBounds,
  out: { l: number; r: number },
): number {
  const wl = clamp(leafOutput(lg, lh, l1, l2), bounds);
  const wr = clamp(leafOutput(rg, rh, l1, l2), bounds);
  if ((mono > 0 && wl > wr) || (mono < 0 && wl < wr)) return -Infinity;
  out.l = wl;
  out.r = wr;
  return leafGain(lg, lh, l1, l2, wl) + leafGain(rg, rh, l1, l2, wr);
}

/** The totals of the leaf being split. */
export interface LeafTotals {
  grad: number;
  hess: number;
  count: number;
  /** leafGain of the leaf at its own value: a split must beat it by minGainToSplit. */
  gain: number;
  bounds: LeafBounds;
}

const outputs = { l: 0, r: 0 };

/**
 * Improves `best` with the best split of numeric feature `f` (histogram slots from `slot0`,
 * `nb` bins). Tries missing values on each side and keeps the better.
 */
export function bestNumericSplit(
  hist: Float64Array,
  f: number,
  slot0: number,
  nb: number,
  leaf: LeafTotals,
  mono: number,
  cfg: SplitConfig,
  best: SplitInfo,
): void {
  const base = slot0 * 3;
  const missC = hist[base + 2]!;
  // Missing right: left = bins 1 … t. With missing values, t = nb − 1 isolates them.
  scanNumeric(hist, f, base, nb - (missC > 0 ? 1 : 2), 0, leaf, mono, cfg, best);
  // Missing left: left = missing + bins 1 … t.
  if (missC > 0) scanNumeric(hist, f, base, nb - 2, 1, leaf, mono, cfg, best);
}

/**
 * Scans thresholds t = 1 … lastT of one numeric feature, the left side holding bins 1 … t,
 * plus the missing bin when missingLeft = 1.
 */
function scanNumeric(
  hist: Float64Array,
  f: number,
  base: number,
  lastT: number,
  missingLeft: number,
  leaf: LeafTotals,
  mono: number,
  cfg: SplitConfig,
  best: SplitInfo,
): void {
  const { minDataInLeaf: minData, minSumHessianInLeaf: minHess, lambdaL1: l1, lambdaL2: l2 } = cfg;
  const need = leaf.gain + cfg.minGainToSplit;
  const hasMissing = hist[base + 2]! > 0;
  // Without constraints the gain is the closed form g̃²/(h + l2) per child.
  const free = mono === 0 && leaf.bounds.min === -Infinity && leaf.bounds.max === Infinity;
  let lg = missingLeft ? hist[base]! : 0;
  let lh = missingLeft ? hist[base + 1]! : 0;
  let lc = missingLeft ? hist[base + 2]! : 0;
  for (let t = 1; t <= lastT; t++) {
    const k = base + t * 3;
    lg += hist[k]!;
    lh += hist[k + 1]!;
    lc += hist[k + 2]!;
    if (lc < minData || lh < minHess) continue;
    const rc = leaf.count - lc;
    const rh = leaf.hess - lh;
    if (rc < minData || rh < minHess) break;
    const rg = leaf.grad - lg;
    let gain: number;
    if (free) {
      const sl = shrinkL1(lg, l1);
      const sr = shrinkL1(rg, l1);
      gain = (sl * sl) / (lh + l2) + (sr * sr) / (rh + l2);
    } else {
      gain = splitGain(lg, lh, rg, rh, l1, l2, mono, leaf.bounds, outputs);
    }
    if (gain > need && gain - leaf.gain > best.gain) {
      if (free) splitGain(lg, lh, rg, rh, l1, l2, 0, leaf.bounds, outputs);
      best.gain = gain - leaf.gain;
      best.feature = f;
      best.thresholdBin = t;
      best.defaultLeft = hasMissing ? missingLeft === 1 : lc >= rc;
      best.categorical = false;
      best.catBins.length = 0;
      setSums(best, lg, lh, lc, rg, rh, rc);
    }
  }
}

function setSums(
  best: SplitInfo,
  lg: number,
  lh: number,
  lc: number,
  rg: number,
  rh: number,
  rc: number,
): void {
  best.leftGrad = lg;
  best.leftHess = lh;
  best.leftCount = lc;
  best.rightGrad = rg;
  best.rightHess = rh;
  best.rightCount = rc;
  best.leftOutput = outputs.l;
  best.rightOutput = outputs.r;
}

/**
 * Improves `best` with the best split of categorical feature `f`: one category against the
 * rest when there are at most maxCatToOnehot categories, else LightGBM's many-vs-many —
 * categories ordered by sumGrad / (sumHess + catSmooth), and the best prefix of that order
 * (from either end, at most maxCatThreshold categories) goes left.
 */
export function bestCategoricalSplit(
  hist: Float64Array,
  f: number,
  slot0: number,
  nb: number,
  leaf: LeafTotals,
  cfg: SplitConfig,
  best: SplitInfo,
): void {
  const base = slot0 * 3;
  const { minDataInLeaf: minData, minSumHessianInLeaf: minHess, lambdaL1: l1 } = cfg;
  const need = leaf.gain + cfg.minGainToSplit;
  const used: number[] = [];
  for (let b = 1; b < nb; b++) if (hist[base + b * 3 + 2]! > 0) used.push(b);
  const consider = (bins: number[], lg: number, lh: number, lc: number, l2: number): void => {
    const rc = leaf.count - lc;
    const rh = leaf.hess - lh;
    if (lc < minData || lh < minHess || rc < minData || rh < minHess) return;
    const rg = leaf.grad - lg;
    const gain = splitGain(lg, lh, rg, rh, l1, l2, 0, leaf.bounds, outputs);
    if (gain > need && gain - leaf.gain > best.gain) {
      best.gain = gain - leaf.gain;
      best.feature = f;
      best.thresholdBin = 0;
      best.defaultLeft = false;
      best.categorical = true;
      best.catBins = bins.slice().sort((a, b) => a - b);
      setSums(best, lg, lh, lc, rg, rh, rc);
    }
  };
  if (used.length <= cfg.maxCatToOnehot) {
    for (const b of used) {
      const k = base + b * 3;
      consider([b], hist[k]!, hist[k + 1]!, hist[k + 2]!, cfg.lambdaL2);
    }
    return;
  }
  const eligible = used.filter((b) => hist[base + b * 3 + 2]! >= cfg.catSmooth);
  const ctr = (b: number): number => {
    const k = base + b * 3;
    return hist[k]! / (hist[k + 1]! + cfg.catSmooth);
  };
  eligible.sort((a, b) => ctr(a) - ctr(b) || a - b);
  const maxCats = Math.min(cfg.maxCatThreshold, (eligible.length + 1) >> 1);
  const l2 = cfg.lambdaL2 + cfg.catL2;
  for (const dir of [1, -1]) {
    let lg = 0;
    let lh = 0;
    let lc = 0;
    let group = 0;
    const left: number[] = [];
    for (let i = 0; i < eligible.length && i < maxCats; i++) {
      const b = eligible[dir > 0 ? i : eligible.length - 1 - i]!;
      const k = base + b * 3;
      lg += hist[k]!;
      lh += hist[k + 1]!;
      lc += hist[k + 2]!;
      group += hist[k + 2]!;
      left.push(b);
      if (lc < minData || lh < minHess) continue;
      const rc = leaf.count - lc;
      if (rc < minData || rc < cfg.minDataPerGroup || leaf.hess - lh < minHess) break;
      if (group < cfg.minDataPerGroup) continue;
      group = 0;
      consider(left, lg, lh, lc, l2);
    }
  }
}
