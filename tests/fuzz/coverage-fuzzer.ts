// A small coverage-guided fuzzer, in place of Jazzer.js (which cannot run here: its v4 prebuilt
// binaries need glibc 2.38 and this Debian 12 machine has 2.36; older versions download binaries
// at install time, which this offline build does not allow). See docs/reliability.md, "Fuzzing".
//
// The loop, per target:
//   1. Start from a corpus of seed inputs (bytes).
//   2. Pick a corpus entry and mutate it: byte-level edits (flip, insert, delete, duplicate,
//      dictionary words, crossover with another entry, truncation), the target's own
//      structure-aware mutation (e.g. edit one node of a JSON document) or a fresh input drawn
//      from a fast-check arbitrary.
//   3. Run the target on it. The target resolves when the input was accepted or refused the
//      documented way (a clear error of the documented class) and throws when it was not (a crash,
//      a broken invariant): that is a failure, saved under tests/fuzz/regressions/<target>/.
//   4. Measure V8 precise block coverage (node:inspector, Profiler.takePreciseCoverage with
//      detailed: true), restricted to the target's own source files. An input that reaches a
//      block no earlier input reached joins the corpus.
//
// Hangs and memory: the loop runs in a worker thread. Before each input the worker copies it into
// a SharedArrayBuffer and bumps a sequence number; the main thread polls, and when one input has
// run longer than the time limit it terminates the worker, saves the input (from shared memory)
// as a hang, and starts a new worker with the corpus so far. The worker runs under a heap ceiling
// (resourceLimits.maxOldGenerationSizeMb); running out of it kills the worker the same way and the
// input is saved as an out-of-memory failure. After each input the used heap is also checked
// against the ceiling, so slow unbounded growth is caught before V8 gives up.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/** What the fuzzer needs to know about one target. */
export interface FuzzTarget {
  name: string;
  /** Fragments of script URLs whose blocks count as coverage (e.g. '/core/node/import/'). */
  coverage: string[];
  /** Starting inputs. */
  seeds(): Buffer[];
  /** Words the byte mutator splices in: delimiters, quotes, keywords of the input format. */
  dictionary?: string[];
  /** Largest input the mutator builds (bytes; default 4096). */
  maxLength?: number;
  /** A structure-aware mutation (undefined when it does not apply to this input). */
  mutate?(input: Buffer, rng: Rng): Buffer | undefined;
  /** `count` fresh inputs from a fast-check arbitrary, for seed `seed`. */
  generate?(seed: number, count: number): Buffer[];
  /** Prepares the target (a workspace, a server) in `dir`, a folder it may write to. */
  setup?(dir: string): Promise<void> | void;
  /** Runs one input: resolves when it was handled as documented, throws on a failure. */
  run(input: Buffer): Promise<void> | void;
  teardown?(): Promise<void> | void;
}

export interface FuzzOptions {
  seconds: number;
  seed: number;
  /** Per-input time limit (ms) before the input counts as a hang. */
  timeoutMs: number;
  /** Heap ceiling of the worker (MB). */
  heapMb: number;
  /** A folder the target may write to. */
  workDir: string;
  /** Where failing inputs are saved (one folder per target). */
  failureDir: string;
  /** The module exporting `TARGETS: Record<string, FuzzTarget>` (a file URL). */
  targetsModule: string;
}

export interface FuzzStats {
  target: string;
  tried: number;
  corpus: number;
  blocks: number;
  failures: { kind: string; message: string; file: string }[];
  restarts: number;
  peakHeapMb: number;
}

