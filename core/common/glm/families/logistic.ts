// Binomial family with the canonical logit link: churn and failure probabilities.
import { checkEach, type Family, type FamilyFactory, ylogy } from './family.js';
import { logit } from './links.js';

/* Labels may be fractions in [0, 1] (a proportion of trials, its count as the row weight). */
export const logistic: FamilyFactory = (): Family => ({
  name: 'logistic',
  link: logit,
  fixedDispersion: true,
  checkLabels: (y) =>
    checkEach('logistic', y, (v) => v >= 0 && v <= 1, 'labels in [0, 1] (0/1 classes)'),
  variance: (mu) => mu * (1 - mu),
  curvature: (_y, mu) => mu * (1 - mu),
  deviance: (y, mu) => 2 * (ylogy(y, mu) + ylogy(1 - y, 1 - mu)),
  startMean: (m) => Math.min(Math.max(m, 1e-10), 1 - 1e-10),
});
