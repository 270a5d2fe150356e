// Bounded-memory quantile sketch (KLL with a seeded coin): quantile, cdf, rank; mergeable.
import { Rng } from '../random.js';
import { sortRange } from './sort.js';

/*
 * Why KLL (Karnin, Lang & Liberty 2016) and not a t-digest: KLL's rank error is bounded
 * whatever the distribution — skewed, heavy-tailed or full of ties — and ties cost nothing,
 * because a rank is just the weight of retained items ≤ x. A t-digest interpolates inside
 * centroids, which goes wrong exactly on heavily tied data (many zeros, rounded prices), and
 * its result depends on the compression schedule in ways that are hard to bound. KLL needs
 * random coins; they come from a seeded Rng, so the same input in the same order always
 * gives the same sketch (and the same stored JSON).
 *
 * Layout: level h holds items of weight 2^h. When the sketch is full, the lowest level at or
 * over its capacity is halved: sorted, every other item (offset chosen by the coin) moves up
 * with double weight (the lazy compaction of Ivkin et al.'s DataSketches KLL). Capacities
 * shrink by 2/3 per level below the top (k at the top), so memory is about 3k items. Until
 * the first compaction every value is kept, so small columns (up to `exactLimit` values) get
 * exact quantiles.
 */

/** Capacity of the top level; rank error is about 0.3 % at k = 1024 (tested on 1M values). */
export const DEFAULT_K = 1024;
/** Values kept verbatim before the first compaction: small data gets exact quantiles. */
export const DEFAULT_EXACT_LIMIT = 4096;
/** Smallest capacity of a level, so low levels are not compacted every few values. */
const MIN_WIDTH = 8;
const SHRINK = 2 / 3;
// (2/3)^d by repeated multiplication: identical on every platform, unlike Math.pow.
const SHRINK_POW: number[] = [1];
for (let d = 1; d < 64; d++) SHRINK_POW.push(SHRINK_POW[d - 1]! * SHRINK);

export interface QuantileSketchOptions {
  k?: number;
  exactLimit?: number;
  seed?: number;
}

/** The retained items in value order, with cumulative weights; built lazily for queries. */
interface SortedView {
  values: Float64Array;
  /** cum[i] = total weight of items 0 … i. */
  cum: Float64Array;
}

export class QuantileSketch {
  readonly k: number;
  readonly exactLimit: number;
  private readonly rng: Rng;
  private levels: Float64Array[];
  private sizes: number[];
  private caps: number[] = [];
  private totalCap = 0;
  // Level 0 is the hot path: its buffer, fill and the fill at which to compress are fields.
  private buf0: Float64Array;
  private size0 = 0;
  private limit0: number;
  private n = 0;
  private lo = Infinity;
  private hi = -Infinity;
  private view: SortedView | null = null;
  private viewN = -1;

  constructor(options: QuantileSketchOptions = {}) {
    this.k = options.k ?? DEFAULT_K;
    this.exactLimit = options.exactLimit ?? DEFAULT_EXACT_LIMIT;
    if (!(Number.isInteger(this.k) && this.k >= MIN_WIDTH)) {
      throw new RangeError(`QuantileSketch k must be an integer >= ${MIN_WIDTH}, got ${this.k}`);
    }
    if (!(Number.isInteger(this.exactLimit) && this.exactLimit >= this.k)) {
      throw new RangeError(
        `QuantileSketch exactLimit must be an integer >= k, got ${this.exactLimit}`,
      );
    }
    this.rng = new Rng(options.seed ?? 0x5eed);
    this.buf0 = new Float64Array(Math.min(this.exactLimit, 1024));
    this.levels = [this.buf0];
    this.sizes = [0];
    this.updateCapacities();
    this.limit0 = this.totalCap;
  }

  /** Adds a finite number (the caller filters NaN and infinities). */
  add(x: number): void {
    if (this.size0 >= this.limit0) this.compress();
    else if (this.size0 === this.buf0.length) this.growLevel0();
    this.buf0[this.size0++] = x;
    this.n++;
    if (x < this.lo) this.lo = x;
    if (x > this.hi) this.hi = x;
  }

  /** Number of values added. */
  get count(): number {
    return this.n;
  }

  get min(): number {
    return this.lo;
  }

  get max(): number {
    return this.hi;
  }

  /** True while every value is kept (no compaction yet): quantiles and ranks are exact. */
  get exact(): boolean {
    return this.levels.length === 1;
  }

  /** Number of items held (memory is about 8 bytes each). */
  get retained(): number {
    let r = this.size0;
    for (let h = 1; h < this.sizes.length; h++) r += this.sizes[h]!;
    return r;
  }

  /**
   * The q-quantile, 0 ≤ q ≤ 1, by linear interpolation between order statistics at position
   * q·(n − 1) — numpy's default, so exact results match numpy.quantile and pandas. NaN when
   * empty.
   */
  quantile(q: number): number {
    if (this.n === 0 || Number.isNaN(q)) return NaN;
    if (q <= 0) return this.lo;
    if (q >= 1) return this.hi;
    return interpolate(this.sorted(), q);
  }

