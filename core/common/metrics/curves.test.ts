import { describe, expect, it } from 'vitest';
import { liftGains, prCurve, rocCurve } from './curves.js';
import { P, PT, W, WT, Y, YT } from './reference-data.fixture.js';

// Reference values: scikit-learn 1.2.1 (numpy 1.24.2) via sklearn-reference.py.
// Our curves run from the highest threshold down, with a first point at +Infinity;
// scikit-learn's precision_recall_curve runs the other way, so it is compared reversed.
const SK = {
  // fpr, tpr, thr = sklearn.metrics.roc_curve(y, p, drop_intermediate=False); thr[0] (max + 1 in 1.2.1) not quoted
  rocFpr: [
    0.0, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.04, 0.04, 0.04,
    0.04, 0.04, 0.04, 0.06, 0.06, 0.06, 0.08, 0.1, 0.1, 0.12, 0.14, 0.16, 0.18, 0.2, 0.22, 0.24,
    0.26, 0.28, 0.3, 0.36, 0.38, 0.4, 0.42, 0.48, 0.52, 0.56, 0.58, 0.6, 0.66, 0.68, 0.72, 0.76,
    0.78, 0.8, 0.84, 0.88, 0.96, 0.98, 1.0,
  ],
  rocTpr: [
    0.0, 0.0, 0.03333333333333333, 0.06666666666666667, 0.1, 0.13333333333333333, 0.2,
    0.23333333333333334, 0.3, 0.3333333333333333, 0.36666666666666664, 0.4666666666666667, 0.5,
    0.5333333333333333, 0.6, 0.6333333333333333, 0.7, 0.7333333333333333, 0.7666666666666667,
    0.7666666666666667, 0.8, 0.8333333333333334, 0.8333333333333334, 0.8333333333333334,
    0.8666666666666667, 0.9333333333333333, 0.9666666666666667, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0,
    1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0,
    1.0, 1.0,
  ],
  rocThr: [
    1.0, 0.99, 0.98, 0.9, 0.88, 0.87, 0.86, 0.84, 0.83, 0.82, 0.8, 0.79, 0.78, 0.77, 0.75, 0.7,
    0.69, 0.68, 0.67, 0.63, 0.62, 0.54, 0.53, 0.51, 0.5, 0.48, 0.47, 0.43, 0.42, 0.39, 0.38, 0.37,
    0.35, 0.34, 0.31, 0.29, 0.28, 0.26, 0.25, 0.24, 0.21, 0.2, 0.18, 0.17, 0.16, 0.14, 0.12, 0.11,
    0.08, 0.07, 0.05, 0.04, 0.01, 0.0,
  ],
  // the same with sample_weight=w
  rocFprW: [
    0.0, 0.0375, 0.0375, 0.0375, 0.0375, 0.0375, 0.0375, 0.0375, 0.0375, 0.0375, 0.0375, 0.0375,
    0.0375, 0.05625, 0.05625, 0.05625, 0.05625, 0.05625, 0.05625, 0.09375, 0.09375, 0.09375,
    0.10625, 0.13125, 0.13125, 0.15625, 0.19375, 0.2125, 0.2375, 0.25, 0.275, 0.3125, 0.35, 0.3625,
    0.3875, 0.44375, 0.45, 0.46875, 0.50625, 0.5625, 0.59375, 0.625, 0.6375, 0.65, 0.7, 0.7125,
    0.75, 0.78125, 0.79375, 0.81875, 0.8375, 0.86875, 0.95625, 0.975, 1.0,
  ],
  rocTprW: [
    0.0, 0.0, 0.030612244897959183, 0.07142857142857142, 0.11224489795918367, 0.14285714285714285,
    0.16326530612244897, 0.1836734693877551, 0.2755102040816326, 0.336734693877551,
    0.3979591836734694, 0.47959183673469385, 0.5102040816326531, 0.5204081632653061,
    0.6020408163265306, 0.6224489795918368, 0.7142857142857143, 0.7448979591836735,
    0.8061224489795918, 0.8061224489795918, 0.8163265306122449, 0.8367346938775511,
    0.8367346938775511, 0.8367346938775511, 0.8571428571428571, 0.9081632653061225,
    0.9387755102040817, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0,
    1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0,
  ],
  // precision, recall, thr = sklearn.metrics.precision_recall_curve(y, p)
  prPrecision: [
    0.375, 0.379746835443038, 0.38461538461538464, 0.40540540540540543, 0.4166666666666667,
    0.42857142857142855, 0.43478260869565216, 0.4411764705882353, 0.45454545454545453, 0.46875,
    0.47619047619047616, 0.5, 0.5084745762711864, 0.5172413793103449, 0.5357142857142857,
    0.5555555555555556, 0.5882352941176471, 0.6, 0.6122448979591837, 0.625, 0.6666666666666666,
    0.6818181818181818, 0.6976744186046512, 0.7142857142857143, 0.7317073170731707, 0.75,
    0.7692307692307693, 0.7894736842105263, 0.8055555555555556, 0.8235294117647058,
    0.8387096774193549, 0.8333333333333334, 0.8620689655172413, 0.8928571428571429,
    0.8888888888888888, 0.8846153846153846, 0.92, 0.9166666666666666, 0.9130434782608695,
    0.9047619047619048, 0.9, 0.8888888888888888, 0.9375, 0.9333333333333333, 0.9166666666666666,
    0.9090909090909091, 0.9, 0.875, 0.8571428571428571, 0.8, 0.75, 0.6666666666666666, 0.5, 0.0,
    1.0,
  ],
  prRecall: [
    1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0,
    1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.9666666666666667, 0.9333333333333333,
    0.8666666666666667, 0.8333333333333334, 0.8333333333333334, 0.8333333333333334, 0.8,
    0.7666666666666667, 0.7666666666666667, 0.7333333333333333, 0.7, 0.6333333333333333, 0.6,
    0.5333333333333333, 0.5, 0.4666666666666667, 0.36666666666666664, 0.3333333333333333, 0.3,
    0.23333333333333334, 0.2, 0.13333333333333333, 0.1, 0.06666666666666667, 0.03333333333333333,
    0.0, 0.0,
  ],
  // the same with sample_weight=w
  prPrecisionW: [
    0.3798449612403101, 0.3858267716535433, 0.3904382470119522, 0.41350210970464135,
    0.4224137931034483, 0.4279475982532751, 0.43555555555555553, 0.43946188340807174,
    0.44954128440366975, 0.46226415094339623, 0.4666666666666667, 0.48514851485148514, 0.49,
    0.494949494949495, 0.5077720207253886, 0.5212765957446809, 0.547486033519553,
    0.5664739884393064, 0.5764705882352941, 0.5798816568047337, 0.6125, 0.6282051282051282,
    0.6363636363636364, 0.6621621621621622, 0.6901408450704225, 0.7101449275362319,
    0.7205882352941176, 0.7424242424242424, 0.7479674796747967, 0.7807017543859649, 0.8,
    0.7961165048543689, 0.8282828282828283, 0.845360824742268, 0.8421052631578947,
    0.8404255319148937, 0.8977272727272727, 0.8902439024390244, 0.8860759493670886,
    0.8714285714285714, 0.8676470588235294, 0.85, 0.8928571428571429, 0.8867924528301887,
    0.8666666666666667, 0.8461538461538461, 0.8181818181818182, 0.75, 0.7272727272727273, 0.7,
    0.6470588235294118, 0.5384615384615384, 0.3333333333333333, 0.0, 1.0,
  ],
  prRecallW: [
    1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0,
    1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.9387755102040817, 0.9081632653061225,
    0.8571428571428571, 0.8367346938775511, 0.8367346938775511, 0.8367346938775511,
    0.8163265306122449, 0.8061224489795918, 0.8061224489795918, 0.7448979591836735,
    0.7142857142857143, 0.6224489795918368, 0.6020408163265306, 0.5204081632653061,
    0.5102040816326531, 0.47959183673469385, 0.3979591836734694, 0.336734693877551,
    0.2755102040816326, 0.1836734693877551, 0.16326530612244897, 0.14285714285714285,
    0.11224489795918367, 0.07142857142857142, 0.030612244897959183, 0.0, 0.0,
  ],
  // on the tied data: sklearn.metrics.roc_curve(yt, pt, drop_intermediate=False), then with sample_weight=wt
  tiesRocFpr: [
    0.0, 0.0, 0.0, 0.006993006993006993, 0.02097902097902098, 0.09090909090909091,
    0.16783216783216784, 0.2937062937062937, 0.5524475524475524, 0.7412587412587412,
    0.8391608391608392, 1.0,
  ],
  tiesRocTpr: [
    0.0, 0.03508771929824561, 0.05263157894736842, 0.14035087719298245, 0.42105263157894735,
    0.5614035087719298, 0.7192982456140351, 0.8771929824561403, 0.9824561403508771,
    0.9824561403508771, 1.0, 1.0,
  ],
  tiesRocThr: [1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0],
  tiesRocFprW: [
    0.0, 0.0, 0.0, 0.0017064846416382253, 0.010238907849829351, 0.08703071672354949,
    0.17918088737201365, 0.31399317406143346, 0.5665529010238908, 0.7491467576791809,
    0.825938566552901, 1.0,
  ],
  tiesRocTprW: [
    0.0, 0.021739130434782608, 0.05652173913043478, 0.15217391304347827, 0.39565217391304347,
    0.5478260869565217, 0.691304347826087, 0.8739130434782608, 0.9652173913043478,
    0.9652173913043478, 1.0, 1.0,
  ],
  // sklearn.metrics.precision_recall_curve(yt, pt), then with sample_weight=wt
  tiesPrPrecision: [
    0.285, 0.3220338983050847, 0.345679012345679, 0.4148148148148148, 0.5434782608695652,
    0.6307692307692307, 0.7111111111111111, 0.8888888888888888, 0.8888888888888888, 1.0, 1.0, 1.0,
  ],
  tiesPrRecall: [
    1.0, 1.0, 0.9824561403508771, 0.9824561403508771, 0.8771929824561403, 0.7192982456140351,
    0.5614035087719298, 0.42105263157894735, 0.14035087719298245, 0.05263157894736842,
    0.03508771929824561, 0.0,
  ],
  tiesPrPrecisionW: [
    0.2818627450980392, 0.32212885154061627, 0.3358547655068079, 0.4007220216606498,
    0.522077922077922, 0.6022727272727273, 0.711864406779661, 0.9381443298969072,
    0.9722222222222222, 1.0, 1.0, 1.0,
  ],
  tiesPrRecallW: [
    1.0, 1.0, 0.9652173913043478, 0.9652173913043478, 0.8739130434782608, 0.691304347826087,
    0.5478260869565217, 0.39565217391304347, 0.15217391304347827, 0.05652173913043478,
    0.021739130434782608, 0.0,
  ],
};

