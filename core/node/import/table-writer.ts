// Inserts encoded batches into a table with multi-row INSERT statements (fewer calls into SQLite
// per row), reusing one parameter array.
import type Database from 'better-sqlite3';
import { quoteIdent } from '../workspace/sql.js';
import type { EncodedBatch } from './encode.js';

/** SQLite's default limit on bound parameters per statement is 32,766. */
const MAX_PARAMS = 32_000;
const ROWS_PER_STATEMENT = 128;

export class TableWriter {
  private readonly many: Database.Statement;
  private readonly one: Database.Statement;
  private readonly perStatement: number;
  private readonly params: (number | bigint | string | null)[];
  private pending = 0;
  rows = 0;

  constructor(db: Database.Database, table: string, columns: string[]) {
    const ncols = columns.length;
    this.perStatement = Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(MAX_PARAMS / ncols)));
    const list = columns.map(quoteIdent).join(', ');
    const tuple = `(${new Array(ncols).fill('?').join(', ')})`;
    this.many = db.prepare(
      `INSERT INTO ${quoteIdent(table)} (${list}) VALUES ${new Array(this.perStatement).fill(tuple).join(', ')}`,
    );
    this.one = db.prepare(`INSERT INTO ${quoteIdent(table)} (${list}) VALUES ${tuple}`);
    this.params = new Array(this.perStatement * ncols).fill(null);
  }

  write(b: EncodedBatch): void {
    const ncols = b.num.length;
    const params = this.params;
    const per = this.perStatement;
    let bigAt = 0;
    let r = 0;
    while (r < b.n) {
      // Fill up to a statement's worth of rows column by column: each inner loop sees one array type.
      const start = this.pending;
      const take = Math.min(per - start, b.n - r);
      for (let c = 0; c < ncols; c++) {
        const f = b.num[c];
        let at = start * ncols + c;
        if (f) {
          for (let i = r; i < r + take; i++, at += ncols) {
            const v = f[i]!;
            params[at] = v === v ? v : null;
          }
        } else {
          const s = b.str[c]!;
          for (let i = r; i < r + take; i++, at += ncols) params[at] = s[i]!;
        }
      }
      while (bigAt < b.big.length && b.big[bigAt]![0] < r + take) {
        const [row, c, v] = b.big[bigAt++]!;
        params[(start + row - r) * ncols + c] = v;
      }
      r += take;
      this.pending += take;
      if (this.pending === per) {
        this.many.run(params);
        this.rows += per;
        this.pending = 0;
      }
    }
  }

  flush(): void {
    const ncols = this.params.length / this.perStatement;
    for (let i = 0; i < this.pending; i++)
      this.one.run(this.params.slice(i * ncols, (i + 1) * ncols));
    this.rows += this.pending;
    this.pending = 0;
  }

  /** Rows written so far, including those waiting for a full statement. */
  get written(): number {
    return this.rows + this.pending;
  }
}
