// Reads a transaction log (and optionally a customer attributes table) from the workspace into
// the typed arrays models/transactions works on. Roles not named are found by name and type:
// the id is an id-like or *customer* column, the time the first date/datetime column, the amount
// a numeric column called amount, spend, revenue, value, total or price.
import { loadTable, type ColumnData } from '../../core/node/table-data.js';
import type { Workspace } from '../../core/node/workspace/workspace.js';
import type { CustomerAttributes, TransactionLog } from '../transactions/index.js';
import { describeColumns, encodeColumns, type InputColumn } from './columns.js';

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

const AMOUNT_NAMES = ['amount', 'spend', 'revenue', 'value', 'total', 'sales', 'price'];

export function resolveTxRoles(ws: Workspace, table: string, given: Partial<TxRoles>): TxRoles {
  const ds = ws.requireDataset(table);
  const cols = ws.getColumns(ds.id);
  const find = (name: string, role: string) => {
    const c =
      cols.find((x) => x.name === name) ??
      cols.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!c)
      throw new Error(
        `table ${JSON.stringify(ds.name)} has no ${role} column ${JSON.stringify(name)} (columns: ${cols.map((x) => x.name).join(', ')})`,
      );
    return c.name;
  };
  const pick = (role: string, flag: string, ok: (c: (typeof cols)[number]) => boolean) => {
    const c = cols.find(ok);
    if (!c)
      throw new Error(
        `cannot tell which column of ${JSON.stringify(ds.name)} is the ${role}; name it with ${flag}`,
      );
    return c.name;
  };
  const time = given.time
    ? find(given.time, 'time')
    : pick('time', '--time', (c) => c.type === 'date' || c.type === 'datetime');
  const id = given.id
    ? find(given.id, 'id')
    : pick(
        'customer id',
        '--id',
        (c) => /customer|client|member|user|account/i.test(c.name) && c.type !== 'real',
      );
  const amount = given.amount
    ? find(given.amount, 'amount')
    : pick(
        'amount',
        '--amount',
        (c) =>
          (c.type === 'real' || c.type === 'integer') &&
          AMOUNT_NAMES.some((n) => c.name.toLowerCase().includes(n)),
      );
  return { id, time, amount };
}

export function loadLog(ws: Workspace, table: string, roles: TxRoles, ids?: string[]): LoadedLog {
  const t = loadTable(ws, table, [roles.id, roles.time, roles.amount]);
  const [idCol, timeCol, amountCol] = t.columns as [ColumnData, ColumnData, ColumnData];
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

export interface LoadedAttributes {
  attrs: CustomerAttributes;
  specs: InputColumn[];
  /** The signup column's name, if one was found. */
  signup?: string;
  idColumn: string;
}

/**
 * Customer attributes by customer code: every column but the id (the join key, named like the
 * log's id column or given), free text and id-like columns; a date column called signup/joined/
 * created becomes the signup day (tenure counts from it); other dates are left out.
 */
export function loadAttributes(
  ws: Workspace,
  table: string,
  idName: string,
  ids: string[],
  specs?: InputColumn[],
  signupName?: string,
): LoadedAttributes {
  const ds = ws.requireDataset(table);
  const meta = ws.getColumns(ds.id);
  const t = loadTable(ws, ds.name);
  const idCol =
    t.columns.find((c) => c.name.toLowerCase() === idName.toLowerCase()) ??
    (() => {
      throw new Error(
        `attributes table ${JSON.stringify(ds.name)} has no id column ${JSON.stringify(idName)} to join on`,
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
    ? specs.map((s) => t.columns.find((c) => c.name === s.name)!)
    : t.columns.filter((c) => {
        if (c === idCol || c.name === signup) return false;
        const m = meta.find((x) => x.name === c.name)!;
        return !m.idLike && m.type !== 'text' && m.type !== 'date' && m.type !== 'datetime';
      });
  const mySpecs = specs ?? describeColumns(features);
  const enc = encodeColumns(features, mySpecs, t.rows, `attributes table ${ds.name}`);
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
