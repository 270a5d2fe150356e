import { describe, expect, it } from 'vitest';
import { applyIsotonic, fitIsotonic } from './isotonic.js';
import { applyPlatt, fitPlatt } from './platt.js';

// Data and reference values from scikit-learn 1.2.1 (Debian python3-sklearn):
//   rng = np.random.RandomState(7); s = np.round(rng.normal(size=40), 2)
//   y = (s + rng.normal(scale=0.8, size=40) > 0.2).astype(float)
const s = [
  1.69, -0.47, 0.03, 0.41, -0.79, 0.0, -0.0, -1.75, 1.02, 0.6, -0.63, -0.17, 0.51, -0.26, -0.24,
  -1.45, 0.55, 0.12, 0.27, -1.53, 1.65, 0.15, -0.39, 2.03, -0.05, -1.45, -0.41, -2.29, 1.05, -0.42,
  -0.74, 1.07, -1.65, 0.54, -2.06, -0.66, -1.2, 1.46, 1.77, -0.33,
];
const y = [
  1, 0, 1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 1, 0,
  1, 0, 0, 0, 1, 1, 0,
];
const q = [-3, -1.0, -0.25, 0, 0.1, 0.5, 1.3, 3];

describe('Platt scaling', () => {
  it("matches scikit-learn's _sigmoid_calibration", () => {
    // sklearn.calibration._sigmoid_calibration(s, y) -> (-1.6397178957732905, 0.6068264831353728)
    const c = fitPlatt(s, y);
    expect(c.a).toBeCloseTo(-1.6397178957732905, 6);
    expect(c.b).toBeCloseTo(0.6068264831353728, 6);
    expect(applyPlatt(c, 0)).toBeCloseTo(1 / (1 + Math.exp(0.6068264831353728)), 6);
  });

  it('refuses one-class data', () => {
    expect(() => fitPlatt([1, 2], [0, 0])).toThrow(/both classes/);
  });
});

describe('isotonic calibration', () => {
  it("matches scikit-learn's IsotonicRegression(out_of_bounds='clip')", () => {
    // IsotonicRegression(out_of_bounds="clip").fit(s, y).predict(q)
    const expected = [
      0.0, 0.0, 0.16666666666666666, 0.42857142857142855, 0.42857142857142855, 0.4928571428571429,
      1.0, 1.0,
    ];
    const c = fitIsotonic(s, y);
    q.forEach((x, i) => expect(applyIsotonic(c, x)).toBeCloseTo(expected[i]!, 12));
  });

  it('matches it with sample weights', () => {
    // ... .fit(s, y, sample_weight=np.arange(1, 41) / 10.0).predict(q)
    const expected = [
      0.0, 0.0, 0.15789473684210525, 0.35443037974683544, 0.35443037974683544, 0.6070646595963051,
      1.0, 1.0,
    ];
    const w = s.map((_, i) => (i + 1) / 10);
    const c = fitIsotonic(s, y, w);
    q.forEach((x, i) => expect(applyIsotonic(c, x)).toBeCloseTo(expected[i]!, 12));
  });

  it('is non-decreasing', () => {
    const c = fitIsotonic(s, y);
    for (let i = 1; i < c.y.length; i++) expect(c.y[i]!).toBeGreaterThanOrEqual(c.y[i - 1]!);
  });
});
