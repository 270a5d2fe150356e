// Worker thread for large delimited files: reads, parses and converts rows while the importing
// thread inserts them. At most a few batches are in flight, so memory stays bounded.
import { parentPort, workerData } from 'node:worker_threads';
import { DelimitedSource, type DelimitedOptions } from './delimited.js';
import { BatchEncoder, type ColumnSpec, type EncodedBatch } from './encode.js';
import type { OnError } from './report.js';

export interface WorkerInput {
  path: string;
  options: DelimitedOptions;
  columns: ColumnSpec[];
  onError: OnError;
}

export type WorkerMessage =
  | {
      type: 'batch';
      batch: EncodedBatch;
      bytesRead: number;
      bytesTotal: number;
    }
  | {
      type: 'done';
      counters: BatchEncoder['counters'];
      problems: BatchEncoder['problems'];
      notes: string[][];
      types: string[];
      details: Record<string, unknown>;
      fingerprint: string;
    }
  | { type: 'error'; error: { name: string; code?: string; message: string; where?: unknown } };

const MAX_IN_FLIGHT = 4;
const port = parentPort!;
const input = workerData as WorkerInput;
let inFlight = 0;
let wake: (() => void) | undefined;
port.on('message', (m) => {
  if (m === 'ack') {
    inFlight--;
    wake?.();
    wake = undefined;
  }
});

try {
  const source = new DelimitedSource(input.path, input.options);
  const encoder = new BatchEncoder(input.columns, input.onError, 'line', input.path);
  for await (const raw of source.batches()) {
    const batch = encoder.encode(raw);
    const { bytesRead, bytesTotal } = source.progress();
    const transfer = batch.num
      .filter((f): f is Float64Array => f !== null)
      .map((f) => f.buffer as ArrayBuffer);
    port.postMessage(
      { type: 'batch', batch, bytesRead, bytesTotal } satisfies WorkerMessage,
      transfer,
    );
    inFlight++;
    while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((r) => (wake = r));
  }
  port.postMessage({
    type: 'done',
    counters: encoder.counters,
    problems: encoder.problems,
    notes: encoder.notes,
    types: encoder.columns.map((c) => c.type),
    details: source.describe(),
    fingerprint: await source.fingerprint(),
  } satisfies WorkerMessage);
} catch (err) {
  const e = err as Error & { code?: string; where?: unknown };
  port.postMessage({
    type: 'error',
    error: { name: e.name, code: e.code, message: e.message, where: e.where },
  } satisfies WorkerMessage);
}
