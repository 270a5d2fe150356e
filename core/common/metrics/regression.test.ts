import { describe, expect, it } from 'vitest';
import { PR, WR, YR } from './reference-data.fixture.js';
import { meanAbsoluteError, meanSquaredError, pinballLoss, r2Score } from './regression.js';

// Reference values: scikit-learn 1.2.1 (numpy 1.24.2) via sklearn-reference.py, on the
// 60-row count data yr, pr, wr; "_w" calls pass sample_weight=wr.
const SK = {
  /** sklearn.metrics.mean_absolute_error(yr, pr) */
  mae: 1.1158,
  maeW: 1.1660731707317076,
  /** sklearn.metrics.mean_squared_error(yr, pr) */
  mse: 2.0110876333333336,
  mseW: 2.151834349593496,
  /** sklearn.metrics.mean_squared_error(yr, pr, squared=False) */
  rmse: 1.4181282147018068,
  rmseW: 1.4669132045194413,
  /** sklearn.metrics.r2_score(yr, pr) */
  r2: 0.4235736082802549,
  r2W: 0.47694245059447293,
  /** sklearn.metrics.mean_pinball_loss(yr, pr) (alpha=0.5) */
  pinball: 0.5579,
  pinballW: 0.5830365853658538,
  /** sklearn.metrics.mean_pinball_loss(yr, pr, alpha=0.9) */
  pinball09: 0.44289999999999996,
  pinball09W: 0.3961585365853659,
};

describe('regression metrics', () => {
  it('match scikit-learn without weights', () => {
    expect(meanAbsoluteError(YR, PR)).toBeCloseTo(SK.mae, 15);
    expect(meanSquaredError(YR, PR)).toBeCloseTo(SK.mse, 15);
    expect(Math.sqrt(meanSquaredError(YR, PR))).toBeCloseTo(SK.rmse, 15);
    expect(r2Score(YR, PR)).toBeCloseTo(SK.r2, 15);
    expect(pinballLoss(YR, PR)).toBeCloseTo(SK.pinball, 15);
    expect(pinballLoss(YR, PR, undefined, 0.9)).toBeCloseTo(SK.pinball09, 15);
  });

  it('match scikit-learn with weights', () => {
    expect(meanAbsoluteError(YR, PR, WR)).toBeCloseTo(SK.maeW, 15);
    expect(meanSquaredError(YR, PR, WR)).toBeCloseTo(SK.mseW, 15);
    expect(Math.sqrt(meanSquaredError(YR, PR, WR))).toBeCloseTo(SK.rmseW, 15);
    expect(r2Score(YR, PR, WR)).toBeCloseTo(SK.r2W, 15);
    expect(pinballLoss(YR, PR, WR)).toBeCloseTo(SK.pinballW, 15);
    expect(pinballLoss(YR, PR, WR, 0.9)).toBeCloseTo(SK.pinball09W, 15);
  });

  it('gives r2 of 1 for a perfect fit of a constant and 0 otherwise (force_finite)', () => {
    expect(r2Score([3, 3, 3], [3, 3, 3])).toBe(1);
    expect(r2Score([3, 3, 3], [3, 4, 3])).toBe(0);
  });

  it('keeps the last digits on a million rows (compensated sums)', () => {
    const n = 1_000_000;
    const y = new Float64Array(n).fill(0.1);
    const p = new Float64Array(n);
    // Plain summation of a million 0.1s drifts by ~1e-11 relative; the mean here is exact.
    expect(meanAbsoluteError(y, p)).toBe(0.1);
  });

  it('throws on NaN or infinite values', () => {
    expect(() => meanAbsoluteError([1, NaN], [1, 2])).toThrow(/yTrue\[1\] is NaN/);
    expect(() => meanSquaredError([1, 2], [1, Infinity])).toThrow(/yPred\[1\] is Infinity/);
  });
});
