// Reads a transaction log (and optionally a customer attributes table) from the workspace into
// the typed arrays models/transactions works on. Roles not named are found by name and type:
// the id is an id-like or *customer* column, the time the first date/datetime column, the amount
// a numeric column called amount, spend, revenue, value, total or price.
import { loadTable } from '../../core/node/table-data.js';
import type { Workspace } from '../../core/node/workspace/workspace.js';
import type { InputColumn } from './columns.js';
import {
  attributesFromColumns,
  logFromColumns,
  type LoadedAttributes,
  type LoadedLog,
  type TxRoles,
  type TypedColumn,
} from './tx-log.js';

export type { LoadedAttributes, LoadedLog, TxRoles };

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
  return logFromColumns(t, table, roles, ids);
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
  const idLike = (c: TypedColumn) => {
    const m = meta.find((x) => x.name === c.name)!;
    return m.idLike || m.type === 'text';
  };
  return attributesFromColumns(t, ds.name, idName, ids, specs, signupName, idLike);
}
