import { describe, expect, it } from 'vitest';
import { brierScore, logLoss } from './probability.js';
import { P, W, Y } from './reference-data.fixture.js';

// Reference values: scikit-learn 1.2.1 (numpy 1.24.2) via sklearn-reference.py. The data
// hold a certain miss (p = 1.0 on a negative), so the clip decides the logloss.
const SK = {
  /** sklearn.metrics.log_loss(y, p, eps=1e-15) */
  logloss: 0.7464294099245258,
  /** sklearn.metrics.log_loss(y, p, eps=1e-15, sample_weight=w) */
  loglossW: 1.1354609945052296,
  /** sklearn.metrics.brier_score_loss(y, p) */
  brier: 0.10110625,
  /** sklearn.metrics.brier_score_loss(y, p, sample_weight=w) */
  brierW: 0.11982248062015506,
};

describe('logLoss', () => {
  it('matches scikit-learn with the same clip, with and without weights', () => {
    expect(logLoss(Y, P)).toBeCloseTo(SK.logloss, 13);
    expect(logLoss(Y, P, W)).toBeCloseTo(SK.loglossW, 13);
  });

  it('clips a certain miss to −log(eps) and a certain hit to about 0', () => {
    expect(logLoss([1], [0])).toBeCloseTo(-Math.log(1e-15), 12);
    expect(logLoss([0], [1], undefined, 1e-7)).toBeCloseTo(-Math.log(1e-7), 6);
    expect(logLoss([1, 0], [1, 0])).toBeLessThan(1e-14);
  });

  it('rejects probabilities outside [0, 1]', () => {
    expect(() => logLoss([1, 0], [1.2, 0])).toThrow(/probabilities must lie in \[0, 1\]/);
  });
});

describe('brierScore', () => {
  it('matches scikit-learn, with and without weights', () => {
    expect(brierScore(Y, P)).toBeCloseTo(SK.brier, 15);
    expect(brierScore(Y, P, W)).toBeCloseTo(SK.brierW, 15);
  });
});
