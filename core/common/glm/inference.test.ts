import { describe, expect, it } from 'vitest';
import { erfc, twoSidedP } from './inference.js';

// scipy.special.erfc (scipy 1.10.1) at ERFC_X, printed by sklearn-reference.py.
const ERFC_X = [0, 0.1, 0.5, 1, 1.5, 1.99, 2, 2.01, 2.5, 3, 4, 6, 10, 20, 26.5];
const ERFC = [
  1.0, 0.8875370839817152, 0.4795001221869535, 0.15729920705028516, 0.03389485352468927,
  0.004888586800383002, 0.004677734981047266, 0.004475150644751764, 0.00040695201744495886,
  2.2090496998585445e-5, 1.541725790028002e-8, 2.1519736712498913e-17, 2.0884875837625446e-45,
  5.395865611607901e-176, 2.2109076642637343e-307,
];

describe('normal tail', () => {
  it('erfc matches scipy to 1e-12 relative', () => {
    ERFC_X.forEach((x, i) => {
      const e = ERFC[i]!;
      expect(Math.abs(erfc(x) - e)).toBeLessThanOrEqual(1e-12 * e);
      expect(Math.abs(erfc(-x) - (2 - e))).toBeLessThanOrEqual(1e-15 * 2);
    });
  });

  it('gives the familiar two-sided p-values', () => {
    expect(twoSidedP(1.959963984540054)).toBeCloseTo(0.05, 14);
    expect(twoSidedP(0)).toBe(1);
    expect(twoSidedP(-2.5758293035489)).toBeCloseTo(0.01, 13);
  });
});
