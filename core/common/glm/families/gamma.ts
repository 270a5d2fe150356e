// Gamma family with the log link: positive amounts with a constant coefficient of variation.
import { checkEach, type Family, type FamilyFactory, MIN_START_MEAN } from './family.js';
import { log } from './links.js';

/* The log link rather than the canonical inverse: μ stays positive and effects multiply. */
export const gamma: FamilyFactory = (): Family => ({
  name: 'gamma',
  link: log,
  fixedDispersion: false,
  checkLabels: (y) => checkEach('gamma', y, (v) => v > 0 && Number.isFinite(v), 'labels > 0'),
  variance: (mu) => mu * mu,
  // d/2 = −log y + η + y·e^(−η) − 1 in η = log μ
  curvature: (y, mu) => y / mu,
  deviance: (y, mu) => 2 * (-Math.log(y / mu) + (y - mu) / mu),
  startMean: (m) => Math.max(m, MIN_START_MEAN),
});
