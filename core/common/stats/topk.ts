// Most frequent values: exact from a value→count map, or approximate with SpaceSaving.

export interface TopValue {
  value: string;
  count: number;
}

/** Counters SpaceSaving keeps; with k = 100 a count is at most n / 100 too high. */
export const DEFAULT_TOPK_CAPACITY = 100;
/** How many top values a profile reports. */
export const TOP_REPORTED = 20;

/** Orders by count descending, then value ascending, so ties never depend on arrival order. */
function byCountThenValue<K extends string | number>(
  a: { value: K; count: number },
  b: { value: K; count: number },
): number {
  return b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
}

/** The `limit` most frequent of exactly counted values. */
export function exactTop<K extends string | number>(
  values: readonly K[],
  counts: readonly number[],
  limit: number,
): { value: K; count: number }[] {
  const all = values.map((value, i) => ({ value, count: counts[i]! }));
  all.sort(byCountThenValue);
  return all.slice(0, limit);
}

/** One SpaceSaving counter; `pos` is its slot in the heap, so moving it needs no map update. */
interface Counter {
  key: string;
  count: number;
  error: number;
  pos: number;
}

/**
 * SpaceSaving (Metwally, Agrawal & El Abbadi 2005): k counters; an unseen value takes over
 * the smallest counter and inherits its count as error. Every value with true frequency
 * above n / k is kept, and each count overestimates by at most the smallest counter. The
 * counters sit in a min-heap with a map from value to counter, so a miss costs O(log k)
 * field writes and two map operations, not a scan of all k counters.
 */
export class SpaceSaving {
  readonly capacity: number;
  private heap: Counter[] = [];
  private byKey = new Map<string, Counter>();
  private n = 0;

  constructor(capacity = DEFAULT_TOPK_CAPACITY) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) {
      throw new RangeError(`SpaceSaving capacity must be a positive integer, got ${capacity}`);
    }
    this.capacity = capacity;
  }

  /** Builds a summary from exact counts: the top `capacity` of them, exact, no error. */
  static fromCounts(
    values: readonly string[],
    counts: readonly number[],
    capacity?: number,
  ): SpaceSaving {
    const s = new SpaceSaving(capacity);
    for (const t of exactTop(values, counts, s.capacity)) s.push(t.value, t.count, 0);
    for (const c of counts) s.n += c;
    return s;
  }

  /** Number of values counted. */
  get total(): number {
    return this.n;
  }

  add(key: string, weight = 1): void {
    this.n += weight;
    const c = this.byKey.get(key);
    if (c !== undefined) {
      c.count += weight;
      this.siftDown(c.pos);
    } else if (this.heap.length < this.capacity) {
      this.push(key, weight, 0);
    } else {
      // Take over the minimum (the root): the newcomer may have been counted in it all along.
      const root = this.heap[0]!;
      this.byKey.delete(root.key);
      root.key = key;
      root.error = root.count;
      root.count += weight;
      this.byKey.set(key, root);
      this.siftDown(0);
    }
  }

  /** The `limit` largest counters; `count` is an upper bound, `count − error` a lower one. */
  top(limit = TOP_REPORTED): { value: string; count: number; error: number }[] {
    const all = this.heap.map((c) => ({ value: c.key, count: c.count, error: c.error }));
    all.sort(byCountThenValue);
    return all.slice(0, limit);
  }

  /**
   * Combines with another summary (Agarwal et al., Mergeable summaries, 2012): a value
   * missing from a full summary may have had up to that summary's smallest count, so it is
   * charged that much; then the `capacity` largest are kept.
   */
  merge(other: SpaceSaving): void {
    const floorA = this.heap.length === this.capacity ? this.heap[0]!.count : 0;
    const floorB = other.heap.length === other.capacity ? other.heap[0]!.count : 0;
    const merged = new Map<string, { count: number; error: number }>();
    for (const a of this.heap) {
      const b = other.byKey.get(a.key);
      merged.set(a.key, {
        count: a.count + (b === undefined ? floorB : b.count),
        error: a.error + (b === undefined ? floorB : b.error),
      });
    }
    for (const b of other.heap) {
      if (!merged.has(b.key)) {
        merged.set(b.key, { count: b.count + floorA, error: b.error + floorA });
      }
    }
    const entries = [...merged].map(([value, c]) => ({ value, ...c }));
    entries.sort(byCountThenValue);
    const n = this.n + other.n;
    this.heap = [];
    this.byKey = new Map();
    for (const e of entries.slice(0, this.capacity)) this.push(e.value, e.count, e.error);
    this.n = n;
  }

  private push(key: string, count: number, error: number): void {
    const c: Counter = { key, count, error, pos: this.heap.length };
    this.heap.push(c);
    this.byKey.set(key, c);
    this.siftUp(c.pos);
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    const c = heap[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (p.count <= c.count) break;
      heap[i] = p;
      p.pos = i;
      i = parent;
    }
    heap[i] = c;
    c.pos = i;
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    const n = heap.length;
    const c = heap[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const j = r < n && heap[r]!.count < heap[l]!.count ? r : l;
      const child = heap[j]!;
      if (child.count >= c.count) break;
      heap[i] = child;
      child.pos = i;
      i = j;
    }
    heap[i] = c;
    c.pos = i;
  }
}
