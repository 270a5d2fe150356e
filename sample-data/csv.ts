// Streaming CSV output for the sample generators: UTF-8, LF, `,` delimiter, RFC 4180 quoting,
// numbers with a fixed number of decimals so the bytes do not depend on float printing.
import { open, rename, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/** What a finished file reports back to generateSamples. */
export interface WrittenFile {
  name: string;
  path: string;
  rows: number;
  bytes: number;
}

/** Buffer size before a write to disk; big enough that the await per chunk costs nothing. */
const CHUNK_CHARS = 1 << 17;

/**
 * Appends lines to `<name>.partial` in chunks and renames it to `<name>` on close, so a
 * crashed or failed run never leaves a truncated file under the real name.
 */
export class CsvWriter {
  private buf = '';
  private rowCount = 0;
  private byteCount = 0;

  private constructor(
    private readonly fh: FileHandle,
    private readonly name: string,
    private readonly path: string,
  ) {}

  static async create(outDir: string, name: string, header: readonly string[]): Promise<CsvWriter> {
    const path = join(outDir, name);
    const fh = await open(`${path}.partial`, 'w');
    const w = new CsvWriter(fh, name, path);
    w.buf = header.join(',') + '\n';
    return w;
  }

  get rows(): number {
    return this.rowCount;
  }

  /** Adds one data row: `line` is the already-joined fields, without the trailing LF. */
  async row(line: string): Promise<void> {
    this.buf += line + '\n';
    this.rowCount++;
    if (this.buf.length >= CHUNK_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buf.length === 0) return;
    const { bytesWritten } = await this.fh.write(this.buf, null, 'utf8');
    this.byteCount += bytesWritten;
    this.buf = '';
  }

  async close(): Promise<WrittenFile> {
    try {
      await this.flush();
    } finally {
      await this.fh.close();
    }
    await rename(`${this.path}.partial`, this.path);
    return { name: this.name, path: this.path, rows: this.rowCount, bytes: this.byteCount };
  }

  /** Closes and deletes the partial file (after an error). */
  async discard(): Promise<void> {
    await this.fh.close().catch(() => undefined);
    await rm(`${this.path}.partial`, { force: true });
  }
}

/** Runs `body` with a writer, closing it on success and discarding it on failure. */
export async function withCsv(
  outDir: string,
  name: string,
  header: readonly string[],
  body: (w: CsvWriter) => Promise<void>,
): Promise<WrittenFile> {
  const w = await CsvWriter.create(outDir, name, header);
  try {
    await body(w);
  } catch (err) {
    await w.discard();
    throw err;
  }
  return w.close();
}

/** A number with exactly `decimals` decimals; never "-0.00". */
export function fixed(x: number, decimals: number): string {
  const s = x.toFixed(decimals);
  return s.charCodeAt(0) === 45 /* - */ && Number(s) === 0 ? s.slice(1) : s;
}

/** A text field, quoted when it holds a comma, a quote or a line break. */
export function text(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A zero-padded identifier: id('C', 7, 6) → "C000007". */
export function id(prefix: string, n: number, width: number): string {
  return prefix + String(n).padStart(width, '0');
}

/**
 * Parses CSV text in the format written above (RFC 4180: quoted fields may hold commas,
 * doubled quotes and line breaks) into rows of fields, header row included.
 */
export function parseCsv(input: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    let value = '';
    if (input[i] === '"') {
      i++;
      for (;;) {
        const q = input.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quoted field');
        value += input.slice(i, q);
        if (input[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      let j = i;
      while (j < n && input[j] !== ',' && input[j] !== '\n') j++;
      value = input.slice(i, j);
      i = j;
    }
    row.push(value);
    if (input[i] === ',') {
      i++;
      if (i === n) row.push('');
    } else {
      rows.push(row);
      row = [];
      i++; // the LF (or the end)
    }
  }
  return rows;
}
