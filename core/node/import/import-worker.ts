// Worker thread for large delimited files: parses and converts rows while the importing thread
// reads, decodes and hashes the file and inserts the rows. Text comes in and batches go out with
// at most a few of each in flight, so memory stays bounded.
import { parentPort, workerData } from 'node:worker_threads';
import type { DecodeInfo } from './decode.js';
import { DelimitedSource, type DelimitedOptions } from './delimited.js';
import { BatchEncoder, type ColumnSpec, type EncodedBatch } from './encode.js';
import type { OnError } from './report.js';

export interface WorkerInput {
  path: string;
  options: DelimitedOptions;
  columns: ColumnSpec[];
  onError: OnError;
}

/** From the importing thread: text to parse, its end, and acknowledgements of batches. */
export type ToWorker = { type: 'text'; text: string } | { type: 'end' } | { type: 'ack' };

export type WorkerMessage =
  /** The worker has taken `pulled` text chunks so far (the importing thread may send more). */
  | { type: 'pulled'; pulled: number }
  | { type: 'batch'; batch: EncodedBatch }
  | {
      type: 'done';
      counters: BatchEncoder['counters'];
      problems: BatchEncoder['problems'];
      notes: string[][];
      types: string[];
      details: Record<string, unknown>;
    }
  | { type: 'error'; error: { name: string; code?: string; message: string; where?: unknown } };

const MAX_BATCHES_IN_FLIGHT = 4;
const port = parentPort!;
const input = workerData as WorkerInput;

const texts: string[] = [];
let ended = false;
let batchesInFlight = 0;
let wake: (() => void) | undefined;
port.on('message', (m: ToWorker) => {
  if (m.type === 'text') texts.push(m.text);
  else if (m.type === 'end') ended = true;
  else batchesInFlight--;
  const w = wake;
  wake = undefined;
  w?.();
});
const sleep = () => new Promise<void>((r) => (wake = r));

async function* textChunks(): AsyncGenerator<string> {
  let pulled = 0;
  for (;;) {
    const t = texts.shift();
    if (t !== undefined) {
      port.postMessage({ type: 'pulled', pulled: ++pulled } satisfies WorkerMessage);
      yield t;
    } else if (ended) return;
    else await sleep();
  }
}

// Decoding happens in the importing thread; this stand-in only satisfies the source's interface.
const info = {
  encoding: 'utf-8',
  encodingSource: 'detected',
  compressed: false,
  invalidUtf8Bytes: 0,
  fileBytes: 0,
  bytesRead: 0,
} as DecodeInfo;

try {
  const source = new DelimitedSource(input.path, input.options, { info, chunks: textChunks() });
  const encoder = new BatchEncoder(input.columns, input.onError, 'line', input.path);
  for await (const raw of source.batches()) {
    const batch = encoder.encode(raw);
    const transfer = batch.num
      .filter((f): f is Float64Array => f !== null)
      .map((f) => f.buffer as ArrayBuffer);
    port.postMessage({ type: 'batch', batch } satisfies WorkerMessage, transfer);
    batchesInFlight++;
    while (batchesInFlight >= MAX_BATCHES_IN_FLIGHT) await sleep();
  }
  const { delimiter, lineEnding } = source.describe();
  port.postMessage({
    type: 'done',
    counters: encoder.counters,
    problems: encoder.problems,
    notes: encoder.notes,
    types: encoder.columns.map((c) => c.type),
    details: { delimiter, lineEnding },
  } satisfies WorkerMessage);
} catch (err) {
  const e = err as Error & { code?: string; where?: unknown };
  port.postMessage({
    type: 'error',
    error: { name: e.name, code: e.code, message: e.message, where: e.where },
  } satisfies WorkerMessage);
}
