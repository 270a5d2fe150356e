// The seam between the IRLS fit and a distribution: one small interface, one file per family.
import type { Link } from './links.js';

/** The family parameters a distribution may read (declared with the others in ../params.ts). */
export interface FamilyParams {
  /** Variance power p of the Tweedie family, 1 < p < 2. */
  tweedie_variance_power: number;
}

/** An exponential-dispersion family with its link. */
export interface Family {
  /** Registry name. */
  readonly name: string;
  readonly link: Link;
  /**
   * True when the dispersion is 1 by definition (binomial, Poisson); otherwise standard errors
   * scale by the Pearson estimate, as R's summary.glm and statsmodels do.
   */
  readonly fixedDispersion: boolean;
  /** Throws a RangeError naming the first label outside the family's support. */
  checkLabels(y: ArrayLike<number>): void;
  /** Variance function V(μ): Var(y) = φ·V(μ). */
  variance(mu: number): number;
  /**
   * Observed curvature ∂²(d(y, μ)/2)/∂η² of one row, which Newton's method needs. On a canonical
   * link it equals the Fisher weight (dμ/dη)²/V(μ); on gamma's and Tweedie's log link it does
   * not, and Fisher scoring there converges only linearly.
   */
  curvature(y: number, mu: number): number;
  /** Unit deviance d(y, μ) = 2·(log-likelihood of the saturated model − of μ), for one row. */
  deviance(y: number, mu: number): number;
  /**
   * The weighted mean of the labels moved inside the link's domain (a logit needs 0 < μ < 1,
   * a log μ > 0): the intercept-only fit, and where the IRLS starts.
   */
  startMean(mean: number): number;
}

/** Builds a family from the family parameters. */
export type FamilyFactory = (params: FamilyParams) => Family;

/** Throws unless every label satisfies `ok`; `what` describes the allowed labels. */
export function checkEach(
  name: string,
  y: ArrayLike<number>,
  ok: (v: number) => boolean,
  what: string,
): void {
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (!ok(v)) throw new RangeError(`family '${name}' needs ${what}; label ${i} is ${v}`);
  }
}

/** y·log(y/μ), taken as 0 at y = 0. */
export function ylogy(y: number, mu: number): number {
  return y === 0 ? 0 : y * Math.log(y / mu);
}

/** Smallest mean a log link starts from, when every label is 0. */
export const MIN_START_MEAN = 1e-10;
