// The drift statistics against scipy 1.17.1 / numpy 2.4.6. Reference values were computed with
// the Python snippets quoted beside them (`from scipy import stats, special`,
// `from scipy.spatial.distance import jensenshannon`, `import numpy as np`).
import { describe, expect, it } from 'vitest';
import { chiSquareSf, gammaQ, kolmogorovSf, smirnovSf } from './distributions.js';
import {
  chiSquareHomogeneity,
  chiSquareTest,
  jensenShannon,
  ksTwoSample,
  missingRateChange,
  psi,
  wasserstein1,
} from './statistics.js';

const A = Float64Array.from([
  0.61, 0.29, 0.06, 0.59, -1.73, -0.74, 0.51, -0.56, 0.39, 1.64, 0.05, -0.06, 0.64, -0.82, 0.37,
  1.77, 1.09, -1.28, 2.36, 1.31, 1.05, -0.52, -0.73, -0.36,
]);
const B = Float64Array.from([
  1.21, 0.88, 2.01, -0.15, 0.97, 1.45, 0.33, 1.8, 0.02, 2.4, 1.1, 0.75, -0.4, 1.62, 0.91,
]);
const T1 = Float64Array.from([1, 2, 2, 3, 3, 3, 4, 5, 5, 6]);
const T2 = Float64Array.from([2, 3, 3, 4, 4, 4, 5, 6, 6, 7, 8]);
// i = np.arange(400); x = np.sin(i) * 2; y = np.sin(i * 1.3) + 0.3 * np.cos(i * 0.7)
const X = Float64Array.from({ length: 400 }, (_, i) => Math.sin(i) * 2);
const Y = Float64Array.from({ length: 400 }, (_, i) => Math.sin(i * 1.3) + 0.3 * Math.cos(i * 0.7));

function close(actual: number, expected: number, rel: number, abs = 0): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * rel + abs);
}

describe('ksTwoSample (scipy.stats.ks_2samp, method="asymp")', () => {
  it('matches on small samples', () => {
    // r = stats.ks_2samp(a, b, method='asymp') → 0.48333333333333334, 0.01857266494077714
    const r = ksTwoSample(A, B);
    close(r.statistic, 0.48333333333333334, 1e-14);
    close(r.pValue, 0.01857266494077714, 1e-10);
  });
  it('handles ties as scipy does', () => {
    // stats.ks_2samp(t1, t2, method='asymp') → 0.32727272727272727, 0.5564249337166489
    const r = ksTwoSample(T1, T2);
    close(r.statistic, 0.32727272727272727, 1e-14);
    close(r.pValue, 0.5564249337166489, 1e-10);
  });
  it('matches where the exact Smirnov sum applies', () => {
    // stats.ks_2samp(x, y[:300], method='asymp') → 0.28083333333333327, 2.0192263854088862e-12
    const r = ksTwoSample(X, Y.subarray(0, 300));
    close(r.statistic, 0.28083333333333327, 1e-12);
    close(r.pValue, 2.0192263854088862e-12, 1e-8);
    // stats.ks_2samp(x[:250], 0.2 + x[100:], method='asymp') → 0.1466666666666666, 0.005118722070875206
    const shifted = X.subarray(100).map((v) => v + 0.2);
    const s = ksTwoSample(X.subarray(0, 250), shifted);
    close(s.statistic, 0.1466666666666666, 1e-12);
    // n = round(250·300/550) = 136, 136·D² ≥ 2.2: 2·smirnov, where cephes sums differently.
    close(s.pValue, 0.005118722070875206, 2e-8);
  });
});

