// The optional prediction log: one JSON line per scored record (time, model, version, input,
// output), appended to a file so that scores served can be audited and monitored for drift.
import { createWriteStream, type WriteStream } from 'node:fs';

export interface LoggedPrediction {
  model: string;
  version: number | null;
  input: unknown;
  output: unknown;
}

export class PredictionLog {
  private readonly out: WriteStream;
  private failed: Error | undefined;

  constructor(readonly path: string) {
    this.out = createWriteStream(path, { flags: 'a' });
    this.out.on('error', (err) => (this.failed = err));
  }

  /** Appends records; throws once the file has failed (full disk, removed folder). */
  write(entries: readonly LoggedPrediction[]): void {
    if (this.failed) throw new Error(`prediction log ${this.path}: ${this.failed.message}`);
    const time = new Date().toISOString();
    this.out.write(entries.map((e) => `${JSON.stringify({ time, ...e })}\n`).join(''));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.out.end(() => resolve()));
  }
}
