// Every MLP parameter, declared once: type, default, range and a sentence.
import { type ParamSpec, type ParamValues, parseParamRecord } from '../params.js';
import { TASKS } from './tasks.js';

/*
 * Names follow the GBDT parameters where the meaning is the same (learning_rate, seed,
 * early_stopping_rounds), and Keras otherwise. Validation, CLI flags and UI forms are derived
 * from MLP_PARAMS; nothing else restates a default or a range.
 */

/** The MLP's parameter declarations use the project's one ParamSpec. */
export type MlpParamSpec = ParamSpec;

export const MLP_PARAMS = {
  task: {
    type: 'string',
    default: 'binary',
    choices: () => Object.keys(TASKS),
    doc: 'What is predicted: output activation and loss (see tasks.ts).',
  },
  num_class: {
    type: 'integer',
    default: 2,
    min: 2,
    max: 1e4,
    doc: 'Number of classes, for the multiclass task (labels 0 … num_class − 1).',
  },
  hidden_units: {
    type: 'integer[]',
    default: [64, 32],
    min: 1,
    max: 65536,
    doc: 'Units of each hidden ReLU layer, input side first ([] = a linear model).',
  },
  dropout: {
    type: 'number',
    default: 0,
    min: 0,
    max: 1,
    maxOpen: true,
    doc: 'Fraction of hidden units zeroed at random in each training step.',
  },
  learning_rate: {
    type: 'number',
    default: 1e-3,
    min: 0,
    minOpen: true,
    max: 10,
    doc: 'Step size of the Adam optimiser.',
  },
  batch_size: {
    type: 'integer',
    default: 256,
    min: 1,
    max: 1e7,
    doc: 'Rows per gradient step.',
  },
  epochs: {
    type: 'integer',
    default: 50,
    min: 1,
    max: 1e6,
    doc: 'Most passes over the training rows.',
  },
  early_stopping_rounds: {
    type: 'integer',
    default: 0,
    min: 0,
    max: 1e6,
    doc: 'Stop when the validation loss has not improved for this many epochs, keeping the best weights (0 = off).',
  },
  validation_fraction: {
    type: 'number',
    default: 0.1,
    min: 0,
    minOpen: true,
    max: 1,
    maxOpen: true,
    doc: 'With early stopping and no validation set given, the fraction of rows held out for it.',
  },
  max_categories: {
    type: 'integer',
    default: 100,
    min: 1,
    max: 1e5,
    doc: 'One-hot columns per categorical feature: its most frequent training codes; rarer codes encode as all zeros.',
  },
  seed: {
    type: 'integer',
    default: 0,
    min: -(2 ** 53 - 1),
    max: 2 ** 53 - 1,
    doc: 'Seed of every random choice (initial weights, validation split, batch order, dropout).',
  },
} as const satisfies Record<string, MlpParamSpec>;

/** Parsed, validated parameters: every declared name with a value. */
export type MlpParams = ParamValues<typeof MLP_PARAMS>;
export type MlpParamName = keyof typeof MLP_PARAMS;

export const MLP_PARAM_NAMES = Object.keys(MLP_PARAMS) as MlpParamName[];

/** Validates `record` against MLP_PARAMS and fills in defaults (see core/common/params.ts). */
export function parseMlpParams(record: Readonly<Record<string, unknown>> = {}): MlpParams {
  return parseParamRecord(MLP_PARAMS, record);
}
