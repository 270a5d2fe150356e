// Turns a file's bytes into text: gzip by its magic bytes, the encoding by its BOM, by a check of
// UTF-8 validity, or as the user says. A UTF-8 file with stray Latin-1 bytes (a mixed file) is
// read byte-for-byte as Windows-1252 where the UTF-8 is invalid, and the report says how often.
import { createReadStream, openSync, readSync, closeSync, fstatSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createHash, type Hash } from 'node:crypto';
import { ImportError } from './errors.js';

export const SUPPORTED_ENCODINGS = [
  'utf-8',
  'utf-16le',
  'utf-16be',
  'windows-1252',
  'latin1',
] as const;

export interface DecodeInfo {
  encoding: string;
  /** How the encoding was chosen. */
  encodingSource: 'bom' | 'user' | 'detected';
  compressed: boolean;
  /** Bytes that were not valid UTF-8 and were read as Windows-1252 instead. */
  invalidUtf8Bytes: number;
  /** Size of the file on disk and the bytes of it read so far (compressed bytes for gzip). */
  fileBytes: number;
  bytesRead: number;
  /** SHA-256 of the file's bytes as stored (compressed for gzip), complete once the stream ends. */
  hash: Hash;
}

export interface DecodeOptions {
  encoding?: string;
  signal?: AbortSignal;
  chunkBytes?: number;
}

const GZIP = [0x1f, 0x8b];

export function isGzip(head: Uint8Array): boolean {
  return head[0] === GZIP[0] && head[1] === GZIP[1];
}

export function readHead(path: string, n: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

export function normaliseEncoding(enc: string): string {
  const e = enc.toLowerCase().replace(/_/g, '-');
  const map: Record<string, string> = {
    utf8: 'utf-8',
    'utf-8': 'utf-8',
    utf16le: 'utf-16le',
    'utf-16le': 'utf-16le',
    'utf-16': 'utf-16le',
    utf16be: 'utf-16be',
    'utf-16be': 'utf-16be',
    latin1: 'windows-1252',
    'latin-1': 'windows-1252',
    'iso-8859-1': 'windows-1252',
    cp1252: 'windows-1252',
    'windows-1252': 'windows-1252',
  };
  const out = map[e];
  if (!out)
    throw new ImportError(
      'options',
      `unknown encoding ${JSON.stringify(enc)} (use one of utf-8, utf-16le, utf-16be, windows-1252, latin1)`,
    );
  return out;
}

/** Opens `path` as a stream of decoded text chunks; `info` fills in as the stream is read. */
/** Decoded text arriving in chunks, with what is known about the bytes behind it. */
export interface TextStream {
  info: DecodeInfo;
  chunks: AsyncIterable<string>;
}

export function decodeFile(
  path: string,
  options: DecodeOptions = {},
): TextStream & { chunks: AsyncGenerator<string> } {
  const fd = openSync(path, 'r');
  const fileBytes = fstatSync(fd).size;
  const head = Buffer.alloc(4);
  readSync(fd, head, 0, 4, 0);
  const info: DecodeInfo = {
    encoding: options.encoding ? normaliseEncoding(options.encoding) : 'utf-8',
    encodingSource: options.encoding ? 'user' : 'detected',
    compressed: isGzip(head),
    invalidUtf8Bytes: 0,
    fileBytes,
    bytesRead: 0,
    hash: createHash('sha256'),
  };
  // 256 KB chunks: as fast as larger ones, and the import's peak memory is markedly lower.
  const chunkBytes = options.chunkBytes ?? 1 << 18;
  const file = createReadStream('', { fd, highWaterMark: chunkBytes });
  file.on('data', (b) => {
    info.bytesRead += b.length;
    info.hash.update(b as Buffer);
  });
  const source: AsyncIterable<Buffer> = info.compressed
    ? file.pipe(createGunzip({ chunkSize: chunkBytes }))
    : file;
  return { info, chunks: decodeStream(source, info, options.signal, path, () => file.destroy()) };
}

async function* decodeStream(
  source: AsyncIterable<Buffer>,
  info: DecodeInfo,
  signal: AbortSignal | undefined,
  path: string,
  destroy: () => void,
): AsyncGenerator<string> {
  let decoder: ((bytes: Uint8Array, last: boolean) => string) | undefined;
  let first = true;
  try {
    for await (const chunk of source) {
      if (signal?.aborted) throw new ImportError('cancelled', `${path}: import cancelled`);
      let bytes: Uint8Array = chunk;
      if (first) {
        first = false;
        const bom = detectBom(bytes);
        if (bom && info.encodingSource !== 'user') {
          info.encoding = bom.encoding;
          info.encodingSource = 'bom';
        }
        if (bom && bom.encoding === info.encoding) bytes = bytes.subarray(bom.length);
        if (info.encodingSource === 'detected') info.encoding = sniffEncoding(bytes);
        if (info.encoding === 'utf-8' || info.encoding === 'windows-1252')
          checkNotBinary(bytes, path);
        decoder = makeDecoder(info);
      }
      const text = decoder!(bytes, false);
      if (text.length > 0) yield text;
    }
    if (first) return;
    const tail = decoder!(new Uint8Array(0), true);
    if (tail.length > 0) yield tail;
  } catch (err) {
    if (
      (err as { code?: string }).code === 'Z_DATA_ERROR' ||
      (err as { code?: string }).code === 'Z_BUF_ERROR'
    ) {
      throw new ImportError(
        'format',
        `${path}: the gzip data is damaged or cut short (${(err as Error).message})`,
        { file: path },
      );
    }
    throw err;
  } finally {
    destroy();
  }
}

function detectBom(b: Uint8Array): { encoding: string; length: number } | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/**
 * UTF-8 unless the first chunk has invalid UTF-8 and no valid multi-byte sequence at all, which is
 * what a Latin-1 / Windows-1252 file looks like. A file with both is mixed: read as UTF-8 with a
 * per-byte Windows-1252 fallback.
 */
export function sniffEncoding(b: Uint8Array): string {
  const scan = scanUtf8(b.subarray(0, Math.min(b.length, 1 << 22)));
  return scan.invalid > 0 && scan.multibyte === 0 ? 'windows-1252' : 'utf-8';
}

function checkNotBinary(b: Uint8Array, path: string): void {
  const n = Math.min(b.length, 65536);
  let nul = 0;
  for (let i = 0; i < n; i++) if (b[i] === 0) nul++;
  if (nul > 0) {
    throw new ImportError(
      'binary',
      `${path}: looks like a binary file (${nul} NUL bytes in the first ${n} bytes), not delimited text; supported formats are CSV/TSV (optionally gzip), JSON Lines, Parquet and SQLite databases`,
      { file: path },
    );
  }
}

function makeDecoder(info: DecodeInfo): (bytes: Uint8Array, last: boolean) => string {
  if (info.encoding !== 'utf-8') {
    const td = new TextDecoder(info.encoding);
    return (bytes, last) => td.decode(bytes, { stream: !last });
  }
  const fatal = new TextDecoder('utf-8', { fatal: true });
  let carry: Uint8Array = new Uint8Array(0);
  return (bytes, last) => {
    let all = bytes;
    if (carry.length > 0) {
      all = new Uint8Array(carry.length + bytes.length);
      all.set(carry, 0);
      all.set(bytes, carry.length);
    }
    const cut = last ? all.length : completeUtf8Prefix(all);
    carry = all.slice(cut);
    const body = all.subarray(0, cut);
    try {
      return fatal.decode(body);
    } catch {
      return decodeMixed(body, info);
    }
  };
}

/** Length of the prefix of `b` that does not end inside a (possibly valid) UTF-8 sequence. */
export function completeUtf8Prefix(b: Uint8Array): number {
  const n = b.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const c = b[n - back]!;
    if ((c & 0xc0) !== 0x80) {
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
      return need > back ? n - back : n;
    }
  }
  return n;
}