/**
 * Lift by hand in numpy on the untied scores pu = p + i·1e-6: order = np.argsort(−pu,
 * kind='stable'); positives per group g = y[order].reshape(10, 8).sum(axis=1);
 * gains = cumsum(g) / y.sum(); lift = (g / 8) / y.mean().
 */
const LIFT = {
  positives: [7, 8, 7, 5, 3, 0, 0, 0, 0, 0],
  gains: [0.23333333333333334, 0.5, 0.7333333333333333, 0.9, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
  lift: [
    2.3333333333333335, 2.6666666666666665, 2.3333333333333335, 1.6666666666666667, 1.0, 0.0, 0.0,
    0.0, 0.0, 0.0,
  ],
};

const close = (xs: ArrayLike<number>, digits = 14) =>
  Array.from(xs, (x) => expect.closeTo(x, digits));
const reversed = (xs: number[]) => [...xs].reverse();
/** The distinct values of xs, highest first. */
const distinctDesc = (xs: number[]) => [...new Set(xs)].sort((a, b) => b - a);

describe('rocCurve', () => {
  it('matches scikit-learn roc_curve(drop_intermediate=False), with and without weights', () => {
    const roc = rocCurve(Y, P);
    expect(Array.from(roc.fpr)).toEqual(close(SK.rocFpr));
    expect(Array.from(roc.tpr)).toEqual(close(SK.rocTpr));
    expect(Array.from(roc.thresholds)).toEqual([Infinity, ...SK.rocThr]);
    const rocW = rocCurve(Y, P, { weights: W });
    expect(Array.from(rocW.fpr)).toEqual(close(SK.rocFprW));
    expect(Array.from(rocW.tpr)).toEqual(close(SK.rocTprW));
    expect(Array.from(rocW.thresholds)).toEqual([Infinity, ...distinctDesc(P)]);
  });

  it('collapses heavy ties into one point per distinct score', () => {
    const roc = rocCurve(YT, PT);
    expect(Array.from(roc.thresholds)).toEqual([Infinity, ...SK.tiesRocThr]);
    expect(Array.from(roc.fpr)).toEqual(close(SK.tiesRocFpr));
    expect(Array.from(roc.tpr)).toEqual(close(SK.tiesRocTpr));
    const rocW = rocCurve(YT, PT, { weights: WT });
    expect(Array.from(rocW.fpr)).toEqual(close(SK.tiesRocFprW));
    expect(Array.from(rocW.tpr)).toEqual(close(SK.tiesRocTprW));
  });

  it('ends at (1, 1)', () => {
    const roc = rocCurve([0, 1, 0, 1], [0.1, 0.2, 0.3, 0.4]);
    expect([roc.fpr.at(-1), roc.tpr.at(-1)]).toEqual([1, 1]);
  });
});

describe('prCurve', () => {
  it('matches scikit-learn precision_recall_curve, reversed, with and without weights', () => {
    const pr = prCurve(Y, P);
    expect(Array.from(pr.precision)).toEqual(close(reversed(SK.prPrecision)));
    expect(Array.from(pr.recall)).toEqual(close(reversed(SK.prRecall)));
    expect(Array.from(pr.thresholds)).toEqual([Infinity, ...distinctDesc(P)]);
    const prW = prCurve(Y, P, { weights: W });
    expect(Array.from(prW.precision)).toEqual(close(reversed(SK.prPrecisionW)));
    expect(Array.from(prW.recall)).toEqual(close(reversed(SK.prRecallW)));
  });

  it('matches scikit-learn under heavy ties', () => {
    const pr = prCurve(YT, PT);
    expect(Array.from(pr.precision)).toEqual(close(reversed(SK.tiesPrPrecision)));
    expect(Array.from(pr.recall)).toEqual(close(reversed(SK.tiesPrRecall)));
    const prW = prCurve(YT, PT, { weights: WT });
    expect(Array.from(prW.precision)).toEqual(close(reversed(SK.tiesPrPrecisionW)));
    expect(Array.from(prW.recall)).toEqual(close(reversed(SK.tiesPrRecallW)));
  });
});

describe('liftGains', () => {
  it('matches the numpy decile table on untied scores', () => {
    const pu = P.map((p, i) => p + i * 1e-6);
    const table = liftGains(Y, pu);
    expect(table.map((r) => r.positives)).toEqual(LIFT.positives);
    expect(table.map((r) => r.gains)).toEqual(close(LIFT.gains, 15));
    expect(table.map((r) => r.lift)).toEqual(close(LIFT.lift, 15));
    expect(table.map((r) => r.count)).toEqual(Array(10).fill(8));
    expect(table.map((r) => r.cumulativeShare)).toEqual(
      close([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((g) => g / 10)),
    );
    expect(table[0]!.maxScore).toBe(Math.max(...pu));
    expect(table[9]!.minScore).toBe(Math.min(...pu));
    expect(table[1]!.cumulativeLift).toBeCloseTo(LIFT.gains[1]! / 0.2, 14);
    expect(table[1]!.responseRate).toBe(1);
  });

  it('shares a run of tied scores across a boundary in proportion', () => {
    // Four tied rows, two positive, in two groups: each group gets half of everything.
    const table = liftGains([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.5], { groups: 2 });
    expect(table.map((r) => [r.count, r.positives, r.lift, r.gains])).toEqual([
      [2, 1, 1, 0.5],
      [2, 1, 1, 1],
    ]);
    // Five rows in two groups: the middle row is split 1/2 : 1/2.
    const five = liftGains([1, 1, 1, 0, 0], [0.9, 0.8, 0.7, 0.2, 0.1], { groups: 2 });
    expect(five.map((r) => [r.count, r.positives])).toEqual([
      [2.5, 2.5],
      [2.5, 0.5],
    ]);
  });

  it('does not depend on row order, even with ties and weights', () => {
    const a = liftGains(Y, P, { weights: W, groups: 7 });
    const perm = Y.map((_, i) => (i * 37) % Y.length); // 37 is coprime with 80
    const b = liftGains(
      perm.map((i) => Y[i]!),
      perm.map((i) => P[i]!),
      { weights: perm.map((i) => W[i]!), groups: 7 },
    );
    for (let g = 0; g < 7; g++) {
      expect(b[g]!.count).toBeCloseTo(a[g]!.count, 12);
      expect(b[g]!.positives).toBeCloseTo(a[g]!.positives, 12);
    }
    const total = W.reduce((s, w) => s + w, 0);
    expect(a.reduce((s, r) => s + r.count, 0)).toBeCloseTo(total, 12);
    expect(a.at(-1)!.gains).toBeCloseTo(1, 14);
  });
});