/** A seeded xorshift generator: the same seed gives the same mutations. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  next(): number {
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s / 2 ** 32;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
}

const INTERESTING = ['0', '-1', '1e308', '1e-400', '-0', '9223372036854775808', 'NaN', '1e999'];

/** One to four stacked byte-level edits of `input` (crossover partner from `corpus`). */
export function mutateBytes(
  input: Buffer,
  corpus: readonly Buffer[],
  dictionary: readonly string[],
  rng: Rng,
  maxLength: number,
): Buffer {
  let b: Buffer = Buffer.from(input);
  const edits = 1 + rng.int(4);
  for (let e = 0; e < edits; e++) {
    const at = rng.int(b.length + 1);
    const word = (): Buffer =>
      Buffer.from(
        rng.next() < 0.7 && dictionary.length ? rng.pick(dictionary) : rng.pick(INTERESTING),
      );
    switch (rng.int(10)) {
      case 0: // flip a bit
        if (b.length) b[rng.int(b.length)]! ^= 1 << rng.int(8);
        break;
      case 1: // set a byte
        if (b.length) b[rng.int(b.length)] = rng.int(256);
        break;
      case 2: // insert a byte (ASCII more often: text formats)
        b = Buffer.concat([
          b.subarray(0, at),
          Buffer.of(rng.next() < 0.7 ? 32 + rng.int(95) : rng.int(256)),
          b.subarray(at),
        ]);
        break;
      case 3: {
        // delete a range
        const n = 1 + rng.int(Math.min(64, Math.max(1, b.length - at)));
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + n)]);
        break;
      }
      case 4: {
        // copy a range elsewhere
        const from = rng.int(b.length + 1);
        const piece = b.subarray(from, from + 1 + rng.int(64));
        b = Buffer.concat([b.subarray(0, at), piece, b.subarray(at)]);
        break;
      }
      case 5:
      case 6: // a dictionary word or an interesting number
        b = Buffer.concat([b.subarray(0, at), word(), b.subarray(at)]);
        break;
      case 7: {
        // crossover: our head, another entry's tail
        const other = rng.pick(corpus);
        b = Buffer.concat([b.subarray(0, at), other.subarray(rng.int(other.length + 1))]);
        break;
      }
      case 8: // truncate
        b = b.subarray(0, at);
        break;
      case 9: {
        // repeat a short range many times (long fields, many rows, deep nesting)
        const from = rng.int(b.length + 1);
        const piece = b.subarray(from, from + 1 + rng.int(8));
        const times = 2 + rng.int(200);
        b = Buffer.concat([b.subarray(0, at), ...Array(times).fill(piece), b.subarray(at)]);
        break;
      }
    }
  }
  return b.length > maxLength ? b.subarray(0, maxLength) : b;
}

// ---------------------------------------------------------------------------------------------
// The worker: runs the loop and reports corpus additions, failures and counts to the main thread.

/** Shared memory layout: [sequence, running (0/1), length] as Int32, then the input's bytes. */
const HEADER = 12;

interface WorkerInit {
  options: FuzzOptions;
  target: string;
  corpus: Uint8Array[];
  covered: string[];
  seconds: number;
  seed: number;
  shared: SharedArrayBuffer;
}

type FromWorker =
  | { type: 'corpus'; input: Uint8Array; keys: string[] }
  | { type: 'failure'; input: Uint8Array; kind: string; message: string }
  | { type: 'stats'; tried: number; heapMb: number }
  | { type: 'done' };

