import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import { exactTop, SpaceSaving } from './topk.js';

/** n draws from a Zipf(s) law over `m` values named v0 … v(m−1), by inverse cdf. */
function zipf(n: number, m: number, s: number, seed: number): string[] {
  const cdf: number[] = [];
  let total = 0;
  for (let r = 1; r <= m; r++) cdf.push((total += 1 / r ** s));
  const rng = new Rng(seed);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const u = rng.next() * total;
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    out.push(`v${lo}`);
  }
  return out;
}

function exactCounts(xs: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

describe('exactTop', () => {
  it('orders by count, then value', () => {
    expect(exactTop(['b', 'a', 'c', 'd'], [2, 2, 5, 1], 3)).toEqual([
      { value: 'c', count: 5 },
      { value: 'a', count: 2 },
      { value: 'b', count: 2 },
    ]);
  });
});

describe('SpaceSaving', () => {
  const stream = zipf(200_000, 50_000, 1.1, 11);
  const truth = exactCounts(stream);
  const trueTop = [...truth].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));

  it('finds the Zipf top 20 with counts within n / k of the truth', () => {
    const s = new SpaceSaving(100);
    for (const x of stream) s.add(x);
    expect(s.total).toBe(200_000);
    const top = s.top(20);
    // The head is well separated and comes out in order; further down, counts within the
    // n / k slack of each other may swap, but nothing truly frequent is missed.
    expect(top.slice(0, 10).map((t) => t.value)).toEqual(trueTop.slice(0, 10).map(([v]) => v));
    const kept = new Set(s.top(100).map((t) => t.value));
    for (const [v, c] of trueTop) if (c > 200_000 / 100) expect(kept.has(v), v).toBe(true);
    const twentieth = trueTop[19]![1];
    for (const t of top) {
      expect(truth.get(t.value)!).toBeGreaterThanOrEqual(twentieth - 200_000 / 100);
      const c = truth.get(t.value)!;
      // count is an upper bound, count − error a lower bound, and the slack is ≤ n / k.
      expect(t.count).toBeGreaterThanOrEqual(c);
      expect(t.count - t.error).toBeLessThanOrEqual(c);
      expect(t.count - c).toBeLessThanOrEqual(200_000 / 100);
    }
  });

  it('is exact while there are no more values than counters', () => {
    const s = new SpaceSaving(10);
    for (const x of ['a', 'b', 'a', 'c', 'a', 'b']) s.add(x);
    expect(s.top(2)).toEqual([
      { value: 'a', count: 3, error: 0 },
      { value: 'b', count: 2, error: 0 },
    ]);
  });

  it('seeded from exact counts, it keeps every count an upper bound', () => {
    const head = stream.slice(0, 50_000);
    const m = exactCounts(head);
    const s = SpaceSaving.fromCounts([...m.keys()], [...m.values()], 100);
    for (const x of stream.slice(50_000)) s.add(x);
    expect(s.total).toBe(200_000);
    for (const t of s.top(20)) expect(t.count).toBeGreaterThanOrEqual(truth.get(t.value)!);
    expect(s.top(5).map((t) => t.value)).toEqual(trueTop.slice(0, 5).map(([v]) => v));
  });

  it('merges to a summary of the union', () => {
    const parts = [0, 1, 2, 3].map((p) => {
      const s = new SpaceSaving(100);
      for (const x of stream.slice(p * 50_000, (p + 1) * 50_000)) s.add(x);
      return s;
    });
    const merged = parts[0]!;
    for (const p of parts.slice(1)) merged.merge(p);
    expect(merged.total).toBe(200_000);
    const top = merged.top(10);
    expect(top.map((t) => t.value)).toEqual(trueTop.slice(0, 10).map(([v]) => v));
    for (const t of top) {
      expect(t.count).toBeGreaterThanOrEqual(truth.get(t.value)!);
      expect(t.count - truth.get(t.value)!).toBeLessThanOrEqual(4 * (50_000 / 100));
    }
  });
});
