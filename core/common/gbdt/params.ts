// Every gradient-boosting parameter, declared once: type, default, range and a sentence.
import { type ParamSpec, type ParamValues, parseParamRecord } from '../params.js';
import { OBJECTIVES } from './objectives/index.js';

/*
 * Names follow LightGBM so that users, docs and comparisons carry over. Validation, CLI flags
 * and UI forms are derived from GBDT_PARAMS; nothing else restates a default or a range.
 */

/** GBDT parameters use the project's one declaration format (core/common/params.ts). */
export type { ParamSpec };

export const GBDT_PARAMS = {
  trees: { type: 'integer', default: 100, min: 1, max: 1e6, doc: 'Boosting rounds.' },
  learning_rate: {
    type: 'number',
    default: 0.1,
    min: 0,
    minOpen: true,
    max: 1e3,
    doc: 'Shrinkage applied to every tree: smaller needs more trees, usually generalises better.',
  },
  num_leaves: {
    type: 'integer',
    default: 31,
    min: 2,
    max: 131072,
    doc: 'Maximum leaves per tree; trees grow best-first (leaf-wise) up to this many.',
  },
  max_depth: {
    type: 'integer',
    default: -1,
    min: -1,
    max: 1000,
    doc: 'Maximum depth of a leaf; -1 or 0 means no limit beyond num_leaves.',
  },
  min_data_in_leaf: {
    type: 'integer',
    default: 20,
    min: 1,
    max: 2 ** 31 - 1,
    doc: 'Fewest training rows in a leaf.',
  },
  min_sum_hessian_in_leaf: {
    type: 'number',
    default: 1e-3,
    min: 0,
    max: 1e300,
    doc: 'Smallest sum of hessians (row weights for L2) in a leaf.',
  },
  lambda_l1: { type: 'number', default: 0, min: 0, max: 1e300, doc: 'L1 penalty on leaf values.' },
  lambda_l2: { type: 'number', default: 0, min: 0, max: 1e300, doc: 'L2 penalty on leaf values.' },
  min_gain_to_split: {
    type: 'number',
    default: 0,
    min: 0,
    max: 1e300,
    doc: 'Smallest loss reduction for which a leaf is split.',
  },
  bagging_fraction: {
    type: 'number',
    default: 1,
    min: 0,
    minOpen: true,
    max: 1,
    doc: 'Fraction of rows, drawn afresh for every tree, that the tree is grown on.',
  },
  feature_fraction: {
    type: 'number',
    default: 1,
    min: 0,
    minOpen: true,
    max: 1,
    doc: 'Fraction of features, drawn afresh for every tree, that the tree may split on.',
  },
  max_bin: {
    type: 'integer',
    default: 255,
    min: 2,
    max: 255,
    doc: 'Most bins per feature (one more, bin 0, holds missing values).',
  },
  max_cat_threshold: {
    type: 'integer',
    default: 32,
    min: 1,
    max: 255,
    doc: 'Most categories on the left side of a categorical split.',
  },
  cat_smooth: {
    type: 'number',
    default: 10,
    min: 0,
    max: 1e300,
    doc: 'Categories with fewer rows are left out of categorical splits; also smooths the order.',
  },
  cat_l2: {
    type: 'number',
    default: 10,
    min: 0,
    max: 1e300,
    doc: 'Extra L2 penalty when scoring many-vs-many categorical splits.',
  },
  max_cat_to_onehot: {
    type: 'integer',
    default: 4,
    min: 1,
    max: 255,
    doc: 'Features with at most this many categories are split one category against the rest.',
  },
  min_data_per_group: {
    type: 'integer',
    default: 100,
    min: 1,
    max: 2 ** 31 - 1,
    doc: 'Fewest rows per group of categories in a many-vs-many categorical split.',
  },
  monotone_constraints: {
    type: 'integer[]',
    default: [],
    min: -1,
    max: 1,
    doc: 'Per feature: +1 prediction non-decreasing in it, -1 non-increasing, 0 free ([] = none).',
  },
  objective: {
    type: 'string',
    default: 'binary',
    choices: () => Object.keys(OBJECTIVES),
    doc: 'The loss minimised (see objectives/).',
  },
  num_class: {
    type: 'integer',
    default: 1,
    min: 1,
    max: 1e4,
    doc: 'Number of classes, for the multiclass objective.',
  },
  alpha: {
    type: 'number',
    default: 0.9,
    min: 0,
    minOpen: true,
    max: 1e300,
    doc: 'Quantile level for quantile (0 < alpha < 1), delta for huber.',
  },
  tweedie_variance_power: {
    type: 'number',
    default: 1.5,
    min: 1,
    minOpen: true,
    max: 2,
    maxOpen: true,
    doc: 'Variance power of the tweedie objective: near 1 Poisson-like, near 2 gamma-like.',
  },
  seed: {
    type: 'integer',
    default: 0,
    min: -(2 ** 53 - 1),
    max: 2 ** 53 - 1,
    doc: 'Seed of every random choice (binning sample, bagging, feature sampling).',
  },
  use_quantized_grad: {
    type: 'integer',
    default: -1,
    min: -1,
    max: 1,
    doc: 'Quantised gradients (faster histograms): 1 on, 0 off, -1 on from 100,000 training rows; true/false also accepted.',
  },
  num_grad_quant_bins: {
    type: 'integer',
    default: 4,
    min: 2,
    max: 128,
    doc: 'Levels of quantised gradients (hessians get as many, gradients half each side); odd values round down.',
  },
  quant_train_renew_leaf: {
    type: 'integer',
    default: 1,
    min: 0,
    max: 1,
    doc: 'With quantised gradients, 1 sets each leaf value from full-precision gradients after the tree is grown; true/false also accepted.',
  },
  early_stopping_rounds: {
    type: 'integer',
    default: 0,
    min: 0,
    max: 1e6,
    doc: 'Stop when the validation metric has not improved for this many rounds (0 = off).',
  },
} as const satisfies Record<string, ParamSpec>;

/** Parsed, validated parameters: every declared name with a value. */
export type GbdtParams = ParamValues<typeof GBDT_PARAMS>;
export type ParamName = keyof typeof GBDT_PARAMS;

export const PARAM_NAMES = Object.keys(GBDT_PARAMS) as ParamName[];

/** Validates `record` against GBDT_PARAMS and fills in defaults (see core/common/params.ts). */
export function parseParams(record: Readonly<Record<string, unknown>> = {}): GbdtParams {
  return parseParamRecord(GBDT_PARAMS, withFlags(record));
}

/** LightGBM writes its switches as booleans: true/false (or 'true'/'false') become 1/0. */
const FLAGS = ['use_quantized_grad', 'quant_train_renew_leaf'] as const;

function withFlags(record: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  if (!FLAGS.some((k) => typeof record[k] === 'boolean' || typeof record[k] === 'string')) {
    return record;
  }
  const out: Record<string, unknown> = { ...record };
  for (const k of FLAGS) {
    const v = out[k];
    if (v === true || v === 'true') out[k] = 1;
    else if (v === false || v === 'false') out[k] = 0;
  }
  return out;
}
