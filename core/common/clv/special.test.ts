import { describe, expect, it } from 'vitest';
import { hyp2f1, logGamma } from './special.js';

describe('logGamma', () => {
  it('matches factorials and Γ(1/2) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(2)).toBeCloseTo(0, 14);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    let logFact = 0;
    for (let k = 2; k < 171; k++) logFact += Math.log(k);
    expect(logGamma(171) / logFact).toBeCloseTo(1, 14);
  });

  it('satisfies Γ(x + 1) = x Γ(x) from tiny to large x', () => {
    for (const x of [1e-8, 0.013, 0.243, 0.49, 0.51, 0.793, 1.7, 3.74, 33.3, 1234.5]) {
      // Absolute error grows with log Γ itself (≈ 7,550 at the largest x): 1e-10 is ~1e-14 relative.
      expect(logGamma(x + 1) - logGamma(x)).toBeCloseTo(Math.log(x), 10);
    }
  });

  it('is NaN for negative arguments and +∞ at 0', () => {
    expect(logGamma(-1.5)).toBeNaN();
    expect(logGamma(0)).toBe(Infinity);
  });
});

describe('hyp2f1', () => {
  it('matches closed forms', () => {
    for (const z of [0, 0.1, 0.5, 0.9, 0.99]) {
      const log = z === 0 ? 1 : -Math.log(1 - z) / z;
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(log, 10);
      expect(hyp2f1(0.7, 2.5, 2.5, z)).toBeCloseTo((1 - z) ** -0.7, 10);
    }
  });

  it('converges near z = 1, where the term ratio approaches z from below', () => {
    // 2F1(1/2, 1/2; 3/2; x²) = asin(x) / x
    for (const x of [0.5, 0.99, 0.9999]) {
      expect(hyp2f1(0.5, 0.5, 1.5, x * x)).toBeCloseTo(Math.asin(x) / x, 7);
    }
  });

  it("agrees with Euler's transformation", () => {
    const [a, b, c, z] = [3.243, 5.426, 10.219, 0.85];
    const direct = hyp2f1(a, b, c, z);
    const euler = (1 - z) ** (c - a - b) * hyp2f1(c - a, c - b, c, z);
    expect(euler / direct).toBeCloseTo(1, 12);
  });

  it('rejects z outside [0, 1) and c <= 0', () => {
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, 0, 0.5)).toThrow(RangeError);
  });
});
