// Poisson family with the log link: counts (demand, events per period).
import { checkEach, type Family, type FamilyFactory, MIN_START_MEAN, ylogy } from './family.js';
import { log } from './links.js';

export const poisson: FamilyFactory = (): Family => ({
  name: 'poisson',
  link: log,
  fixedDispersion: true,
  checkLabels: (y) => checkEach('poisson', y, (v) => v >= 0 && Number.isFinite(v), 'labels >= 0'),
  variance: (mu) => mu,
  curvature: (_y, mu) => mu,
  deviance: (y, mu) => 2 * (ylogy(y, mu) - (y - mu)),
  startMean: (m) => Math.max(m, MIN_START_MEAN),
});
