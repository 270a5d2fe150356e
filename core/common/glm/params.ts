// Every GLM parameter, declared once: type, default, range and a sentence.
import { type ParamSpec, type ParamValues, parseParamRecord } from '../params.js';
import { FAMILIES } from './families/index.js';

/*
 * The penalty follows glmnet (and scikit-learn's ElasticNet): the fit minimises
 *   Σ wᵢ·d(yᵢ, μᵢ) / (2·Σ wᵢ) + alpha·(l1_ratio·‖β‖₁ + (1 − l1_ratio)/2·‖β‖₂²)
 * with d the unit deviance and β the coefficients of the standardised design (the intercept is
 * never penalised). Validation, CLI flags and forms are derived from GLM_PARAMS.
 */

/** The GLM's parameter declarations use the project's one ParamSpec. */
export type GlmParamSpec = ParamSpec;

export const GLM_PARAMS = {
  family: {
    type: 'string',
    default: 'logistic',
    choices: () => Object.keys(FAMILIES),
    doc: 'Distribution of the label, with its link (see families/).',
  },
  alpha: {
    type: 'number',
    default: 0,
    min: 0,
    max: 1e300,
    doc: 'Overall penalty strength on the standardised coefficients (0 = unpenalised).',
  },
  l1_ratio: {
    type: 'number',
    default: 0,
    min: 0,
    max: 1,
    doc: 'Share of the penalty that is L1 (lasso): 0 is ridge, 1 is lasso.',
  },
  max_iter: {
    type: 'integer',
    default: 100,
    min: 1,
    max: 1e6,
    doc: 'Most IRLS (Newton) iterations.',
  },
  tol: {
    type: 'number',
    default: 1e-8,
    min: 0,
    minOpen: true,
    max: 1,
    doc: 'Stop when the objective changes by less than this, relative to its size.',
  },
  tweedie_variance_power: {
    type: 'number',
    default: 1.5,
    min: 1,
    minOpen: true,
    max: 2,
    maxOpen: true,
    doc: 'Variance power of the tweedie family: near 1 Poisson-like, near 2 gamma-like.',
  },
} as const satisfies Record<string, GlmParamSpec>;

/** Parsed, validated parameters: every declared name with a value. */
export type GlmParams = ParamValues<typeof GLM_PARAMS>;
export type GlmParamName = keyof typeof GLM_PARAMS;

export const GLM_PARAM_NAMES = Object.keys(GLM_PARAMS) as GlmParamName[];

/** Validates `record` against GLM_PARAMS and fills in defaults (see core/common/params.ts). */
export function parseGlmParams(record: Readonly<Record<string, unknown>> = {}): GlmParams {
  return parseParamRecord(GLM_PARAMS, record);
}
