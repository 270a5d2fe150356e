// What every file-backed source shares: progress in bytes and the file's fingerprint.
import { decodeProgress, type TextStream } from './decode.js';
import { hashFile } from './fingerprint.js';
import type { SourceProgress } from './source.js';

/** A text file read through the decoder: progress and hash come from the bytes read so far. */
export abstract class TextFileSource {
  constructor(protected readonly decoded: TextStream) {}

  progress(): SourceProgress {
    return decodeProgress(this.decoded.info);
  }

  async fingerprint(): Promise<string> {
    return this.decoded.info.hash.digest('hex');
  }
}

/** A table in a binary file (SQLite, Parquet): progress is the share of its rows read. */
export abstract class TableFileSource {
  protected done = 0;
  protected total = 0;
  protected bytes = 0;

  constructor(protected readonly path: string) {}

  progress(): SourceProgress {
    return {
      bytesRead: this.total ? Math.round((this.bytes * this.done) / this.total) : 0,
      bytesTotal: this.bytes,
    };
  }

  fingerprint(): Promise<string> {
    return hashFile(this.path);
  }
}