  /** Estimated fraction of values ≤ x. */
  cdf(x: number): number {
    return this.n === 0 ? NaN : this.rankAtMost(x) / this.n;
  }

  /** Estimated number of values < x (an integer: retained weights are whole). */
  rankBelow(x: number): number {
    if (this.n === 0 || x <= this.lo) return 0;
    if (x > this.hi) return this.n;
    const v = this.sorted();
    const i = lowerBound(v.values, x);
    return i === 0 ? 0 : v.cum[i - 1]!;
  }

  /** Estimated number of values ≤ x. */
  rankAtMost(x: number): number {
    if (this.n === 0 || x < this.lo) return 0;
    if (x >= this.hi) return this.n;
    const v = this.sorted();
    const i = upperBound(v.values, x);
    return i === 0 ? 0 : v.cum[i - 1]!;
  }

  /**
   * Adds each values[i] counts[i] times (whole counts): one item of weight 2^h per set bit h
   * of the count, which is exact, so seeding from an exact value→count map costs
   * O(distinct · log count), not O(rows).
   */
  addCounts(values: ArrayLike<number>, counts: ArrayLike<number>): void {
    const runs: number[][] = [];
    for (let i = 0; i < values.length; i++) {
      const x = values[i]!;
      let c = counts[i]!;
      if (!(c >= 1)) continue;
      this.n += c;
      if (x < this.lo) this.lo = x;
      if (x > this.hi) this.hi = x;
      for (let h = 0; c >= 1; h++) {
        if (c % 2 === 1) (runs[h] ??= []).push(x);
        c = Math.floor(c / 2);
      }
    }
    this.sizes[0] = this.size0;
    runs.forEach((run, h) => {
      while (this.levels.length <= h) {
        this.levels.push(new Float64Array(MIN_WIDTH));
        this.sizes.push(0);
      }
      // Levels above 0 must stay sorted (append merges into them).
      const sorted = Float64Array.from(run);
      if (h > 0) sorted.sort();
      this.append(h, sorted, 0, sorted.length, 1);
    });
    this.updateCapacities();
    this.compress();
  }

  /** Adds the other sketch's values (it is unchanged); the result sketches both streams. */
  merge(other: QuantileSketch): void {
    if (other.n === 0) return;
    this.sizes[0] = this.size0;
    for (let h = 0; h < other.levels.length; h++) {
      if (h === this.levels.length) {
        this.levels.push(new Float64Array(MIN_WIDTH));
        this.sizes.push(0);
      }
      const size = h === 0 ? other.size0 : other.sizes[h]!;
      this.append(h, other.levels[h]!, 0, size, 1);
    }
    this.n += other.n;
    if (other.lo < this.lo) this.lo = other.lo;
    if (other.hi > this.hi) this.hi = other.hi;
    this.updateCapacities();
    this.compress();
  }

  /** Makes room in level 0: compacts until the sketch is within capacity. */
  private compress(): void {
    this.sizes[0] = this.size0;
    while (this.retainedFromSizes() >= this.totalCap) {
      let h = 0;
      while (this.sizes[h]! < this.caps[h]!) h++;
      this.compact(h);
    }
    this.buf0 = this.levels[0]!;
    this.size0 = this.sizes[0]!;
    let upper = 0;
    for (let h = 1; h < this.sizes.length; h++) upper += this.sizes[h]!;
    this.limit0 = this.totalCap - upper;
    // limit0 > size0 now; make sure the buffer has the room too.
    if (this.size0 === this.buf0.length) this.growLevel0();
  }

  /** Moves every other item of level h (sorted; offset by a coin) up to level h + 1. */
  private compact(h: number): void {
    if (h + 1 === this.levels.length) {
      this.levels.push(new Float64Array(MIN_WIDTH));
      this.sizes.push(0);
      this.updateCapacities();
    }
    const buf = this.levels[h]!;
    const size = this.sizes[h]!;
    // Levels above 0 are kept sorted by merging (see append); only level 0 needs a sort.
    if (h === 0) sortRange(buf, 0, size);
    // An odd level keeps its smallest item, so the total weight stays exactly n.
    const start = size & 1;
    const offset = this.rng.uint32() >>> 31;
    this.append(h + 1, buf, start + offset, size, 2);
    this.sizes[h] = start;
  }