async function workerMain(init: WorkerInit): Promise<void> {
  const { TARGETS } = (await import(init.options.targetsModule)) as {
    TARGETS: Record<string, FuzzTarget>;
  };
  const target = TARGETS[init.target]!;
  const post = (m: FromWorker) => parentPort!.postMessage(m);
  const rng = new Rng(init.seed);
  const maxLength = target.maxLength ?? 4096;
  const dictionary = target.dictionary ?? [];
  const corpus: Buffer[] = init.corpus.map((c) => Buffer.from(c));
  const covered = new Set(init.covered);
  const header = new Int32Array(init.shared, 0, 3);
  const bytes = new Uint8Array(init.shared, HEADER);
  const heapCeiling = init.options.heapMb * 1024 * 1024;

  await target.setup?.(init.options.workDir);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  // callCount: every take resets the counters, so each take shows what the last input reached.
  await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  const matches = (url: string) => target.coverage.some((f) => url.includes(f));
  /** Blocks (script, start, end) with a non-zero count since the last take. */
  const take = async (): Promise<string[]> => {
    const { result } = await session.post('Profiler.takePreciseCoverage');
    const keys: string[] = [];
    for (const script of result) {
      if (!matches(script.url)) continue;
      const file = script.url.slice(script.url.lastIndexOf('/') + 1);
      for (const fn of script.functions)
        for (const r of fn.ranges)
          if (r.count > 0) keys.push(`${file}:${r.startOffset}-${r.endOffset}`);
    }
    return keys;
  };
  await take(); // what setup reached is not the inputs' doing

  let generated: Buffer[] = [];
  let generation = init.seed;
  const next = (): Buffer => {
    const p = rng.next();
    if (target.generate && p < 0.1) {
      if (generated.length === 0) generated = target.generate(generation++, 50);
      return generated.pop()!;
    }
    const base = rng.pick(corpus);
    if (target.mutate && p < 0.5) {
      const m = target.mutate(base, rng);
      if (m) return m.length > maxLength ? m.subarray(0, maxLength) : m;
    }
    return mutateBytes(base, corpus, dictionary, rng, maxLength);
  };

  const end = Date.now() + init.seconds * 1000;
  let tried = 0;
  let peak = 0;
  let lastStats = Date.now();
  // The seeds run first, so their coverage is known before mutants are judged.
  const queue = init.covered.length === 0 ? [...corpus] : [];
  while (Date.now() < end) {
    const input = queue.shift() ?? next();
    const n = Math.min(input.length, bytes.length);
    bytes.set(input.subarray(0, n));
    Atomics.store(header, 2, n);
    Atomics.store(header, 1, 1);
    Atomics.add(header, 0, 1);
    let failure: { kind: string; message: string } | undefined;
    try {
      await target.run(input);
    } catch (err) {
      const e = err as Error;
      failure = {
        kind: 'failure',
        message: e instanceof Error ? `${e.name}: ${e.message}` : `threw ${String(err)}`,
      };
    }
    Atomics.store(header, 1, 0);
    tried++;
    const used = getHeapStatistics().used_heap_size;
    peak = Math.max(peak, used);
    if (!failure && used > heapCeiling * 0.9)
      failure = {
        kind: 'memory',
        message: `heap at ${Math.round(used / 2 ** 20)} MB after the input`,
      };
    if (failure) post({ type: 'failure', input, ...failure });
    const keys = await take();
    const fresh = keys.filter((k) => !covered.has(k));
    if (fresh.length > 0 && !failure) {
      for (const k of fresh) covered.add(k);
      corpus.push(input);
      post({ type: 'corpus', input, keys: fresh });
    } else for (const k of fresh) covered.add(k);
    if (Date.now() - lastStats > 500) {
      post({ type: 'stats', tried, heapMb: peak / 2 ** 20 });
      tried = 0;
      lastStats = Date.now();
    }
  }
  post({ type: 'stats', tried, heapMb: peak / 2 ** 20 });
  await session.post('Profiler.stopPreciseCoverage');
  session.disconnect();
  await target.teardown?.();
  post({ type: 'done' });
}

if (!isMainThread && (workerData as { fuzzWorker?: boolean } | null)?.fuzzWorker) {
  workerMain((workerData as { init: WorkerInit }).init).catch((err: unknown) => {
    // A setup error is the harness's, not an input's: report it and stop.
    parentPort!.postMessage({
      type: 'failure',
      input: new Uint8Array(),
      kind: 'setup',
      message: String((err as Error)?.stack ?? err),
    });
    parentPort!.postMessage({ type: 'done' });
  });
}

// ---------------------------------------------------------------------------------------------
// The main thread: starts workers, watches for hangs and deaths, keeps the corpus and the counts.

