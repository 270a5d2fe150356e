// What each model kind asks of the user: the table it trains on, the columns in each role, other
// tables it joins, each with its default in one line (the engine detects what is left blank; see
// `sightline train --help`).
export const KINDS = ['churn', 'ltv', 'demand', 'failure', 'custom'] as const;
export type Kind = (typeof KINDS)[number];

export interface Role {
  key:
    | 'id'
    | 'time'
    | 'amount'
    | 'item'
    | 'target'
    | 'positive'
    | 'attributes'
    | 'events'
    | 'holidays';
  label: string;
  /** A column of the training table, another table, or free text. */
  source: 'column' | 'table' | 'text';
  help: string;
  required?: boolean;
}

/** The roles of a transaction-log kind (churn, ltv). */
const LOG_ROLES: Role[] = [
  {
    key: 'id',
    label: 'Customer',
    source: 'column',
    help: 'Default: the column named like customer_id.',
  },
  {
    key: 'time',
    label: 'Time',
    source: 'column',
    help: 'Default: the first date or datetime column.',
  },
  {
    key: 'amount',
    label: 'Amount',
    source: 'column',
    help: 'Default: a column named amount, revenue or total.',
  },
  {
    key: 'attributes',
    label: 'Customer attributes',
    source: 'table',
    help: 'One row per customer, joined on the customer column. Default: none.',
  },
];

export const KIND_INFO: Record<Kind, { what: string; table: string; roles: Role[] }> = {
  churn: {
    what: 'Who stops buying: from a transaction log, churn in the next 90 days.',
    table: 'transactions',
    roles: LOG_ROLES,
  },
  ltv: {
    what: 'Spend per customer in the next 12 months, from a transaction log.',
    table: 'transactions',
    roles: LOG_ROLES,
  },
  demand: {
    what: 'Daily units per item, with intervals; the last 30 days are held out.',
    table: 'sales',
    roles: [
      {
        key: 'item',
        label: 'Item',
        source: 'column',
        help: 'Default: a column named like item, sku or product; none makes one series.',
      },
      { key: 'time', label: 'Date', source: 'column', help: 'Default: the first date column.' },
      {
        key: 'target',
        label: 'Quantity',
        source: 'column',
        help: 'Default: a column named like quantity, units or sales.',
      },
      {
        key: 'holidays',
        label: 'Holidays',
        source: 'table',
        help: 'A table of holiday dates used as features. Default: none.',
      },
    ],
  },
  failure: {
    what: 'Which device fails within 24 hours, from telemetry and failure events.',
    table: 'telemetry',
    roles: [
      {
        key: 'id',
        label: 'Device',
        source: 'column',
        help: 'Default: the column named like device_id.',
      },
      { key: 'time', label: 'Time', source: 'column', help: 'Default: the first datetime column.' },
      {
        key: 'events',
        label: 'Failure events',
        source: 'table',
        help: 'Device and time of each failure. Required with telemetry.',
        required: true,
      },
      {
        key: 'attributes',
        label: 'Device attributes',
        source: 'table',
        help: 'One row per device, joined on the device column. Default: none.',
      },
    ],
  },
  custom: {
    what: 'Any column of a table: binary, multiclass or regression, chosen from the target.',
    table: '',
    roles: [
      {
        key: 'target',
        label: 'Target',
        source: 'column',
        help: 'The column to predict.',
        required: true,
      },
      {
        key: 'positive',
        label: 'Positive class',
        source: 'text',
        help: 'Default: 1, true or yes, else the rarer class.',
      },
    ],
  },
};

export const LEARNERS = [
  ['auto', 'auto: compares gbdt, glm and mlp by cross-validation'],
  ['gbdt', 'gbdt: gradient-boosted trees'],
  ['glm', 'glm: regularised linear model (fastest)'],
  ['mlp', 'mlp: small neural network'],
] as const;
