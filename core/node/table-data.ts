// Reads workspace table columns into typed arrays for learners: numbers as Float64Array (NaN for
// NULL), categories as Int32Array codes (-1 for NULL) with their levels in first-seen order.
import type { ColumnType } from '../common/schema.js';
import { quoteIdent } from './workspace/sql.js';
import type { Workspace } from './workspace/workspace.js';

export type ColumnData =
  | { name: string; type: ColumnType; kind: 'numeric'; values: Float64Array }
  | { name: string; type: ColumnType; kind: 'categorical'; codes: Int32Array; levels: string[] };

export interface TableData {
  table: string;
  rows: number;
  columns: ColumnData[];
}

const NUMERIC: ReadonlySet<ColumnType> = new Set(['integer', 'real', 'boolean']);
/** Dates become numbers for learners: days (date) or seconds (datetime) since 1970-01-01. */
const DAY_MS = 86_400_000;

/** Loads `columns` (default: all) of `table`, in one pass over its rows. */
export function loadTable(ws: Workspace, table: string, columns?: string[]): TableData {
  const ds = ws.requireDataset(table);
  const all = ws.getColumns(ds.id);
  const chosen = columns
    ? columns.map((name) => {
        const c =
          all.find((x) => x.name === name) ??
          all.find((x) => x.name.toLowerCase() === name.toLowerCase());
        if (!c)
          throw new Error(
            `table ${JSON.stringify(table)} has no column ${JSON.stringify(name)} (columns: ${all.map((x) => x.name).join(', ')})`,
          );
        return c;
      })
    : all;
  const n = ds.rowCount;
  const out: ColumnData[] = chosen.map((c) =>
    NUMERIC.has(c.type) || c.type === 'date' || c.type === 'datetime'
      ? { name: c.name, type: c.type, kind: 'numeric', values: new Float64Array(n) }
      : { name: c.name, type: c.type, kind: 'categorical', codes: new Int32Array(n), levels: [] },
  );
  const maps = out.map(() => new Map<string, number>());
  const stmt = ws.db
    .prepare(
      `SELECT ${chosen.map((c) => quoteIdent(c.name)).join(', ')} FROM ${quoteIdent(ds.name)}`,
    )
    .raw(true);
  let r = 0;
  for (const row of stmt.iterate() as IterableIterator<unknown[]>) {
    for (let c = 0; c < out.length; c++) {
      const v = row[c];
      const col = out[c]!;
      if (col.kind === 'numeric') {
        col.values[r] =
          v === null
            ? NaN
            : typeof v === 'number'
              ? v
              : col.type === 'date' || col.type === 'datetime'
                ? timeValue(String(v), col.type)
                : Number(v);
      } else if (v === null) {
        col.codes[r] = -1;
      } else {
        const key = String(v);
        let code = maps[c]!.get(key);
        if (code === undefined) {
          code = col.levels.length;
          col.levels.push(key);
          maps[c]!.set(key, code);
        }
        col.codes[r] = code;
      }
    }
    r++;
  }
  return { table: ds.name, rows: r, columns: out };
}

function timeValue(s: string, type: ColumnType): number {
  const ms = Date.parse(s.length === 10 ? `${s}T00:00:00Z` : `${s.replace(' ', 'T')}Z`);
  if (Number.isNaN(ms)) return NaN;
  return type === 'date' ? ms / DAY_MS : ms / 1000;
}
