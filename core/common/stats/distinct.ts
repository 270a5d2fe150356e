// Distinct values: an exact value→count map up to a bound, then a HyperLogLog estimate.
import { HyperLogLog } from './hll.js';

/** Distinct values kept exactly (with counts) before switching to HyperLogLog. */
export const DEFAULT_EXACT_BOUND = 10_000;
/** HyperLogLog precision: 16,384 registers, 16 KiB, standard error 0.8 %. */
export const HLL_PRECISION = 14;

/** The exact values seen so far and how often, in first-seen order. */
export interface ExactCounts<K> {
  readonly values: readonly K[];
  readonly counts: readonly number[];
}

/**
 * Counts distinct values. While there are at most `bound` of them it keeps every value and
 * its count (so top values and small histograms can be exact); past the bound it frees the
 * map and hashes into a HyperLogLog, so memory stays bounded on any column.
 */
export class DistinctCounter<K extends string | number> {
  readonly bound: number;
  private readonly hash: (k: K) => number;
  // The map holds an index into values/counts: a hit costs one lookup and an array increment.
  private index: Map<K, number> | null = new Map();
  private values: K[] = [];
  private counts: number[] = [];
  private hll: HyperLogLog | null = null;
  /** Distinct values known for certain (the bound + 1 once overflowed). */
  private atLeast = 0;
  private readonly onOverflow: ((exact: ExactCounts<K>) => void) | undefined;

  /**
   * @param hash 53-bit hash used once the map overflows (hashString or hashNumber)
   * @param onOverflow called once, with the exact counts, just before they are dropped
   */
  constructor(
    hash: (k: K) => number,
    options: { bound?: number; onOverflow?: (exact: ExactCounts<K>) => void } = {},
  ) {
    this.hash = hash;
    this.bound = options.bound ?? DEFAULT_EXACT_BOUND;
    this.onOverflow = options.onOverflow;
  }

  add(k: K): void {
    const index = this.index;
    if (index !== null) {
      const i = index.get(k);
      if (i !== undefined) {
        this.counts[i]!++;
        return;
      }
      if (this.values.length < this.bound) {
        index.set(k, this.values.length);
        this.values.push(k);
        this.counts.push(1);
        return;
      }
      this.overflow(true, 1);
    }
    this.hll!.addHash(this.hash(k));
  }

  /** True while the count is exact (the value map is still kept). */
  get exact(): boolean {
    return this.index !== null;
  }

  /** The number of distinct values: exact, or the HyperLogLog estimate rounded. */
  count(): number {
    if (this.hll === null) return this.values.length;
    return Math.max(this.atLeast, Math.round(this.hll.estimate()));
  }

  /** Every distinct value with its count while exact, else undefined. */
  exactCounts(): ExactCounts<K> | undefined {
    return this.index === null ? undefined : { values: this.values, counts: this.counts };
  }

  /** Afterwards this counter counts the union of both streams (the other is unchanged). */
  merge(other: DistinctCounter<K>): void {
    const theirs = other.exactCounts();
    if (theirs !== undefined) {
      for (let j = 0; j < theirs.values.length; j++)
        this.addCount(theirs.values[j]!, theirs.counts[j]!);
      return;
    }
    if (this.index !== null) this.overflow(false, 0);
    this.hll!.merge(other.hll!);
    this.atLeast = Math.max(this.atLeast, other.atLeast);
  }

  private addCount(k: K, c: number): void {
    const index = this.index;
    if (index !== null) {
      const i = index.get(k);
      if (i !== undefined) {
        this.counts[i]! += c;
        return;
      }
      if (this.values.length < this.bound) {
        index.set(k, this.values.length);
        this.values.push(k);
        this.counts.push(c);
        return;
      }
      this.overflow(false, 1);
    }
    this.hll!.addHash(this.hash(k));
  }

  /** Switches to the HyperLogLog; `pending` new values are known to be on their way. */
  private overflow(notify: boolean, pending: number): void {
    const hll = new HyperLogLog(HLL_PRECISION);
    for (const v of this.values) hll.addHash(this.hash(v));
    if (notify) this.onOverflow?.({ values: this.values, counts: this.counts });
    this.atLeast = this.values.length + pending;
    this.hll = hll;
    this.index = null;
    this.values = [];
    this.counts = [];
  }
}
