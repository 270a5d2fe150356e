// Gaussian family with the identity link: ordinary (or ridge / lasso) least squares.
import { checkEach, type Family, type FamilyFactory } from './family.js';
import { identity } from './links.js';

export const gaussian: FamilyFactory = (): Family => ({
  name: 'gaussian',
  link: identity,
  fixedDispersion: false,
  checkLabels: (y) => checkEach('gaussian', y, Number.isFinite, 'finite labels'),
  variance: () => 1,
  curvature: () => 1,
  deviance: (y, mu) => (y - mu) * (y - mu),
  startMean: (m) => m,
});
