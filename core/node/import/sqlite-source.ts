// Tables of another SQLite database file, read through better-sqlite3 in read-only mode.
import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { ImportError } from './errors.js';
import { TableFileSource } from './file-source.js';
import type { RawValue, RecordBatch, RecordSource } from './source.js';
import { quoteIdent } from '../workspace/sql.js';

const BATCH = 10_000;

/** Names of the user tables in an SQLite file (not its internal ones). */
export function listSqliteTables(path: string): string[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        `SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name`,
      )
      .all() as { name: string }[];
    return rows.map((r) => r.name);
  } finally {
    db.close();
  }
}

export class SqliteTableSource extends TableFileSource implements RecordSource {
  readonly format = 'sqlite' as const;
  readonly unit = 'row' as const;
  private names: string[] = [];
  private declared: string[] = [];

  constructor(
    path: string,
    readonly table: string,
  ) {
    super(path);
    this.bytes = statSync(path).size;
  }

  columns(): string[] {
    return this.names;
  }

  describe(): Record<string, unknown> {
    return { sourceTable: this.table, declaredTypes: this.declared };
  }

  async *batches(): AsyncGenerator<RecordBatch> {
    const db = new Database(this.path, { readonly: true, fileMustExist: true });
    try {
      const exists = db
        .prepare(`SELECT 1 FROM sqlite_schema WHERE name = ? AND type IN ('table','view')`)
        .get(this.table);
      if (!exists) {
        throw new ImportError(
          'format',
          `${this.path}: has no table ${JSON.stringify(this.table)} (tables: ${listSqliteTables(this.path).join(', ')})`,
          {
            file: this.path,
          },
        );
      }
      const info = db.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(this.table) as {
        name: string;
        type: string;
      }[];
      this.names = info.map((c) => c.name);
      this.declared = info.map((c) => c.type);
      this.total = (
        db.prepare(`SELECT count(*) AS n FROM ${quoteIdent(this.table)}`).get() as { n: number }
      ).n;
      const stmt = db.prepare(`SELECT * FROM ${quoteIdent(this.table)}`).raw(true);
      stmt.safeIntegers(true);
      let rows: RawValue[][] = [];
      let first = 1;
      for (const r of stmt.iterate() as IterableIterator<unknown[]>) {
        rows.push(r.map(toRaw));
        if (rows.length === BATCH) {
          this.done += rows.length;
          const start = first;
          yield { rows, lineOf: (i) => start + i };
          first += rows.length;
          rows = [];
        }
      }
      if (rows.length > 0) {
        this.done += rows.length;
        const start = first;
        yield { rows, lineOf: (i) => start + i };
      }
    } finally {
      db.close();
    }
  }
}

function toRaw(v: unknown): RawValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint' || typeof v === 'number') return String(v);
  if (Buffer.isBuffer(v)) return v.toString('base64');
  return String(v);
}
