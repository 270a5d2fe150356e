import { describe, expect, it } from 'vitest';
import { tweedieDeviance } from './deviance.js';
import { PR, WR, YR } from './reference-data.fixture.js';

// Reference values: scikit-learn 1.2.1 (numpy 1.24.2) via sklearn-reference.py, on yr, pr, wr
// (yr has one 0); gamma and power 3 need y > 0, so they use the rows with yr > 0.
const SK = {
  /** sklearn.metrics.mean_poisson_deviance(yr, pr) */
  poisson: 0.8862934154202907,
  /** … sample_weight=wr */
  poissonW: 0.9846078901183123,
  /** sklearn.metrics.mean_tweedie_deviance(yr, pr, power=1.5) */
  tweedie15: 0.9554011122600767,
  tweedie15W: 1.1132010692158392,
  /** sklearn.metrics.mean_gamma_deviance(yr[yr > 0], pr[yr > 0]) */
  gamma: 1.2788600631000866,
  gammaW: 1.5260572496705058,
  /** sklearn.metrics.mean_tweedie_deviance(yr[yr > 0], pr[yr > 0], power=3) */
  tweedie3: 3.489218972202658,
  tweedie3W: 4.296557839265295,
};

const keep = (_: number, i: number) => YR[i]! > 0;
const [yPos, pPos, wPos] = [YR.filter(keep), PR.filter(keep), WR.filter(keep)];

describe('tweedieDeviance', () => {
  it('matches scikit-learn for Poisson, gamma, p = 1.5 and p = 3, with and without weights', () => {
    expect(tweedieDeviance(YR, PR, 1)).toBeCloseTo(SK.poisson, 14);
    expect(tweedieDeviance(YR, PR, 1, WR)).toBeCloseTo(SK.poissonW, 14);
    expect(tweedieDeviance(YR, PR, 1.5)).toBeCloseTo(SK.tweedie15, 14);
    expect(tweedieDeviance(YR, PR, 1.5, WR)).toBeCloseTo(SK.tweedie15W, 14);
    expect(tweedieDeviance(yPos, pPos, 2)).toBeCloseTo(SK.gamma, 14);
    expect(tweedieDeviance(yPos, pPos, 2, wPos)).toBeCloseTo(SK.gammaW, 14);
    expect(tweedieDeviance(yPos, pPos, 3)).toBeCloseTo(SK.tweedie3, 14);
    expect(tweedieDeviance(yPos, pPos, 3, wPos)).toBeCloseTo(SK.tweedie3W, 14);
  });

  it('stays accurate next to the Poisson and gamma powers (no 1 / (1 − p) cancellation)', () => {
    // The deviance moves by O(1e-9) between p and p ± 1e-9; the textbook formula is off by ~5e-7.
    expect(tweedieDeviance(YR, PR, 1 + 1e-9)).toBeCloseTo(tweedieDeviance(YR, PR, 1), 8);
    expect(tweedieDeviance(yPos, pPos, 2 - 1e-9)).toBeCloseTo(tweedieDeviance(yPos, pPos, 2), 8);
    expect(tweedieDeviance(yPos, pPos, 2 + 1e-9)).toBeCloseTo(tweedieDeviance(yPos, pPos, 2), 8);
  });

  it('checks the domain of each power', () => {
    expect(() => tweedieDeviance([1, 2], [1, 0], 1)).toThrow(/predictions must be > 0/);
    expect(() => tweedieDeviance([-1, 2], [1, 1], 1.5)).toThrow(/must be ≥ 0/);
    expect(() => tweedieDeviance([0, 2], [1, 1], 2)).toThrow(/must be > 0/);
    expect(() => tweedieDeviance([1, 2], [1, 1], 0.5)).toThrow(/power must be/);
  });
});
