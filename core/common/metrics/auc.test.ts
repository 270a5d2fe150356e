import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import { averagePrecision, rocAuc } from './auc.js';
import { P, PT, W, WT, Y, YT } from './reference-data.fixture.js';

// Reference values: scikit-learn 1.2.1 (Debian 12 python3-sklearn, numpy 1.24.2), computed
// by sklearn-reference.py on the data of reference-data.ts.
const SK = {
  /** sklearn.metrics.roc_auc_score(y, p) */
  auc: 0.9556666666666666,
  /** sklearn.metrics.roc_auc_score(y, p, sample_weight=w) */
  aucW: 0.9336415816326531,
  /** sklearn.metrics.average_precision_score(y, p) */
  prAuc: 0.8596052715336681,
  /** sklearn.metrics.average_precision_score(y, p, sample_weight=w) */
  prAucW: 0.8011295252434045,
  /** sklearn.metrics.roc_auc_score(yt, pt), pt rounded to 1 decimal */
  tiesAuc: 0.8726536621273464,
  /** sklearn.metrics.roc_auc_score(yt, pt, sample_weight=wt) */
  tiesAucW: 0.8593448582875798,
  /** sklearn.metrics.average_precision_score(yt, pt) */
  tiesPrAuc: 0.7146439608333103,
  /** sklearn.metrics.average_precision_score(yt, pt, sample_weight=wt) */
  tiesPrAucW: 0.7158030069342397,
  /** scipy.stats.mannwhitneyu(pt[yt == 1], pt[yt == 0]).statistic (scipy 1.10.1); n1 = 57, n0 = 143 */
  tiesU: 7113.0,
};

/** O(n²) definition: Σ over (positive, negative) pairs of wᵢwⱼ·[sᵢ > sⱼ] + ½[sᵢ = sⱼ]. */
function pairwiseAuc(y: ArrayLike<number>, p: ArrayLike<number>, w?: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < y.length; j++) {
      if (y[j] !== 0) continue;
      const ww = (w?.[i] ?? 1) * (w?.[j] ?? 1);
      den += ww;
      if (p[i]! > p[j]!) num += ww;
      else if (p[i] === p[j]) num += ww / 2;
    }
  }
  return num / den;
}

describe('rocAuc', () => {
  it('matches scikit-learn, with and without weights', () => {
    expect(rocAuc(Y, P)).toBeCloseTo(SK.auc, 14);
    expect(rocAuc(Y, P, W)).toBeCloseTo(SK.aucW, 14);
  });

  it('is exact under heavy ties: the Mann–Whitney U over n1·n0, scikit-learn to the last bit', () => {
    // 7113 / 8151 correctly rounded. scikit-learn's trapezoid over rates already divided by
    // n1 and n0 lands one ulp above it (…3464); ours sums whole pair counts (…3463).
    expect(rocAuc(YT, PT)).toBe(SK.tiesU / (57 * 143));
    expect(Math.abs(rocAuc(YT, PT) - SK.tiesAuc)).toBeLessThanOrEqual(Number.EPSILON / 2);
    expect(rocAuc(YT, PT, WT)).toBeCloseTo(SK.tiesAucW, 15);
    expect(rocAuc(YT, PT, WT)).toBe(pairwiseAuc(YT, PT, WT));
  });

  it('equals the pairwise definition on random tied, weighted data', () => {
    const rng = new Rng(11);
    for (let trial = 0; trial < 20; trial++) {
      const n = 50 + rng.int(150);
      const y = new Float64Array(n);
      const p = new Float64Array(n);
      const w = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        y[i] = i < 2 ? i : rng.bernoulli(0.3) ? 1 : 0;
        p[i] = Math.round((rng.normal() + y[i]!) * 4) / 4; // heavy ties
        w[i] = rng.int(4) * 0.5; // zero weights included
      }
      w[0] = 1;
      w[1] = 1;
      expect(rocAuc(y, p, w)).toBeCloseTo(pairwiseAuc(y, p, w), 13);
      expect(rocAuc(y, p)).toBeCloseTo(pairwiseAuc(y, p), 13);
    }
  });

  it('depends only on the order of the scores', () => {
    const logit = P.map((p) => Math.log((p + 0.01) / (1.01 - p)));
    expect(rocAuc(Y, logit, W)).toBeCloseTo(rocAuc(Y, P, W), 15);
    expect(
      rocAuc(
        Y,
        P.map((p) => -p),
      ),
    ).toBeCloseTo(1 - SK.auc, 14);
  });

  it('gives 1/2 when every score is tied and 1 or 0 for perfect rankings', () => {
    expect(rocAuc([0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3])).toBe(0.5);
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4])).toBe(1);
    expect(rocAuc([1, 1, 0, 0], [0.1, 0.2, 0.3, 0.4])).toBe(0);
  });

  it('treats weight 0 as leaving the row out', () => {
    const w = W.map((x, i) => (i % 7 === 0 ? 0 : x));
    const keep = (_: number, i: number) => i % 7 !== 0;
    expect(rocAuc(Y, P, w)).toBeCloseTo(rocAuc(Y.filter(keep), P.filter(keep), W.filter(keep)), 15);
  });

  it('accepts typed arrays as well as plain arrays', () => {
    expect(rocAuc(Float64Array.from(Y), Float32Array.from(PT.slice(0, 80)))).toBe(
      rocAuc(Y, Float32Array.from(PT.slice(0, 80))),
    );
  });

  it('throws on one class, bad labels, NaN scores and mismatched lengths', () => {
    expect(() => rocAuc([1, 1], [0.2, 0.4])).toThrow(/both classes.*negative/);
    expect(() => rocAuc([0, 1], [0.2, 0.4], [0, 1])).toThrow(/both classes/);
    expect(() => rocAuc([0, 2], [0.2, 0.4])).toThrow(/yTrue\[1\] is 2/);
    expect(() => rocAuc([0, 1], [0.2, NaN])).toThrow(/yPred\[1\] is NaN/);
    expect(() => rocAuc([0, 1], [0.2])).toThrow(/2 rows but yPred has 1/);
    expect(() => rocAuc([0, 1], [0.2, 0.3], [1, -1])).toThrow(/weights\[1\] is -1/);
    expect(() => rocAuc([], [])).toThrow(/empty/);
  });
});

describe('averagePrecision', () => {
  it('matches scikit-learn, with and without weights and under heavy ties', () => {
    expect(averagePrecision(Y, P)).toBeCloseTo(SK.prAuc, 14);
    expect(averagePrecision(Y, P, W)).toBeCloseTo(SK.prAucW, 14);
    expect(averagePrecision(YT, PT)).toBeCloseTo(SK.tiesPrAuc, 14);
    expect(averagePrecision(YT, PT, WT)).toBeCloseTo(SK.tiesPrAucW, 14);
  });

  it('is 1 for a perfect ranking and the positive rate when every score is tied', () => {
    expect(averagePrecision([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4])).toBe(1);
    expect(averagePrecision([0, 1, 0, 0], [0.5, 0.5, 0.5, 0.5])).toBe(0.25);
  });

  it('throws without a positive row', () => {
    expect(() => averagePrecision([0, 0], [0.1, 0.2])).toThrow(/positive/);
  });
});
