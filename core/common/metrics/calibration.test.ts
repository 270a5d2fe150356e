import { describe, expect, it } from 'vitest';
import { calibrationBins, expectedCalibrationError } from './calibration.js';
import { P, W, Y } from './reference-data.fixture.js';

// Reference values: scikit-learn 1.2.1 (numpy 1.24.2) via sklearn-reference.py.
const SK = {
  /** prob_true, prob_pred = sklearn.calibration.calibration_curve(y, p, n_bins=10, strategy='uniform') */
  uniform: {
    fraction: [
      0.0, 0.0, 0.0, 0.0, 0.4444444444444444, 0.3333333333333333, 0.8571428571428571,
      0.8888888888888888, 1.0, 0.6666666666666666,
    ],
    mean: [
      0.04454545454545454, 0.15272727272727274, 0.24799999999999994, 0.345, 0.4722222222222221,
      0.5266666666666667, 0.6699999999999999, 0.7822222222222223, 0.8566666666666667,
      0.9899999999999999,
    ],
  },
  /**
   * calibration_curve(y, p, n_bins=10, strategy='quantile'). 80 rows, so no quantile edge
   * falls exactly on a data point (79·b/10 is never whole), where numpy's and our edge
   * arithmetic could round an edge to either side of it.
   */
  quantile: {
    fraction: [0.0, 0.0, 0.0, 0.0, 0.0, 0.4444444444444444, 0.5714285714285714, 0.875, 1.0, 0.875],
    mean: [
      0.03375, 0.10625000000000001, 0.18375, 0.2575, 0.345, 0.4722222222222221, 0.5971428571428571,
      0.7424999999999999, 0.815, 0.9187500000000001,
    ],
  },
  /**
   * ECE by hand in numpy, on calibration_curve's bins: ids = np.searchsorted(np.linspace(0, 1,
   * 11)[1:-1], p); per bin (np.bincount with weights sw, sw·p, sw·y) the weight W_b, mean
   * prediction and positive share; ece = Σ_b W_b / ΣW · |mean_b − share_b| over non-empty bins.
   */
  ece: 0.15962499999999996,
  /** the same with sw = w */
  eceW: 0.1675968992248062,
};

describe('calibrationBins', () => {
  for (const strategy of ['uniform', 'quantile'] as const) {
    it(`matches scikit-learn's calibration_curve, strategy '${strategy}'`, () => {
      const bins = calibrationBins(Y, P, { strategy });
      expect(bins.map((b) => b.fractionPositive)).toEqual(
        SK[strategy].fraction.map((v) => expect.closeTo(v, 14)),
      );
      expect(bins.map((b) => b.meanPredicted)).toEqual(
        SK[strategy].mean.map((v) => expect.closeTo(v, 14)),
      );
      expect(bins.reduce((s, b) => s + b.count, 0)).toBe(80);
    });
  }

  it('puts a prediction on an edge in the bin below (right-closed bins), 0 in the first', () => {
    const bins = calibrationBins([0, 1, 1, 0], [0, 0.1, 0.3, 1], { bins: 10 });
    expect(bins.map((b) => [b.lower, b.upper, b.count])).toEqual([
      [0, 0.1, 2],
      [0.2, 0.3, 1],
      [0.9, 1, 1],
    ]);
  });

  it('reports weights and weighted means, and leaves empty bins out', () => {
    const bins = calibrationBins([1, 0, 1], [0.05, 0.07, 0.95], { bins: 2, weights: [1, 3, 2] });
    expect(bins).toEqual([
      { lower: 0, upper: 0.5, meanPredicted: 0.065, fractionPositive: 0.25, count: 2, weight: 4 },
      { lower: 0.5, upper: 1, meanPredicted: 0.95, fractionPositive: 1, count: 1, weight: 2 },
    ]);
  });

  it('throws on a bad bin count or a probability outside [0, 1]', () => {
    expect(() => calibrationBins([0, 1], [0.2, 0.7], { bins: 0 })).toThrow(/bins/);
    expect(() => calibrationBins([0, 1], [0.2, 1.7])).toThrow(/\[0, 1\]/);
  });
});

describe('expectedCalibrationError', () => {
  it('matches the numpy formula, with and without weights', () => {
    expect(expectedCalibrationError(Y, P)).toBeCloseTo(SK.ece, 15);
    expect(expectedCalibrationError(Y, P, W)).toBeCloseTo(SK.eceW, 15);
  });

  it('is 0 for a calibrated prediction and |p − rate| for a constant one', () => {
    expect(expectedCalibrationError([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBe(0);
    expect(expectedCalibrationError([0, 0, 0, 1], [0.75, 0.75, 0.75, 0.75])).toBe(0.5);
  });
});
