// The transaction log and customer attributes from loaded columns, as models/transactions works
// on them. Pure (no Node): tx-input.ts reads the columns from the workspace, the standalone
// scorer (models/export) from the rows it is given.
import type { CustomerAttributes, TransactionLog } from '../transactions/index.js';
import { describeColumns, encodeColumns, type InputColumn } from './columns.js';

/** A loaded column with its workspace type (core/node/table-data's ColumnData, structurally). */
export type TypedColumn =
  | { name: string; type: string; kind: 'numeric'; values: Float64Array }
  | { name: string; type: string; kind: 'categorical'; codes: Int32Array; levels: string[] };

export interface TxRoles {
  id: string;
  time: string;
  amount: string;
}

export interface LoadedLog {
  tx: TransactionLog;
  /** Customer id text per customer code. */
  ids: string[];
  roles: TxRoles;
  minDay: number;
  maxDay: number;
  rows: number;
}

export interface LoadedAttributes {
  attrs: CustomerAttributes;
  specs: InputColumn[];
  /** The signup column's name, if one was found. */
  signup?: string;
  idColumn: string;
}

/**
 * The log from loaded columns: `t.columns` are the id, time and amount columns in that order
 * (dates in days, datetimes in seconds, as the workspace holds them).
 */
export function logFromColumns(
  t: { rows: number; columns: readonly TypedColumn[] },
  table: string,
  roles: TxRoles,
  ids?: string[],
): LoadedLog {
  const [idCol, timeCol, amountCol] = t.columns as [TypedColumn, TypedColumn, TypedColumn];
  if (timeCol.kind !== 'numeric' || (timeCol.type !== 'date' && timeCol.type !== 'datetime'))
    throw new Error(`${table}.${roles.time} is ${timeCol.type}, not a date or datetime column`);
  if (amountCol.kind !== 'numeric')
    throw new Error(`${table}.${roles.amount} is ${amountCol.type}, not a numeric column`);
  // Customer codes: the given id list first (scoring with a trained model's customers), new ids after.
  const index = new Map<string, number>((ids ?? []).map((s, k) => [s, k]));
  const names = [...(ids ?? [])];
  const keys = idCol.kind === 'categorical' ? idCol.levels : null;
  const customer = new Int32Array(t.rows);
  const keep: number[] = [];
  for (let i = 0; i < t.rows; i++) {
    const key =
      idCol.kind === 'categorical'
        ? idCol.codes[i]! < 0
          ? null
          : keys![idCol.codes[i]!]!
        : Number.isNaN(idCol.values[i]!)
          ? null
          : String(idCol.values[i]);
    if (key === null || Number.isNaN(timeCol.values[i]!)) continue;
    let code = index.get(key);
    if (code === undefined) {
      code = names.length;
      names.push(key);
      index.set(key, code);
    }
    customer[i] = code;
    keep.push(i);
  }
  const scale = timeCol.type === 'datetime' ? 1 / 86400 : 1;
  const tx: TransactionLog = {
    customer: Int32Array.from(keep, (i) => customer[i]!),
    time: Float64Array.from(keep, (i) => timeCol.values[i]! * scale),
    amount: Float64Array.from(keep, (i) => amountCol.values[i]!),
  };
  if (tx.time.length === 0)
    throw new Error(`table ${table} has no rows with a customer and a time`);
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (const d of tx.time) {
    minDay = Math.min(minDay, d);
    maxDay = Math.max(maxDay, d);
  }
  return { tx, ids: names, roles, minDay, maxDay, rows: t.rows };
}

/**
 * loadAttributes on loaded columns. Without `specs` the features are every column but the id,
 * the signup date, other dates and the columns `leftOut` names (id-like and free text).
 */
export function attributesFromColumns(
  t: { rows: number; columns: readonly TypedColumn[] },
  table: string,
  idName: string,
  ids: string[],
  specs?: InputColumn[],
  signupName?: string,
  leftOut: (c: TypedColumn) => boolean = () => false,
): LoadedAttributes {
  const idCol =
    t.columns.find((c) => c.name.toLowerCase() === idName.toLowerCase()) ??
    (() => {
      throw new Error(
        `attributes table ${JSON.stringify(table)} has no id column ${JSON.stringify(idName)} to join on`,
      );
    })();
  const signup =
    signupName ??
    t.columns.find(
      (c) =>
        (c.type === 'date' || c.type === 'datetime') &&
        /signup|sign_up|joined|created|start/i.test(c.name),
    )?.name;
  const features = specs
    ? specs.map(
        (s) =>
          t.columns.find((c) => c.name === s.name) ??
          (() => {
            throw new Error(
              `attributes table ${JSON.stringify(table)} has no column ${JSON.stringify(s.name)}`,
            );
          })(),
      )
    : t.columns.filter((c) => {
        if (c === idCol || c.name === signup) return false;
        return !leftOut(c) && c.type !== 'date' && c.type !== 'datetime';
      });
  const mySpecs = specs ?? describeColumns(features);
  const enc = encodeColumns(features, mySpecs, t.rows, `attributes table ${table}`);
  // rows by customer code
  const rowOf = new Int32Array(ids.length).fill(-1);
  const index = new Map(ids.map((s, k) => [s, k]));
  for (let r = 0; r < t.rows; r++) {
    const key =
      idCol.kind === 'categorical'
        ? idCol.codes[r]! < 0
          ? undefined
          : idCol.levels[idCol.codes[r]!]
        : String(idCol.values[r]);
    const code = key === undefined ? undefined : index.get(key);
    if (code !== undefined && rowOf[code] === -1) rowOf[code] = r;
  }
  const num = enc.numeric.map((c) => Float64Array.from(rowOf, (r) => (r < 0 ? NaN : c[r]!)));
  const cat = enc.categorical.map((c) => Int32Array.from(rowOf, (r) => (r < 0 ? -1 : c[r]!)));
  const attrs: CustomerAttributes = { numeric: num, categorical: cat, names: enc.names! };
  if (signup) {
    const sc = t.columns.find((c) => c.name === signup)!;
    if (sc.kind === 'numeric') {
      const scale = sc.type === 'datetime' ? 1 / 86400 : 1;
      attrs.signupDay = Float64Array.from(rowOf, (r) => (r < 0 ? NaN : sc.values[r]! * scale));
    }
  }
  return { attrs, specs: mySpecs, ...(signup ? { signup } : {}), idColumn: idCol.name };
}
