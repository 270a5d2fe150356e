// Every MLP parameter, declared once: type, default, range and a sentence.
import { TASKS } from './tasks.js';

/*
 * Names follow the GBDT parameters where the meaning is the same (learning_rate, seed,
 * early_stopping_rounds), and Keras otherwise. Validation, CLI flags and UI forms are derived
 * from MLP_PARAMS; nothing else restates a default or a range.
 */

type Kind = 'integer' | 'number' | 'string' | 'integer[]';

export interface MlpParamSpec {
  type: Kind;
  default: number | string | readonly number[];
  /** Inclusive bounds unless minOpen / maxOpen (for numbers, and for each array element). */
  min?: number;
  max?: number;
  minOpen?: boolean;
  maxOpen?: boolean;
  /** Allowed values of a string parameter. */
  choices?: () => readonly string[];
  doc: string;
}

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

type Spec = typeof MLP_PARAMS;
type ValueOf<K extends Kind> = K extends 'string'
  ? string
  : K extends 'integer[]'
    ? number[]
    : number;

/** Parsed, validated parameters: every declared name with a value. */
export type MlpParams = { [K in keyof Spec]: ValueOf<Spec[K]['type']> };
export type MlpParamName = keyof Spec;

export const MLP_PARAM_NAMES = Object.keys(MLP_PARAMS) as MlpParamName[];

function rangeText(s: MlpParamSpec): string {
  return `${s.minOpen ? '(' : '['}${s.min}, ${s.max}${s.maxOpen ? ')' : ']'}`;
}

function checkNumber(name: string, s: MlpParamSpec, v: unknown, integer: boolean): number {
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

function parseOne(name: string, s: MlpParamSpec, v: unknown): number | string | number[] {
  switch (s.type) {
    case 'integer':
      return checkNumber(name, s, v, true);
    case 'number':
      return checkNumber(name, s, v, false);
    case 'integer[]': {
      if (!Array.isArray(v)) {
        throw new TypeError(
          `parameter '${name}' must be an array of integers, got ${JSON.stringify(v)}`,
        );
      }
      return v.map((e: unknown, i) => checkNumber(`${name}[${i}]`, s, e, true));
    }
    case 'string': {
      if (typeof v !== 'string') {
        throw new TypeError(`parameter '${name}' must be a string, got ${JSON.stringify(v)}`);
      }
      const choices = s.choices?.();
      if (choices && !choices.includes(v)) {
        throw new RangeError(
          `parameter '${name}' must be one of ${choices.join(', ')}; got '${v}'`,
        );
      }
      return v;
    }
  }
}

/**
 * Validates `record` against MLP_PARAMS and fills in defaults. Errors name the parameter;
 * an unknown name throws and lists the valid ones. `undefined` values count as absent.
 */
export function parseMlpParams(record: Readonly<Record<string, unknown>> = {}): MlpParams {
  for (const name of Object.keys(record)) {
    if (!Object.hasOwn(MLP_PARAMS, name)) {
      throw new RangeError(`unknown parameter '${name}'; valid: ${MLP_PARAM_NAMES.join(', ')}`);
    }
  }
  const out: Record<string, unknown> = {};
  for (const name of MLP_PARAM_NAMES) {
    const spec: MlpParamSpec = MLP_PARAMS[name];
    const v = record[name];
    out[name] = v === undefined ? cloneDefault(spec.default) : parseOne(name, spec, v);
  }
  return out as MlpParams;
}

function cloneDefault(v: MlpParamSpec['default']): number | string | number[] {
  return typeof v === 'object' ? [...v] : v;
}