describe('kolmogorovSf (scipy.stats.kstwo.sf(d, n))', () => {
  // [n, d, stats.kstwo.sf(d, n), absolute tolerance] (relative 1e-9 as well).
  const cases: [number, number, number, number][] = [
    [10, 0.3, 0.27053557479999946, 1e-12],
    [10, 0.5, 0.00777741, 1e-12],
    [50, 0.2, 0.03143877776953241, 1e-12],
    [50, 0.12, 0.4337679661310233, 1e-12],
    [200, 0.08, 0.1463961356372503, 1e-12],
    [200, 0.15, 0.0002154191244887308, 1e-15],
    [1000, 0.03, 0.3226902143914636, 1e-12],
    [2500, 0.05, 7.1667929173507955e-6, 1e-16],
    [140, 0.1, 0.11353657290090946, 1e-12],
    [141, 0.1, 0.11128445516467944, 1e-12],
    [7, 0.1, 0.9999899731574429, 1e-12],
    // stats.kstwo.sf(0.012, 1000), stats.kstwo.sf(0.03, 300). scipy: Durbin matrix; here Pelz–Good (n > 140, n·d^1.5 ≤ 1.4: p-values near 1).
    [1000, 0.012, 0.9984464668620097, 2e-5],
    [300, 0.03, 0.9424664972633843, 2e-5],
    [7, 0.9, 1.999999999999997e-7, 1e-18],
  ];
  it.each(cases)('n = %i, d = %f', (n, d, expected, tol) => {
    close(kolmogorovSf(n, d), expected, 1e-9, tol);
  });
  it('smirnovSf matches scipy.special.smirnov', () => {
    // special.smirnov(10, 0.3), (100, 0.2), (2500, 0.05)
    close(smirnovSf(10, 0.3), 0.1354635556, 1e-9);
    close(smirnovSf(100, 0.2), 0.0002775963664037337, 1e-9);
    close(smirnovSf(2500, 0.05), 3.5833964586753977e-6, 1e-9);
  });
});

describe('wasserstein1 (scipy.stats.wasserstein_distance)', () => {
  it('matches', () => {
    // stats.wasserstein_distance(a, b) → 0.7462500000000001
    close(wasserstein1(A, B), 0.7462500000000001, 1e-13);
    // stats.wasserstein_distance(t1, t2) → 1.3272727272727272
    close(wasserstein1(T1, T2), 1.3272727272727272, 1e-13);
    // stats.wasserstein_distance(x, y[:300]) → 0.616726345502401
    close(wasserstein1(X, Y.subarray(0, 300)), 0.616726345502401, 1e-12);
  });
  it('is 0 for identical samples and the shift for a translate', () => {
    expect(wasserstein1(A, A)).toBe(0);
    close(
      wasserstein1(
        A,
        A.map((v) => v + 0.5),
      ),
      0.5,
      1e-12,
    );
  });
});

describe('jensenShannon (scipy.spatial.distance.jensenshannon, base=2)', () => {
  it('matches', () => {
    // jensenshannon([0.1, 0.2, 0.3, 0.4], [0.25] * 4, base=2) → 0.20050332253142814
    close(
      jensenShannon([0.1, 0.2, 0.3, 0.4], [0.25, 0.25, 0.25, 0.25]),
      0.20050332253142814,
      1e-13,
    );
    // jensenshannon([10, 0, 5, 7], [3, 9, 0, 2], base=2) → 0.7011157511191234
    close(jensenShannon([10, 0, 5, 7], [3, 9, 0, 2]), 0.7011157511191234, 1e-13);
    // jensenshannon([1, 0], [0, 1], base=2) → 1.0
    close(jensenShannon([1, 0], [0, 1]), 1, 1e-15);
  });
});

