// Every GLM parameter, declared once: type, default, range and a sentence.
import { FAMILIES } from './families/index.js';

/*
 * The penalty follows glmnet (and scikit-learn's ElasticNet): the fit minimises
 *   Σ wᵢ·d(yᵢ, μᵢ) / (2·Σ wᵢ) + alpha·(l1_ratio·‖β‖₁ + (1 − l1_ratio)/2·‖β‖₂²)
 * with d the unit deviance and β the coefficients of the standardised design (the intercept is
 * never penalised). Validation, CLI flags and forms are derived from GLM_PARAMS.
 */

type Kind = 'integer' | 'number' | 'string';

export interface GlmParamSpec {
  type: Kind;
  default: number | string;
  /** Inclusive bounds unless minOpen / maxOpen. */
  min?: number;
  max?: number;
  minOpen?: boolean;
  maxOpen?: boolean;
  /** Allowed values of a string parameter. */
  choices?: () => readonly string[];
  description: string;
}

export const GLM_PARAMS = {
  family: {
    type: 'string',
    default: 'logistic',
    choices: () => Object.keys(FAMILIES),
    description: 'Distribution of the label, with its link (see families/).',
  },
  alpha: {
    type: 'number',
    default: 0,
    min: 0,
    max: 1e300,
    description: 'Overall penalty strength on the standardised coefficients (0 = unpenalised).',
  },
  l1_ratio: {
    type: 'number',
    default: 0,
    min: 0,
    max: 1,
    description: 'Share of the penalty that is L1 (lasso): 0 is ridge, 1 is lasso.',
  },
  max_iter: {
    type: 'integer',
    default: 100,
    min: 1,
    max: 1e6,
    description: 'Most IRLS (Newton) iterations.',
  },
  tol: {
    type: 'number',
    default: 1e-8,
    min: 0,
    minOpen: true,
    max: 1,
    description: 'Stop when the objective changes by less than this, relative to its size.',
  },
  tweedie_variance_power: {
    type: 'number',
    default: 1.5,
    min: 1,
    minOpen: true,
    max: 2,
    maxOpen: true,
    description: 'Variance power of the tweedie family: near 1 Poisson-like, near 2 gamma-like.',
  },
} as const satisfies Record<string, GlmParamSpec>;

type Spec = typeof GLM_PARAMS;
type ValueOf<K extends Kind> = K extends 'string' ? string : number;

/** Parsed, validated parameters: every declared name with a value. */
export type GlmParams = { [K in keyof Spec]: ValueOf<Spec[K]['type']> };
export type GlmParamName = keyof Spec;

export const GLM_PARAM_NAMES = Object.keys(GLM_PARAMS) as GlmParamName[];

function rangeText(s: GlmParamSpec): string {
  return `${s.minOpen ? '(' : '['}${s.min}, ${s.max}${s.maxOpen ? ')' : ']'}`;
}

function parseOne(name: string, s: GlmParamSpec, v: unknown): number | string {
  if (s.type === 'string') {
    if (typeof v !== 'string') {
      throw new TypeError(`parameter '${name}' must be a string, got ${JSON.stringify(v)}`);
    }
    const choices = s.choices?.();
    if (choices && !choices.includes(v)) {
      throw new RangeError(`parameter '${name}' must be one of ${choices.join(', ')}; got '${v}'`);
    }
    return v;
  }
  const integer = s.type === 'integer';
  if (typeof v !== 'number' || Number.isNaN(v) || (integer && !Number.isInteger(v))) {
    throw new TypeError(
      `parameter '${name}' must be ${integer ? 'an integer' : 'a number'}, got ${JSON.stringify(v)}`,
    );
  }
  const lo = s.min ?? -Infinity;
  const hi = s.max ?? Infinity;
  if (v < lo || v > hi || (s.minOpen && v === lo) || (s.maxOpen && v === hi)) {
    throw new RangeError(`parameter '${name}' must be in ${rangeText(s)}, got ${v}`);
  }
  return v;
}

/**
 * Validates `record` against GLM_PARAMS and fills in defaults. Errors name the parameter; an
 * unknown name throws and lists the valid ones. `undefined` values count as absent.
 */
export function parseGlmParams(record: Readonly<Record<string, unknown>> = {}): GlmParams {
  for (const name of Object.keys(record)) {
    if (!Object.hasOwn(GLM_PARAMS, name)) {
      throw new RangeError(`unknown parameter '${name}'; valid: ${GLM_PARAM_NAMES.join(', ')}`);
    }
  }
  const out: Record<string, unknown> = {};
  for (const name of GLM_PARAM_NAMES) {
    const spec: GlmParamSpec = GLM_PARAMS[name];
    const v = record[name];
    out[name] = v === undefined ? spec.default : parseOne(name, spec, v);
  }
  return out as GlmParams;
}
