// The CLV models' options, declared once: type, default, range and a sentence (STYLE.md
// item 8). The functions validate their option objects against these declarations, so the
// defaults below are the only copy.
import { parseParamRecord, type ParamSpec } from '../params.js';

export const CLV_PARAMS = {
  unitDays: {
    type: 'number',
    default: 7,
    min: 0,
    minOpen: true,
    max: 36525,
    doc: 'Length of the model time unit in days: 7 measures recency and T in weeks.',
  },
  penalizer: {
    type: 'number',
    default: 0,
    min: 0,
    max: 1e6,
    doc: 'L2 penalty on the model parameters, added to the mean negative log-likelihood.',
  },
  months: {
    type: 'integer',
    default: 12,
    min: 0,
    max: 1200,
    doc: 'Horizon of the lifetime value in months.',
  },
  unitsPerMonth: {
    type: 'number',
    default: 4.345,
    min: 0,
    minOpen: true,
    max: 1e6,
    doc: 'Model time units per month: 4.345 for weeks (as lifetimes), 30 for days.',
  },
  discountRate: {
    type: 'number',
    default: 0.01,
    min: 0,
    max: 100,
    doc: 'Discount rate per month applied to future spend.',
  },
  draws: {
    type: 'integer',
    default: 2000,
    min: 1,
    max: 1e7,
    doc: 'Monte-Carlo draws per customer for the spend interval.',
  },
  lower: {
    type: 'number',
    default: 0.1,
    min: 0,
    max: 1,
    doc: 'Quantile level of the lower end of the spend interval.',
  },
  upper: {
    type: 'number',
    default: 0.9,
    min: 0,
    max: 1,
    doc: 'Quantile level of the upper end of the spend interval.',
  },
} as const satisfies Record<string, ParamSpec>;

type ClvParamName = keyof typeof CLV_PARAMS;

/** Validates the named options of `opts` and fills in their defaults. */
export function clvOptions<K extends ClvParamName>(
  names: readonly K[],
  opts: Partial<Record<K, number>>,
): Record<K, number> {
  const specs = {} as Record<K, ParamSpec>;
  const record: Record<string, unknown> = {};
  for (const name of names) {
    specs[name] = CLV_PARAMS[name];
    record[name] = opts[name];
  }
  return parseParamRecord(specs, record) as Record<K, number>;
}