  /**
   * Adds src[from], src[from + step], … (below `to`) to level h: appended at level 0, merged
   * in order above it (the run is sorted there), so that compactions above 0 need no sort.
   */
  private append(h: number, src: Float64Array, from: number, to: number, step: number): void {
    const count = Math.max(0, Math.ceil((to - from) / step));
    const size = this.sizes[h]!;
    let dst = this.levels[h]!;
    if (dst.length < size + count) {
      const grown = new Float64Array(Math.max(size + count, dst.length * 2));
      grown.set(dst.subarray(0, size));
      this.levels[h] = grown;
      dst = grown;
    }
    if (h === 0) {
      for (let i = 0; i < count; i++) dst[size + i] = src[from + i * step]!;
      this.buf0 = dst;
      this.size0 = size + count;
    } else {
      // Merge from the back: dst's tail is free, so nothing is overwritten before it is read.
      let i = size - 1;
      let j = count - 1;
      for (let k = size + count - 1; j >= 0; k--) {
        const r = src[from + j * step]!;
        if (i >= 0 && dst[i]! > r) dst[k] = dst[i--]!;
        else {
          dst[k] = r;
          j--;
        }
      }
    }
    this.sizes[h] = size + count;
  }

  /** Grows level 0's buffer, never past the fill at which it is compressed. */
  private growLevel0(): void {
    const grown = new Float64Array(
      Math.min(Math.max(this.buf0.length * 2, MIN_WIDTH), this.limit0),
    );
    grown.set(this.buf0.subarray(0, this.size0));
    this.buf0 = grown;
    this.levels[0] = grown;
  }

  private retainedFromSizes(): number {
    let r = 0;
    for (const s of this.sizes) r += s;
    return r;
  }

  /** Level capacities: k at the top, ×2/3 per level down; everything while uncompacted. */
  private updateCapacities(): void {
    const depth = this.levels.length;
    if (depth === 1) {
      this.caps = [this.exactLimit];
      this.totalCap = this.exactLimit;
      return;
    }
    this.caps = [];
    this.totalCap = 0;
    for (let h = 0; h < depth; h++) {
      const d = depth - 1 - h;
      const cap = Math.max(MIN_WIDTH, Math.ceil(this.k * (SHRINK_POW[d] ?? 0)));
      this.caps.push(cap);
      this.totalCap += cap;
    }
  }

  private sorted(): SortedView {
    if (this.view !== null && this.viewN === this.n) return this.view;
    this.sizes[0] = this.size0;
    const r = this.retained;
    const values = new Float64Array(r);
    const weights = new Float64Array(r);
    let j = 0;
    for (let h = 0; h < this.levels.length; h++) {
      const buf = this.levels[h]!;
      const w = 2 ** h;
      for (let i = 0; i < this.sizes[h]!; i++, j++) {
        values[j] = buf[i]!;
        weights[j] = w;
      }
    }
    this.view = sortedView(values, weights);
    this.viewN = this.n;
    return this.view;
  }
}

/**
 * Exact quantiles of values given with their counts (an exact distinct-value map), by the
 * same interpolation as QuantileSketch.quantile: a low-cardinality column gets exact
 * quantiles however many rows it has.
 */
export function quantilesOfCounts(
  values: ArrayLike<number>,
  counts: ArrayLike<number>,
  levels: readonly number[],
): number[] {
  if (values.length === 0) return levels.map(() => NaN);
  const v = sortedView(values, counts);
  return levels.map((q) =>
    q <= 0 ? v.values[0]! : q >= 1 ? v.values[v.values.length - 1]! : interpolate(v, q),
  );
}

function sortedView(values: ArrayLike<number>, weights: ArrayLike<number>): SortedView {
  const r = values.length;
  const order = new Uint32Array(r);
  for (let i = 0; i < r; i++) order[i] = i;
  // Ties broken by position, so the view is the same whatever the sort algorithm.
  order.sort((a, b) => values[a]! - values[b]! || a - b);
  const sorted = new Float64Array(r);
  const cum = new Float64Array(r);
  let total = 0;
  for (let i = 0; i < r; i++) {
    const o = order[i]!;
    sorted[i] = values[o]!;
    total += weights[o]!;
    cum[i] = total;
  }
  return { values: sorted, cum };
}

/** Linear interpolation between order statistics at position q·(n − 1), 0 < q < 1. */
function interpolate(v: SortedView, q: number): number {
  const n = v.cum[v.cum.length - 1]!;
  const h = q * (n - 1);
  const at = Math.floor(h);
  const a = itemAt(v, at);
  const frac = h - at;
  if (frac === 0) return a;
  const b = itemAt(v, at + 1);
  const d = b - a;
  // b − a overflows only for values of opposite sign near ±1.8e308; blend them separately.
  return Number.isFinite(d) ? a + frac * d : a * (1 - frac) + b * frac;
}

/** The value at 0-based position `pos` of the sorted stream the view stands for. */
function itemAt(v: SortedView, pos: number): number {
  // First item whose cumulative weight exceeds pos.
  let lo = 0;
  let hi = v.cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v.cum[mid]! > pos) hi = mid;
    else lo = mid + 1;
  }
  return v.values[lo]!;
}

/** First index with a[i] >= x. */
function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index with a[i] > x. */
function upperBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
