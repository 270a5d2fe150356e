// Turns batches of raw rows into typed column buffers, applying the column types and the on-error
// policy. It has no SQLite in it, so it runs the same in the importing thread or in a worker
// (import-worker.ts) while the importing thread only inserts.
import { isMissing, makeConverter } from '../../common/infer/index.js';
import type { ColumnType } from '../../common/schema.js';
import { ImportError, located } from './errors.js';
import { KEPT_PROBLEMS, type OnError, type RowProblem } from './report.js';
import type { RecordBatch } from './source.js';

/** A column's settled type, as sent to a worker. */
export interface ColumnSpec {
  name: string;
  type: ColumnType;
  typeSource: 'inferred' | 'user' | 'existing';
  dateFormat: string | undefined;
}

/**
 * One batch of rows ready to insert. Numeric columns (integer, real, boolean) are Float64Arrays
 * with NaN for NULL (the converters never produce NaN); integers beyond 2^53 travel as `big`.
 * Other columns are arrays of strings or null.
 */
export interface EncodedBatch {
  n: number;
  num: (Float64Array | null)[];
  str: ((string | null)[] | null)[];
  big: [row: number, column: number, value: bigint][];
}

export interface EncodeCounters {
  rowsRead: number;
  rowsSkipped: number;
  valuesNulled: number;
  blankLines: number;
  problemCount: number;
}

const NUMERIC: ReadonlySet<ColumnType> = new Set(['integer', 'real', 'boolean']);

export function isNumericType(t: ColumnType): boolean {
  return NUMERIC.has(t);
}

export class BatchEncoder {
  readonly problems: RowProblem[] = [];
  readonly counters: EncodeCounters = {
    rowsRead: 0,
    rowsSkipped: 0,
    valuesNulled: 0,
    blankLines: 0,
    problemCount: 0,
  };
  /** Notes per column (an integer column widened to real, …). */
  readonly notes: string[][];
  private readonly converters: ((s: string) => number | bigint | string | undefined)[];
  private readonly numeric: boolean[];

  constructor(
    readonly columns: ColumnSpec[],
    private readonly onError: OnError,
    private readonly unit: 'line' | 'row',
    private readonly file: string,
  ) {
    this.converters = columns.map((c) =>
      makeConverter(c.type, c.dateFormat ? { dateFormat: c.dateFormat } : {}),
    );
    this.numeric = columns.map((c) => NUMERIC.has(c.type));
    this.notes = columns.map(() => []);
  }

  encode(batch: RecordBatch): EncodedBatch {
    const ncols = this.columns.length;
    const rows = batch.rows;
    const cap = rows.length;
    const num = this.numeric.map((isNum) => (isNum ? new Float64Array(cap) : null));
    const str = this.numeric.map((isNum) => (isNum ? null : new Array<string | null>(cap)));
    const big: EncodedBatch['big'] = [];
    const converters = this.converters;
    const c0 = this.counters;
    let out = 0;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      c0.rowsRead++;
      const recordProblem = batch.problemOf?.(r);
      if (recordProblem !== undefined) {
        this.problem({ line: batch.lineOf(r), kind: 'record', message: recordProblem });
        if (row.length === 0 || this.onError !== 'null') {
          c0.rowsSkipped++;
          continue;
        }
      }
      const n = row.length;
      if (n !== ncols) {
        if (n === 1 && row[0] === '') {
          c0.blankLines++;
          c0.rowsRead--;
          continue;
        }
        this.problem({
          line: batch.lineOf(r),
          kind: 'field_count',
          message: `has ${n} fields where the header has ${ncols}`,
        });
        if (this.onError !== 'null' || n > ncols) {
          c0.rowsSkipped++;
          continue;
        }
      }
      let ok = true;
      for (let c = 0; c < ncols; c++) {
        const s = row[c];
        const f = num[c];
        // Numbers are converted first and checked for missing markers only when that fails (no
        // marker parses as a number); text must be checked first, as "NA" is a valid string.
        if (s === undefined || s === null || (!f && isMissing(s))) {
          if (f) f[out] = NaN;
          else str[c]![out] = null;
          continue;
        }
        let v = converters[c]!(s);
        if (v === undefined && f && isMissing(s)) {
          f[out] = NaN;
          continue;
        }
        if (v === undefined) v = this.widen(c, s);
        if (v === undefined) {
          const shown = s.length > 80 ? `${s.slice(0, 77)}...` : s;
          const col = this.columns[c]!;
          this.problem({
            line: batch.lineOf(r),
            kind: 'parse',
            column: col.name,
            value: shown,
            message: `${JSON.stringify(shown)} is not a valid ${col.type}${col.dateFormat ? ` (${col.dateFormat})` : ''}`,
          });
          if (this.onError === 'null') {
            c0.valuesNulled++;
            if (f) f[out] = NaN;
            else str[c]![out] = null;
            continue;
          }
          ok = false;
          break;
        }
        if (f) {
          if (typeof v === 'bigint') {
            big.push([out, c, v]);
            f[out] = NaN;
          } else f[out] = v as number;
        } else str[c]![out] = v as string;
      }
      if (!ok) {
        c0.rowsSkipped++;
        continue;
      }
      out++;
    }
    return { n: out, num, str, big };
  }

  /** An inferred integer column that meets a decimal becomes real; nothing else widens silently. */
  private widen(c: number, s: string): number | undefined {
    const col = this.columns[c]!;
    if (col.type !== 'integer' || col.typeSource !== 'inferred') return undefined;
    const real = makeConverter('real');
    const v = real(s);
    if (v === undefined) return undefined;
    col.type = 'real';
    this.converters[c] = real;
    this.notes[c]!.push(
      `widened from integer to real at value ${JSON.stringify(s)} (the sample held only integers)`,
    );
    return v as number;
  }

  private problem(p: Omit<RowProblem, 'unit'>): void {
    this.counters.problemCount++;
    if (this.onError === 'fail') {
      throw new ImportError(
        'row_problem',
        `${located(this.file, p.line, p.column, p.message)} (--on-error fail stops at the first problem; use skip or null to go on)`,
        { file: this.file, line: p.line, ...(p.column !== undefined ? { column: p.column } : {}) },
      );
    }
    if (this.problems.length < KEPT_PROBLEMS) this.problems.push({ ...p, unit: this.unit });
  }
}
