import { describe, expect, it } from 'vitest';
import { Moments } from './moments.js';

function of(xs: readonly number[]): Moments {
  const m = new Moments();
  for (const x of xs) m.add(x);
  return m;
}

// x_i = 1e9 + ((7919·i) mod 1000) / 1000 for i < 10,000: a spread of 0.3 on a mean of 1e9.
const cancel = Array.from({ length: 10_000 }, (_, i) => 1e9 + ((i * 7919) % 1000) / 1000);

describe('Moments', () => {
  it('matches numpy on a small sample', () => {
    // numpy 2.4: np.mean([2,4,4,4,5,5,7,9]) = 5.0, np.std(..., ddof=1) = 2.138089935299395
    const m = of([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(m.n).toBe(8);
    expect(m.sum).toBe(40);
    expect(m.mean).toBe(5);
    expect(m.std).toBeCloseTo(2.138089935299395, 14);
    expect(m.min).toBe(2);
    expect(m.max).toBe(9);
  });

  it('survives catastrophic cancellation (1e9 + small noise)', () => {
    // Exact values, by Python's fractions.Fraction over the same doubles:
    // mean 1000000000.4995, sample std 0.28868942509264967, sum 10000000004995.0.
    // (The naive Σx² − n·mean² formula gives a variance of 209.7 instead of 0.0833.)
    const m = of(cancel);
    expect(m.mean).toBeCloseTo(1000000000.4995, 6);
    expect(Math.abs(m.std! / 0.28868942509264967 - 1)).toBeLessThan(1e-6);
    expect(m.sum).toBe(10000000004995);
  });

  it('has no std below two values and an empty min/max of ±Infinity', () => {
    expect(of([]).std).toBeUndefined();
    expect(of([3]).std).toBeUndefined();
    expect(of([3]).mean).toBe(3);
    expect(of([]).min).toBe(Infinity);
  });

  it('merges to the moments of the concatenated stream', () => {
    const a = of(cancel.slice(0, 3000));
    const b = of(cancel.slice(3000));
    a.merge(b);
    const whole = of(cancel);
    expect(a.n).toBe(10_000);
    expect(a.mean).toBeCloseTo(whole.mean, 6);
    expect(Math.abs(a.std! / whole.std! - 1)).toBeLessThan(1e-6);
    expect(a.sum).toBe(whole.sum);
    expect(a.min).toBe(whole.min);
    expect(a.max).toBe(whole.max);
    const empty = new Moments();
    empty.merge(of([1, 2, 3]));
    expect(empty.mean).toBe(2);
    expect(empty.std).toBe(1);
  });

  it('keeps an integer sum exact past 2^53 / n drift', () => {
    // 1e6 copies of 0.1 sum to 100000.00000133288 naively; compensated, to 100000 (rounded).
    const m = new Moments();
    for (let i = 0; i < 1_000_000; i++) m.add(0.1);
    expect(m.sum).toBe(100000);
  });
});