describe('chiSquareTest (scipy.stats.chisquare)', () => {
  it('matches', () => {
    // stats.chisquare([43, 52, 61, 44], [50, 50, 50, 50]) → 4.2, 0.24066188520961462
    const r = chiSquareTest([43, 52, 61, 44], [50, 50, 50, 50]);
    close(r.statistic, 4.2, 1e-14);
    close(r.pValue, 0.24066188520961462, 1e-12);
    expect(r.dof).toBe(3);
    // stats.chisquare([120, 80, 30, 10, 6], [100.0, 90.0, 35.0, 15.0, 6.0])
    //   → 7.492063492063492, 0.11205976891149655
    const s = chiSquareTest([120, 80, 30, 10, 6], [100, 90, 35, 15, 6]);
    close(s.statistic, 7.492063492063492, 1e-14);
    close(s.pValue, 0.11205976891149655, 1e-12);
  });
  // [x, k, stats.chi2.sf(x, k)]
  const sf: [number, number, number][] = [
    [3, 1, 0.08326451666355042],
    [20, 5, 0.0012497305630313773],
    [150, 100, 0.0009039320423540184],
    [0.5, 3, 0.9188914116546758],
    [400, 200, 1.8438936497115418e-15],
    [80, 10, 5.020464318829132e-13],
  ];
  it.each(sf)('chiSquareSf(%f, %i)', (x, k, expected) => {
    close(chiSquareSf(x, k), expected, 1e-10);
  });
  it('gammaQ matches special.gammaincc', () => {
    // special.gammaincc(0.5, 2.0), special.gammaincc(1000.0, 1100.0)
    close(gammaQ(0.5, 2), 0.04550026389635857, 1e-12);
    close(gammaQ(1000, 1100), 0.0010593232539299773, 1e-9);
  });
});

describe('chiSquareHomogeneity (scipy.stats.chi2_contingency, correction=False)', () => {
  it('matches', () => {
    // stats.chi2_contingency(np.array([[120, 80, 30, 10, 0], [30, 25, 5, 8, 2]]), correction=False)
    //   → 13.818783068783068, 0.007896460331968396, dof 4
    const r = chiSquareHomogeneity([120, 80, 30, 10, 0], [30, 25, 5, 8, 2]);
    close(r.statistic, 13.818783068783068, 1e-13);
    close(r.pValue, 0.007896460331968396, 1e-11);
    expect(r.dof).toBe(4);
    // stats.chi2_contingency(np.array([[700, 300], [330, 170]]), correction=False)
    //   → 2.4788266887006816, 0.11538830286464095
    const s = chiSquareHomogeneity([700, 300], [330, 170]);
    close(s.statistic, 2.4788266887006816, 1e-13);
    close(s.pValue, 0.11538830286464095, 1e-11);
    // Empty categories are left out: stats.chi2_contingency(np.array([[50, 40, 10], [20, 25, 4]]),
    //   correction=False) → 1.623996411751515, 0.4439700357504698, dof 2
    const e = chiSquareHomogeneity([50, 40, 10, 0], [20, 25, 4, 0]);
    close(e.statistic, 1.623996411751515, 1e-13);
    close(e.pValue, 0.4439700357504698, 1e-11);
    expect(e.dof).toBe(2);
  });
});

describe('psi', () => {
  it('follows the stated formula with a 0.5 pseudo-count', () => {
    const r = [50, 30, 20];
    const c = [20, 30, 50];
    let expected = 0;
    for (let i = 0; i < 3; i++) {
      const p = (r[i]! + 0.5) / 101.5;
      const q = (c[i]! + 0.5) / 101.5;
      expected += (q - p) * Math.log(q / p);
    }
    close(psi(r, c), expected, 1e-15);
    expect(psi(r, r)).toBe(0);
    expect(Number.isFinite(psi([100, 0], [0, 100]))).toBe(true);
  });
});

describe('missingRateChange', () => {
  it('tests the change with a pooled two-proportion z-test', () => {
    // pooled p = 0.15, se = sqrt(0.15·0.85·(1/1000 + 1/1000)), z = 0.1 / se = 6.262;
    // 2 * stats.norm.sf(0.1 / math.sqrt(0.15 * 0.85 * (2 / 1000))) → 3.794791883144954e-10
    const m = missingRateChange(100, 1000, 200, 1000);
    close(m.change, 0.1, 1e-12);
    close(m.pValue, 3.794791883144954e-10, 1e-9);
    expect(missingRateChange(0, 100, 0, 100).pValue).toBe(1);
  });
});
