// Which reader a file needs, from its magic bytes first and its name second.
import { createGunzip } from 'node:zlib';
import { createReadStream, statSync } from 'node:fs';
import { SQLITE_MAGIC } from '../workspace/header.js';
import { ImportError } from './errors.js';
import { isGzip, readHead } from './decode.js';

export type SourceFormat = 'csv' | 'jsonl' | 'sqlite' | 'parquet';
export const SOURCE_FORMATS: readonly SourceFormat[] = ['csv', 'jsonl', 'sqlite', 'parquet'];

export async function detectFormat(path: string): Promise<SourceFormat> {
  const st = statSync(path);
  if (!st.isFile()) throw new ImportError('format', `${path}: is not a file`, { file: path });
  if (st.size === 0)
    throw new ImportError('empty', `${path}: the file is empty (0 bytes); nothing to import`, {
      file: path,
    });
  const head = readHead(path, 16);
  if (head.toString('latin1') === SQLITE_MAGIC) return 'sqlite';
  if (head.subarray(0, 4).toString('latin1') === 'PAR1') return 'parquet';
  if (/\.(jsonl|ndjson)(\.gz)?$/i.test(path)) return 'jsonl';
  const text = isGzip(head) ? await gunzipHead(path, 4096) : readHead(path, 4096).toString('utf8');
  const first = text.replace(/^\uFEFF/, '').trimStart();
  if (first.startsWith('{')) return 'jsonl';
  return 'csv';
}

async function gunzipHead(path: string, n: number): Promise<string> {
  const chunks: Buffer[] = [];
  let got = 0;
  const stream = createReadStream(path).pipe(createGunzip());
  try {
    for await (const c of stream as AsyncIterable<Buffer>) {
      chunks.push(c);
      got += c.length;
      if (got >= n) break;
    }
  } catch {
    // A damaged gzip stream is reported by the reader with the file name.
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).toString('utf8');
}
