import { describe, expect, it } from 'vitest';
import { fitGlm } from './fit.js';
import type { GlmModel } from './model.js';
import * as D from './reference-data.fixture.js';
import { referenceData } from './test-data.fixture.js';

/*
 * Reference values from sklearn-reference.py (numpy 1.24.2, scipy 1.10.1, scikit-learn 1.2.1)
 * on the 120 rows of reference-data.fixture.ts. Order: intercept, age, usage, noise,
 * plan=basic, plan=premium (plan's reference is its most frequent level, 'plus').
 * Penalised references are fitted by sklearn on the standardised design (numeric columns
 * (x − mean) / std with ddof 0, dummies as 0/1) and de-standardised in the script.
 */

// numpy Newton-Raphson on [1, X] to a step < 1e-14; SE = sqrt(diag(inv(Xᵀ diag(p(1−p)) X))).
// sklearn LogisticRegression(penalty=None, solver='newton-cholesky', tol=1e-12) agrees to 1e-14.
const LOGISTIC_COEF = [
  -2.5595378922450993, 0.039924814941408183, 0.270429075998005, -0.24936295347485002,
  -0.1527631849188872, 0.05071049619054745,
];
const LOGISTIC_SE = [
  0.8376324905607507, 0.01774022117261472, 0.10787220466284386, 0.2146882754232407,
  0.47539467591148293, 0.5117221776207727,
];
// LogisticRegression(C=1/(0.05*120), solver='newton-cholesky', tol=1e-12), i.e. alpha = 0.05.
const LOGISTIC_L2_COEF = [
  -2.071743364041536, 0.030779353316982064, 0.21024331974737853, -0.21604951427388686,
  -0.06258996342746967, 0.01353887493917218,
];
// PoissonRegressor(alpha=0.01, solver='newton-cholesky', tol=1e-12, max_iter=1000).
const POISSON_COEF = [
  -0.10418595908238781, 0.010329712657214024, 0.11321396472252286, -0.04264569707302369,
  0.09221474379506885, 0.1950764709209726,
];
// GammaRegressor(alpha=0.02, solver='newton-cholesky', tol=1e-12, max_iter=1000).
const GAMMA_COEF = [
  -0.20454106866354543, 0.011079766315430945, 0.11690113347179358, 0.06769259572855278,
  -0.009191713441925261, 0.37794273295928565,
];
// TweedieRegressor(power=1.5, link='log', alpha=0.01, solver='newton-cholesky', tol=1e-12).
const TWEEDIE_COEF = [
  0.20114124999249283, 0.007647540866768373, 0.21788730976063983, -0.1269529935747251,
  0.36318874223925224, 0.5129262351067565,
];
// TweedieRegressor(power=0, link='identity', alpha=0.1, solver='newton-cholesky', tol=1e-12).
const GAUSSIAN_COEF = [
  3.854477854601488, 0.030739193791209707, -0.4871702875520251, -0.035334274848239,
  -0.259234899046152, 0.8610079820289996,
];
// numpy Newton-Raphson, SE = sqrt(diag(inv(Xᵀ diag(μ) X))); PoissonRegressor(alpha=0) agrees.
const POISSON_UNPEN_COEF = [
  -0.11191219490402694, 0.010411479789198581, 0.11357218105972433, -0.04228322283078857,
  0.09720260015346888, 0.20261424599757055,
];
const POISSON_UNPEN_SE = [
  0.25502961031813753, 0.0055121811878614205, 0.02669794059136303, 0.06882705606755081,
  0.1575323856446549, 0.1638306947216925,
];

// GammaRegressor(alpha=0, solver='newton-cholesky', tol=1e-12); SE = sqrt(φ·diag(inv(XᵀX))),
// φ = Σ((y − μ)/μ)² / (n − 6), numpy (the Pearson dispersion of R's summary.glm and statsmodels).
const GAMMA_UNPEN_COEF = [
  -0.24910967309533125, 0.011599251089904316, 0.12048679175482575, 0.0717646147942251,
  0.006855663445950736, 0.4278417888058752,
];
const GAMMA_UNPEN_SE = [
  0.2197120479741364, 0.004868060934317564, 0.028603318121658765, 0.06147410821197916,
  0.13903001481251667, 0.14706599426633601,
];
const GAMMA_DISPERSION = 0.40178606160898883;
// numpy.linalg.lstsq (ordinary least squares); SE = sqrt(RSS/(n − 6)·diag(inv(XᵀX))).
const GAUSSIAN_UNPEN_COEF = [
  3.54014981613121, 0.038118002511536436, -0.5354251838861359, -0.024665617556012282,
  -0.25382519193562497, 1.3742629962008284,
];
const GAUSSIAN_UNPEN_SE = [
  0.3351681427655909, 0.007426169649181062, 0.04363402508040101, 0.09377802841292278,
  0.21208865095494983, 0.224347443013345,
];

