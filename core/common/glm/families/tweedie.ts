// Tweedie family (variance power 1 < p < 2) with the log link: zero-inflated amounts (LTV).
import { checkEach, type Family, type FamilyFactory, MIN_START_MEAN } from './family.js';
import { log } from './links.js';

export const tweedie: FamilyFactory = (params): Family => {
  const p = params.tweedie_variance_power;
  if (!(p > 1 && p < 2)) {
    throw new RangeError(`family 'tweedie' needs 1 < tweedie_variance_power < 2, got ${p}`);
  }
  const a = 1 - p;
  const b = 2 - p;
  return {
    name: 'tweedie',
    link: log,
    fixedDispersion: false,
    checkLabels: (y) => checkEach('tweedie', y, (v) => v >= 0 && Number.isFinite(v), 'labels >= 0'),
    variance: (mu) => Math.pow(mu, p),
    // d/2 = … − y·e^(aη)/a + e^(bη)/b in η = log μ (a = 1 − p, b = 2 − p)
    curvature: (y, mu) => -a * y * Math.pow(mu, a) + b * Math.pow(mu, b),
    deviance: (y, mu) =>
      2 * (Math.pow(y, b) / (a * b) - (y * Math.pow(mu, a)) / a + Math.pow(mu, b) / b),
    startMean: (m) => Math.max(m, MIN_START_MEAN),
  };
};