const CP1252_HIGH = new TextDecoder('windows-1252');

/** Decodes valid UTF-8 sequences as UTF-8 and every other byte as Windows-1252. */
export function decodeMixed(b: Uint8Array, info: DecodeInfo): string {
  let out = '';
  let i = 0;
  while (i < b.length) {
    const len = utf8SequenceLength(b, i);
    if (len > 0) {
      out +=
        len === 1 ? String.fromCharCode(b[i]!) : new TextDecoder().decode(b.subarray(i, i + len));
      i += len;
    } else {
      out += CP1252_HIGH.decode(b.subarray(i, i + 1));
      info.invalidUtf8Bytes++;
      i++;
    }
  }
  return out;
}

/** Length of the valid UTF-8 sequence starting at b[i], or 0 when it is not one. */
function utf8SequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  let need: number;
  let min: number;
  if (c >= 0xc2 && c <= 0xdf) [need, min] = [2, 0x80];
  else if (c >= 0xe0 && c <= 0xef) [need, min] = [3, 0x800];
  else if (c >= 0xf0 && c <= 0xf4) [need, min] = [4, 0x10000];
  else return 0;
  if (i + need > b.length) return 0;
  let cp = c & (need === 2 ? 0x1f : need === 3 ? 0x0f : 0x07);
  for (let k = 1; k < need; k++) {
    const d = b[i + k]!;
    if ((d & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (d & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return need;
}

function scanUtf8(b: Uint8Array): { invalid: number; multibyte: number } {
  let invalid = 0;
  let multibyte = 0;
  let i = 0;
  const end = Math.max(0, b.length - 3); // a sequence cut by the chunk end is not counted
  while (i < end) {
    if (b[i]! < 0x80) {
      i++;
      continue;
    }
    const len = utf8SequenceLength(b, i);
    if (len === 0) {
      invalid++;
      i++;
    } else {
      multibyte++;
      i += len;
    }
  }
  return { invalid, multibyte };
}

/** What the import report says about the bytes of a text file. */
export function decodeDetails(i: DecodeInfo): Record<string, unknown> {
  return {
    encoding: i.encoding,
    encodingSource: i.encodingSource,
    compressed: i.compressed ? 'gzip' : null,
    invalidUtf8Bytes: i.invalidUtf8Bytes,
  };
}

/** Progress through a text file, in bytes of the file as stored. */
export function decodeProgress(i: DecodeInfo): { bytesRead: number; bytesTotal: number } {
  return { bytesRead: i.bytesRead, bytesTotal: i.fileBytes };
}
