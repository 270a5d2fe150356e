import { describe, expect, it } from 'vitest';
import { confusionMatrix, f1Of } from './classification.js';
import { P, W, Y } from './reference-data.fixture.js';
import { thresholdForCosts, thresholdForMaxF1, thresholdForRecall } from './thresholds.js';

// Reference values via sklearn-reference.py (scikit-learn 1.2.1, numpy 1.24.2); sw = None or w.
const REF = {
  /**
   * prec, rec, thr = sklearn.metrics.precision_recall_curve(y, p, sample_weight=sw);
   * f1 = 2·prec·rec / (prec + rec) over all but the last point; at its argmax (unique here):
   * [thr, f1, prec, rec].
   */
  maxF1: [0.47, 0.8823529411764706, 0.7894736842105263, 1.0],
  maxF1W: [0.47, 0.8521739130434782, 0.7424242424242424, 1.0],
  /**
   * fpr, tpr, thr = sklearn.metrics.roc_curve(y, p, sample_weight=sw, drop_intermediate=False);
   * i = np.argmax(tpr >= target): [thr[i], tpr[i], fpr[i]] for targets 0.5, 0.8, 0.95.
   */
  recall: {
    0.5: [0.79, 0.5, 0.02],
    0.8: [0.63, 0.8, 0.06],
    0.95: [0.48, 0.9666666666666667, 0.14],
  },
  recallW: {
    0.5: [0.79, 0.5102040816326531, 0.0375],
    0.8: [0.68, 0.8061224489795918, 0.05625],
    0.95: [0.47, 1.0, 0.2125],
  },
  /**
   * Brute force in numpy over c in np.r_[np.inf, np.unique(p)[::-1]]:
   * cost(c) = cFp·Σ sw[(p >= c) & (y == 0)] + cFn·Σ sw[(p < c) & (y == 1)];
   * [c, cost] at np.argmin (the first, i.e. highest, threshold on a tie).
   */
  costs: { fp1fn5: [0.47, 8.0], fp1fn01: [0.79, 2.5] },
  costsW: { fp1fn5: [0.47, 17.0], fp1fn01: [Infinity, 4.9] },
};

describe('thresholdForMaxF1', () => {
  it('matches the F1 maximum along scikit-learn’s PR curve, with and without weights', () => {
    for (const [weights, ref] of [
      [undefined, REF.maxF1],
      [W, REF.maxF1W],
    ] as const) {
      const best = thresholdForMaxF1(Y, P, { weights });
      expect(best.threshold).toBe(ref[0]);
      expect(best.f1).toBeCloseTo(ref[1]!, 15);
      expect(best.precision).toBeCloseTo(ref[2]!, 15);
      expect(best.recall).toBeCloseTo(ref[3]!, 15);
      // The threshold reproduces its F1 through confusionMatrix (same ≥ rule).
      expect(f1Of(confusionMatrix(Y, P, { threshold: best.threshold, weights }))).toBeCloseTo(
        best.f1,
        15,
      );
    }
  });

  it('prefers the highest threshold on a tie', () => {
    // Thresholds 0.9 (tp 1, fn 1) and 0.1 (tp 2, fp 2) both give F1 = 2/3.
    expect(thresholdForMaxF1([1, 0, 0, 1], [0.9, 0.6, 0.5, 0.1]).threshold).toBe(0.9);
  });
});

describe('thresholdForRecall', () => {
  it('matches the first ROC point reaching the target, with and without weights', () => {
    for (const [weights, refs] of [
      [undefined, REF.recall],
      [W, REF.recallW],
    ] as const) {
      for (const target of [0.5, 0.8, 0.95] as const) {
        const found = thresholdForRecall(Y, P, target, { weights });
        const [thr, recall, fpr] = refs[target];
        expect(found.threshold).toBe(thr);
        expect(found.recall).toBeCloseTo(recall!, 15);
        expect(found.fpr).toBeCloseTo(fpr!, 15);
      }
    }
  });

  it('handles the ends of the range', () => {
    expect(thresholdForRecall(Y, P, 0)).toEqual({
      threshold: Infinity,
      recall: 0,
      fpr: 0,
      precision: 1,
    });
    const all = thresholdForRecall(Y, P, 1);
    expect(all.recall).toBe(1);
    expect(all.threshold).toBe(0.47); // the lowest-scoring positive
    expect(() => thresholdForRecall(Y, P, 1.1)).toThrow(/minRecall/);
  });
});

describe('thresholdForCosts', () => {
  it('matches the numpy brute force, including "flag nothing" (+Infinity)', () => {
    for (const [weights, refs] of [
      [undefined, REF.costs],
      [W, REF.costsW],
    ] as const) {
      const a = thresholdForCosts(Y, P, { falsePositive: 1, falseNegative: 5 }, { weights });
      expect([a.threshold, a.cost]).toEqual([refs.fp1fn5[0], expect.closeTo(refs.fp1fn5[1]!, 13)]);
      const b = thresholdForCosts(Y, P, { falsePositive: 1, falseNegative: 0.1 }, { weights });
      expect([b.threshold, b.cost]).toEqual([
        refs.fp1fn01[0],
        expect.closeTo(refs.fp1fn01[1]!, 13),
      ]);
      // The counts it reports are the confusion matrix at its threshold.
      const m = confusionMatrix(Y, P, { threshold: b.threshold, weights });
      expect({ tp: b.tp, fp: b.fp, tn: b.tn, fn: b.fn }).toEqual(m);
    }
  });

  it('rejects negative or non-finite costs', () => {
    expect(() => thresholdForCosts(Y, P, { falsePositive: -1, falseNegative: 1 })).toThrow(
      /falsePositive/,
    );
  });
});
