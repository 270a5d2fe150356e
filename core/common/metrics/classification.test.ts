import { describe, expect, it } from 'vitest';
import {
  accuracyOf,
  confusionMatrix,
  f1Of,
  fprOf,
  mccOf,
  precisionOf,
  recallOf,
  specificityOf,
  type ConfusionMatrix,
} from './classification.js';
import { P, W, Y } from './reference-data.fixture.js';

// Reference values: scikit-learn 1.2.1 (numpy 1.24.2) via sklearn-reference.py, with
// yh = (p >= threshold).astype(int) and sw = None or w:
//   confusion:   tn, fp, fn, tp = sklearn.metrics.confusion_matrix(y, yh, sample_weight=sw).ravel()
//   accuracy:    sklearn.metrics.accuracy_score(y, yh, sample_weight=sw)
//   precision:   sklearn.metrics.precision_score(y, yh, sample_weight=sw)
//   recall:      sklearn.metrics.recall_score(y, yh, sample_weight=sw)
//   f1:          sklearn.metrics.f1_score(y, yh, sample_weight=sw)
//   mcc:         sklearn.metrics.matthews_corrcoef(y, yh, sample_weight=sw)
//   specificity: sklearn.metrics.recall_score(y, yh, pos_label=0, sample_weight=sw)
//   fpr:         fp / (fp + tn) from that confusion matrix
// Two rows sit exactly on 0.5, so the ≥ rule is exercised.
const CASES = [
  {
    threshold: 0.5,
    weighted: false,
    confusion: { tp: 28, fp: 6, tn: 44, fn: 2 },
    accuracy: 0.9,
    precision: 0.8235294117647058,
    recall: 0.9333333333333333,
    f1: 0.8749999999999999,
    mcc: 0.7965184258559546,
    specificity: 0.88,
    fpr: 0.12,
  },
  {
    threshold: 0.3,
    weighted: false,
    confusion: { tp: 30, fp: 18, tn: 32, fn: 0 },
    accuracy: 0.775,
    precision: 0.625,
    recall: 1.0,
    f1: 0.7692307692307693,
    mcc: 0.6324555320336759,
    specificity: 0.64,
    fpr: 0.36,
  },
  {
    threshold: 0.5,
    weighted: true,
    confusion: { tp: 44.5, fp: 12.5, tn: 67.5, fn: 4.5 },
    accuracy: 0.8682170542635659,
    precision: 0.7807017543859649,
    recall: 0.9081632653061225,
    f1: 0.8396226415094339,
    mcc: 0.7348642230296265,
    specificity: 0.84375,
    fpr: 0.15625,
  },
  {
    threshold: 0.3,
    weighted: true,
    confusion: { tp: 49.0, fp: 35.5, tn: 44.5, fn: 0.0 },
    accuracy: 0.7248062015503876,
    precision: 0.5798816568047337,
    recall: 1.0,
    f1: 0.7340823970037453,
    mcc: 0.5679429298773189,
    specificity: 0.55625,
    fpr: 0.44375,
  },
];

describe('confusionMatrix and the threshold metrics', () => {
  for (const c of CASES) {
    it(`match scikit-learn at ${c.threshold}${c.weighted ? ', weighted' : ''}`, () => {
      const m = confusionMatrix(Y, P, {
        threshold: c.threshold,
        weights: c.weighted ? W : undefined,
      });
      expect(m).toEqual(c.confusion);
      expect(accuracyOf(m)).toBeCloseTo(c.accuracy, 15);
      expect(precisionOf(m)).toBeCloseTo(c.precision, 15);
      expect(recallOf(m)).toBeCloseTo(c.recall, 15);
      expect(f1Of(m)).toBeCloseTo(c.f1, 15);
      expect(mccOf(m)).toBeCloseTo(c.mcc, 15);
      expect(specificityOf(m)).toBeCloseTo(c.specificity, 15);
      expect(fprOf(m)).toBeCloseTo(c.fpr, 15);
    });
  }

  it('uses 0.5 by default and flags scores ≥ the threshold', () => {
    expect(confusionMatrix([1, 0, 1], [0.5, 0.49, 0.51])).toEqual({ tp: 2, fp: 0, tn: 1, fn: 0 });
  });

  it('gives 0 where a ratio is undefined (scikit-learn zero_division=0)', () => {
    const none: ConfusionMatrix = { tp: 0, fp: 0, tn: 5, fn: 3 };
    expect(precisionOf(none)).toBe(0);
    expect(f1Of(none)).toBe(0);
    expect(mccOf(none)).toBe(0);
    const noNegatives: ConfusionMatrix = { tp: 2, fp: 0, tn: 0, fn: 1 };
    expect(fprOf(noNegatives)).toBe(0);
    expect(specificityOf(noNegatives)).toBe(0);
    expect(recallOf({ tp: 0, fp: 1, tn: 1, fn: 0 })).toBe(0);
  });

  it('throws on labels other than 0 and 1', () => {
    expect(() => confusionMatrix([0, -1], [0.2, 0.7])).toThrow(/binary labels/);
    expect(() => confusionMatrix([0, 1], [0.2, 0.7], { threshold: NaN })).toThrow(/NaN/);
  });
});
