import { describe, expect, it } from 'vitest';
import { multiError, multiLogLoss } from './multiclass.js';
import { PK, WK, YK } from './reference-data.fixture.js';

// Reference values: scikit-learn 1.2.1 (numpy 1.24.2) via sklearn-reference.py, on the
// 40 × 3 matrix pk (rows sum to 1; row 0 ties classes 0 and 1 at 0.4):
const SK = {
  /** sklearn.metrics.log_loss(yk, pk, eps=1e-15, labels=[0, 1, 2]) */
  logloss: 1.2150952039691714,
  /** sklearn.metrics.log_loss(yk, pk, eps=1e-15, labels=[0, 1, 2], sample_weight=wk) */
  loglossW: 1.2134898921829917,
  /** 1 - sklearn.metrics.accuracy_score(yk, pk.argmax(axis=1)) (argmax: first of a tie) */
  error: 0.625,
  /** 1 - sklearn.metrics.accuracy_score(yk, pk.argmax(axis=1), sample_weight=wk) */
  errorW: 0.6363636363636364,
};

describe('multiclass metrics', () => {
  it('match scikit-learn, with and without weights', () => {
    expect(multiLogLoss(YK, PK)).toBeCloseTo(SK.logloss, 13);
    expect(multiLogLoss(YK, PK, WK)).toBeCloseTo(SK.loglossW, 13);
    expect(multiError(YK, PK)).toBeCloseTo(SK.error, 15);
    expect(multiError(YK, PK, WK)).toBeCloseTo(SK.errorW, 15);
  });

  it('reads yPred as a row-major n × K matrix and breaks argmax ties towards the first class', () => {
    const probs = [0.7, 0.2, 0.1, 0.1, 0.1, 0.8, 0.4, 0.4, 0.2];
    expect(multiError([0, 2, 0], probs)).toBe(0);
    expect(multiError([0, 2, 1], probs)).toBeCloseTo(1 / 3, 15);
    expect(multiLogLoss([0, 2, 1], probs)).toBeCloseTo(
      -(Math.log(0.7) + Math.log(0.8) + Math.log(0.4)) / 3,
      15,
    );
  });

  it('throws on a shape that is not n × K or a label outside 0 … K−1', () => {
    expect(() => multiError([0, 1], [0.5, 0.5, 1])).toThrow(/n × K/);
    expect(() => multiError([0, 1], [0.5, 0.5])).toThrow(/K ≥ 2/);
    expect(() => multiError([0, 3], [0.5, 0.5, 0.5, 0.5, 0.2, 0.8])).toThrow(/0 … 2/);
    expect(() => multiError([0, 0.5], [0.5, 0.5, 0.5, 0.5])).toThrow(/class indices/);
  });
});