/** Starts a worker on this very module (TypeScript run through tsx's loader). */
function startWorker(init: WorkerInit): Worker {
  const url = import.meta.url;
  const resourceLimits = { maxOldGenerationSizeMb: init.options.heapMb };
  const data = { fuzzWorker: true, init };
  if (!url.endsWith('.ts')) return new Worker(new URL(url), { workerData: data, resourceLimits });
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url)}); });`;
  return new Worker(boot, { eval: true, workerData: data, resourceLimits });
}

export async function fuzzTarget(target: FuzzTarget, o: FuzzOptions): Promise<FuzzStats> {
  const stats: FuzzStats = {
    target: target.name,
    tried: 0,
    corpus: 0,
    blocks: 0,
    failures: [],
    restarts: 0,
    peakHeapMb: 0,
  };
  const corpus: Uint8Array[] = target.seeds().map((s) => new Uint8Array(s));
  const covered = new Set<string>();
  const seen = new Set<string>();
  const dir = join(o.failureDir, target.name);
  const save = (input: Uint8Array, kind: string, message: string) => {
    // One saved input per distinct message (numbers and quoted text blanked out).
    const signature = `${kind}:${message.split('\n')[0]!.replace(/"[^"]*"|\d+/g, '#')}`;
    if (seen.has(signature)) return;
    seen.add(signature);
    mkdirSync(dir, { recursive: true });
    const hash = createHash('sha256').update(input).digest('hex').slice(0, 12);
    const file = join(dir, `${kind}-${hash}.bin`);
    writeFileSync(file, input);
    writeFileSync(join(dir, `${kind}-${hash}.txt`), `${message}\n`);
    stats.failures.push({ kind, message: message.split('\n')[0]!, file });
  };
  const shared = new SharedArrayBuffer(HEADER + (1 << 20));
  const header = new Int32Array(shared, 0, 3);
  const deadline = Date.now() + o.seconds * 1000;
  let round = 0;
  while (Date.now() < deadline - 500) {
    const seconds = (deadline - Date.now()) / 1000;
    const init: WorkerInit = {
      options: o,
      target: target.name,
      corpus,
      covered: [...covered],
      seconds,
      seed: o.seed + 7919 * round++,
      shared,
    };
    await new Promise<void>((resolve) => {
      const worker = startWorker(init);
      let finished = false;
      let lastSeq = Atomics.load(header, 0);
      let lastChange = Date.now();
      const current = () => new Uint8Array(shared, HEADER, Atomics.load(header, 2)).slice();
      const stop = (kind?: string, message?: string) => {
        if (finished) return;
        finished = true;
        clearInterval(watch);
        if (kind) {
          save(current(), kind, message!);
          stats.restarts++;
        }
        void worker.terminate().then(() => resolve());
      };
      // The watchdog: one input running past the limit is a hang.
      const watch = setInterval(() => {
        const seq = Atomics.load(header, 0);
        if (seq !== lastSeq) {
          lastSeq = seq;
          lastChange = Date.now();
        } else if (Atomics.load(header, 1) === 1 && Date.now() - lastChange > o.timeoutMs) {
          stop('hang', `no answer within ${o.timeoutMs} ms`);
        }
      }, 50);
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'corpus') {
          corpus.push(m.input);
          for (const k of m.keys) covered.add(k);
        } else if (m.type === 'failure') save(m.input, m.kind, m.message);
        else if (m.type === 'stats') {
          stats.tried += m.tried;
          stats.peakHeapMb = Math.max(stats.peakHeapMb, m.heapMb);
        } else if (m.type === 'done') stop();
      });
      worker.on('error', (err: Error & { code?: string }) =>
        stop(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'oom' : 'crash',
          `${err.code ?? err.name}: ${err.message}`,
        ),
      );
      worker.on('exit', (code) =>
        stop(code === 0 ? undefined : 'crash', `worker exited with ${code}`),
      );
    });
    if (stats.failures.some((f) => f.kind === 'setup')) break;
  }
  stats.corpus = corpus.length;
  stats.blocks = covered.size;
  return stats;
}
