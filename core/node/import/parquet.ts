// Parquet files through hyparquet (pure JS, maintained), read a window of rows at a time.
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import { TableFileSource } from './file-source.js';
import type { RawValue, RecordBatch, RecordSource } from './source.js';

const WINDOW = 50_000;

export class ParquetSource extends TableFileSource implements RecordSource {
  readonly format = 'parquet' as const;
  readonly unit = 'row' as const;
  private names: string[] = [];

  columns(): string[] {
    return this.names;
  }

  describe(): Record<string, unknown> {
    return { rows: this.total };
  }

  async *batches(): AsyncGenerator<RecordBatch> {
    const file = await asyncBufferFromFile(this.path);
    this.bytes = file.byteLength;
    const metadata = await parquetMetadataAsync(file);
    this.total = Number(metadata.num_rows);
    this.names = parquetSchema(metadata).children.map((c) => c.element.name);
    for (let start = 0; start < this.total; start += WINDOW) {
      const end = Math.min(this.total, start + WINDOW);
      let got: unknown[][] = [];
      await parquetRead({
        file,
        metadata,
        rowStart: start,
        rowEnd: end,
        onComplete: (rows: unknown[][]) => (got = rows),
      });
      const rows: RawValue[][] = got.map((r) => r.map(toRaw));
      this.done = end;
      yield { rows, lineOf: (i) => start + i + 1 };
    }
  }
}

function toRaw(v: unknown): RawValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z')
      ? iso.slice(0, 10)
      : iso.replace('T', ' ').replace(/\.000Z$|Z$/, '');
  }
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
}