const TERMS = ['(Intercept)', 'age', 'usage', 'noise', 'plan=basic', 'plan=premium'];

const data = referenceData;

function expectClose(actual: number[], expected: number[], rel: number): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, j) => {
    const e = expected[j]!;
    expect(Math.abs(a - e), `term ${j}: ${a} vs ${e}`).toBeLessThanOrEqual(rel * Math.abs(e));
  });
}

const estimates = (m: GlmModel): number[] => m.coefficients().map((c) => c.estimate);

describe('fitGlm against numpy and scikit-learn', () => {
  it('unpenalised logistic: coefficients and standard errors', () => {
    const m = fitGlm(data, D.yBinary);
    const table = m.coefficients();
    expect(table.map((c) => c.term)).toEqual(TERMS);
    expectClose(estimates(m), LOGISTIC_COEF, 1e-5);
    expectClose(
      table.map((c) => c.standardError!),
      LOGISTIC_SE,
      1e-5,
    );
    for (const c of table) {
      expect(c.z).toBeCloseTo(c.estimate / c.standardError!, 12);
      expect(c.pValue).toBeGreaterThan(0);
      expect(c.pValue).toBeLessThanOrEqual(1);
    }
    expect(m.fit.converged).toBe(true);
    expect(m.fit.dispersion).toBe(1);
    expect(m.fit.deviance).toBeLessThan(m.fit.nullDeviance);
  });

  it('L2 logistic: alpha = 1 / (C · n) of LogisticRegression', () => {
    const m = fitGlm(data, D.yBinary, { alpha: 0.05 });
    expectClose(estimates(m), LOGISTIC_L2_COEF, 1e-5);
    expect(m.coefficients().every((c) => c.standardError === undefined)).toBe(true);
  });

  it('unpenalised poisson: coefficients and standard errors', () => {
    const m = fitGlm(data, D.yCount, { family: 'poisson' });
    expectClose(estimates(m), POISSON_UNPEN_COEF, 1e-5);
    expectClose(
      m.coefficients().map((c) => c.standardError!),
      POISSON_UNPEN_SE,
      1e-5,
    );
  });

  it('unpenalised gamma: standard errors with the Pearson dispersion', () => {
    const m = fitGlm(data, D.yAmount, { family: 'gamma' });
    expectClose(estimates(m), GAMMA_UNPEN_COEF, 1e-5);
    expectClose(
      m.coefficients().map((c) => c.standardError!),
      GAMMA_UNPEN_SE,
      1e-5,
    );
    expect(m.fit.dispersion).toBeCloseTo(GAMMA_DISPERSION, 6);
  });

  it('unpenalised gaussian: ordinary least squares and its standard errors', () => {
    const m = fitGlm(data, D.yGauss, { family: 'gaussian' });
    expectClose(estimates(m), GAUSSIAN_UNPEN_COEF, 1e-8);
    expectClose(
      m.coefficients().map((c) => c.standardError!),
      GAUSSIAN_UNPEN_SE,
      1e-8,
    );
  });

  it.each([
    ['poisson', D.yCount, { alpha: 0.01 }, POISSON_COEF],
    ['gamma', D.yAmount, { alpha: 0.02 }, GAMMA_COEF],
    ['tweedie', D.yTweedie, { alpha: 0.01, tweedie_variance_power: 1.5 }, TWEEDIE_COEF],
    ['gaussian', D.yGauss, { alpha: 0.1 }, GAUSSIAN_COEF],
  ])('%s with L2: the same alpha as sklearn', (family, y, params, expected) => {
    const m = fitGlm(data, y, { family, ...params });
    expect(m.fit.converged).toBe(true);
    expectClose(estimates(m), expected, 1e-5);
  });
});
