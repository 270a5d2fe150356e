// JSON Lines: one JSON object per line. Columns are the keys seen in the sample, in the order
// first seen; nested objects and arrays are kept as JSON text.
import { decodeDetails, decodeFile, type DecodeOptions } from './decode.js';
import { TextFileSource } from './file-source.js';
import type { RawValue, RecordBatch, RecordSource } from './source.js';

export class JsonLinesSource extends TextFileSource implements RecordSource {
  readonly format = 'jsonl' as const;
  readonly unit = 'line' as const;
  private readonly keys: string[] = [];
  private readonly index = new Map<string, number>();
  private frozen = false;
  private records = 0;

  /** Keys seen in the first `sampleRows` records are the columns; later new keys are problems. */
  constructor(
    path: string,
    options: DecodeOptions = {},
    private readonly sampleRows = Infinity,
  ) {
    super(decodeFile(path, options));
  }

  columns(): string[] {
    return this.keys;
  }

  freezeColumns(): void {
    this.frozen = true;
  }

  describe(): Record<string, unknown> {
    return {
      ...decodeDetails(this.decoded.info),
    };
  }

  async *batches(): AsyncGenerator<RecordBatch> {
    let pending = '';
    let line = 0;
    for await (const chunk of this.decoded.chunks) {
      const text = pending + chunk;
      const end = text.lastIndexOf('\n');
      if (end < 0) {
        pending = text;
        continue;
      }
      pending = text.slice(end + 1);
      const batch = this.parseLines(text.slice(0, end), line);
      line += batch.count;
      if (batch.rows.length > 0) yield batch;
    }
    if (pending.trim().length > 0) {
      const batch = this.parseLines(pending, line);
      if (batch.rows.length > 0) yield batch;
    }
  }

  private parseLines(text: string, firstLine: number): RecordBatch & { count: number } {
    const parts = text.split('\n');
    const rows: RawValue[][] = [];
    const lines: number[] = [];
    const problems = new Map<number, string>();
    for (let i = 0; i < parts.length; i++) {
      const raw = parts[i]!;
      if (raw.trim().length === 0) continue;
      const at = rows.length;
      lines.push(firstLine + i + 1);
      let obj: unknown;
      try {
        obj = JSON.parse(raw);
      } catch (err) {
        problems.set(at, `not valid JSON (${(err as Error).message})`);
        rows.push([]);
        continue;
      }
      if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
        problems.set(at, 'a JSON Lines record must be an object');
        rows.push([]);
        continue;
      }
      if (++this.records > this.sampleRows) this.frozen = true;
      const row: RawValue[] = new Array<RawValue>(this.keys.length).fill(null);
      for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
        let pos = this.index.get(k);
        if (pos === undefined) {
          if (this.frozen) {
            problems.set(
              at,
              `unexpected field ${JSON.stringify(k)} (not in the first rows that fixed the columns)`,
            );
            continue;
          }
          pos = this.keys.length;
          this.keys.push(k);
          this.index.set(k, pos);
        }
        row[pos] =
          v === null || v === undefined
            ? null
            : typeof v === 'object'
              ? JSON.stringify(v)
              : String(v);
      }
      rows.push(row);
    }
    // Rows read before a later key appeared are shorter: pad them so every row has every column.
    for (const r of rows) while (r.length < this.keys.length && r.length > 0) r.push(null);
    return {
      rows,
      count: parts.length,
      lineOf: (i) => lines[i] ?? firstLine + 1,
      problemOf: (i) => problems.get(i),
    };
  }
}
