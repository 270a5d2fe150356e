// Multi-threaded GBDT training: histograms built by worker threads over shared memory.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { train, type TrainOptions } from '../../common/gbdt/booster.js';
import type { RawData } from '../../common/gbdt/dataset.js';
import {
  type GbdtEngine,
  type HistogramBuilder,
  type LearnerBuffers,
  buildLeafHistogram,
  partitionLeaf,
} from '../../common/gbdt/engine.js';
import { mergePartitions, partitionRows } from '../../common/gbdt/partition.js';
import type { GbdtModel } from '../../common/gbdt/model.js';
import {
  CMD,
  CMD_BUILD,
  CMD_PARTITION,
  CMD_STOP,
  DONE,
  ERROR,
  FEATURE,
  FROM,
  RESULT,
  TO,
  controlSize,
  END,
  featureWord,
  IDENTITY,
  SEQ,
  SLOT_INDEX,
  START,
  type WorkerInit,
  workerWord,
} from './protocol.js';

export interface ParallelOptions {
  /** Threads building histograms, this one included (default: available parallelism). */
  threads?: number;
  /** Leaves with fewer rows per thread than this are partitioned by one thread (default 16384). */
  minPartitionRows?: number;
}

/** A histogram job that takes longer than this means its worker is gone. */
const WORKER_STALL_MS = 120_000;

/**
 * train() with histograms built by `threads` threads. The model is the same, byte for byte,
 * as train() gives: each feature's histogram is summed by one thread in row order.
 */
export async function trainParallel(
  data: RawData,
  label: Float64Array,
  params: Readonly<Record<string, unknown>> = {},
  options: TrainOptions = {},
  parallel: ParallelOptions = {},
): Promise<GbdtModel> {
  const threads = Math.max(1, Math.floor(parallel.threads ?? availableParallelism()));
  const numFeatures = data.numeric.length + data.categorical.length;
  const workers = Math.min(threads, numFeatures) - 1;
  if (workers <= 0) return train(data, label, params, options);
  const team = await WorkerTeam.start(workers, numFeatures, parallel.minPartitionRows ?? 16_384);
  try {
    return train(data, label, params, { ...options, engine: team });
  } finally {
    await team.stop();
  }
}

function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./histogram-worker.js', import.meta.url));
  }
  // Running from source (tests, tsx): the worker registers tsx's loader before loading the TypeScript.
  const url = new URL('./histogram-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url)}); });`;
  return new Worker(boot, { eval: true });
}

/** Features per kernel pass (buildHistogram's widest). */
const GROUP = 8;

class WorkerTeam implements GbdtEngine {
  private readonly control: Int32Array;
  private seq = 0;
  private failure: unknown;

  private constructor(
    private readonly workers: Worker[],
    numFeatures: number,
    private readonly minPartitionRows: number,
  ) {
    const n = controlSize(workers.length, numFeatures);
    this.control = new Int32Array(new SharedArrayBuffer(4 * n));
  }

  static async start(
    count: number,
    numFeatures: number,
    minPartitionRows: number,
  ): Promise<WorkerTeam> {
    const workers: Worker[] = [];
    try {
      for (let i = 0; i < count; i++) workers.push(startWorker());
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve, reject) => {
              w.once('message', () => resolve());
              w.once('error', reject);
              w.once('exit', (code) => reject(new Error(`histogram worker exited (${code})`)));
            }),
        ),
      );
    } catch (err) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw err;
    }
    const team = new WorkerTeam(workers, numFeatures, minPartitionRows);
    for (const w of workers) {
      w.removeAllListeners();
      w.on('error', (err) => (team.failure ??= err));
    }
    return team;
  }

  buffer(bytes: number): ArrayBufferLike {
    return new SharedArrayBuffer(bytes);
  }

  histograms(b: LearnerBuffers): HistogramBuilder {
    const W = this.workers.length;
    this.workers.forEach((w, index) => {
      const init: WorkerInit = {
        index,
        workers: W,
        control: this.control,
        bins: [...b.bins],
        binOffset: b.binOffset,
        numBins: b.numBins,
        rows: b.rows,
        ordered: b.ordered,
        pool: [...b.pool],
        scratch: b.scratch,
        scratchOrdered: b.scratchOrdered,
        goLeft: b.goLeft,
      };
      w.postMessage(init);
    });
    return {
      build: (identity, start, end, features, slot) =>
        this.build(b, identity, start, end, features, slot),
      partition: (feature, start, end) => this.partition(b, feature, start, end),
    };
  }

  private build(
    b: LearnerBuffers,
    identity: boolean,
    start: number,
    end: number,
    features: Int32Array,
    slot: number,
  ): void {
    const ctl = this.control;
    const W = this.workers.length;
    const T = W + 1;
    const nf = features.length;
    for (let i = 0; i < nf; i++) ctl[featureWord(W, i)] = features[i]!;
    // Features go out in groups of eight (the kernel's pass width; smaller when there are few
    // features): this thread takes the first `mainGroups`, the workers share the rest evenly.
    const group = nf >= GROUP * T ? GROUP : Math.max(1, Math.ceil(nf / T));
    const groups = Math.ceil(nf / group);
    const mainGroups = Math.floor(groups / T);
    const cut = Math.min(nf, group * mainGroups);
    for (let w = 0; w < W; w++) {
      const a = mainGroups + Math.floor(((groups - mainGroups) * w) / W);
      const b = mainGroups + Math.floor(((groups - mainGroups) * (w + 1)) / W);
      ctl[workerWord(w, FROM)] = Math.min(nf, group * a);
      ctl[workerWord(w, TO)] = Math.min(nf, group * b);
    }
    ctl[CMD] = CMD_BUILD;
    ctl[IDENTITY] = identity ? 1 : 0;
    ctl[START] = start;
    ctl[END] = end;
    ctl[SLOT_INDEX] = slot;
    const seq = this.post();
    buildLeafHistogram(b, identity, start, end, features.subarray(0, cut), slot);
    this.wait(seq);
  }

  private partition(b: LearnerBuffers, feature: number, start: number, end: number): number {
    const { rows, ordered, scratch, scratchOrdered } = b;
    const col = b.bins[feature]!;
    const W = this.workers.length;
    const T = W + 1;
    if (end - start < this.minPartitionRows * T) return partitionLeaf(b, col, start, end);
    // Thread t partitions the t-th of T equal chunks; then the chunks are laid out together.
    const bounds =
      this.bounds.length === T + 1 ? this.bounds : (this.bounds = new Array<number>(T + 1));
    for (let t = 0; t <= T; t++) bounds[t] = start + Math.floor(((end - start) * t) / T);
    const ctl = this.control;
    ctl[CMD] = CMD_PARTITION;
    ctl[FEATURE] = feature;
    for (let w = 0; w < W; w++) {
      ctl[workerWord(w, FROM)] = bounds[w + 1]!;
      ctl[workerWord(w, TO)] = bounds[w + 2]!;
    }
    const seq = this.post();
    const nLeft = this.nLeft.length === T ? this.nLeft : (this.nLeft = new Array<number>(T));
    nLeft[0] = partitionRows(
      col,
      b.goLeft,
      rows,
      ordered,
      scratch,
      scratchOrdered,
      start,
      bounds[1]!,
    );
    this.wait(seq);
    for (let w = 0; w < W; w++) nLeft[w + 1] = Atomics.load(ctl, workerWord(w, RESULT));
    return mergePartitions(rows, ordered, scratch, scratchOrdered, bounds, nLeft);
  }

  private bounds: number[] = [];
  private nLeft: number[] = [];

  /** Publishes the job written to the control block; returns its sequence number. */
  private post(): number {
    const seq = ++this.seq;
    Atomics.store(this.control, SEQ, seq);
    Atomics.notify(this.control, SEQ);
    return seq;
  }

  /**
   * Waits for every worker to finish job `seq`. This thread blocks, so it cannot hear a worker's
   * 'exit' event: a worker that died without reporting (killed, out of memory) is detected by a
   * job taking longer than WORKER_STALL_MS, far beyond any histogram job (milliseconds).
   */
  private wait(seq: number): void {
    const ctl = this.control;
    const started = Date.now();
    for (let w = 0; w < this.workers.length; w++) {
      const at = workerWord(w, DONE);
      let v: number;
      while ((v = Atomics.load(ctl, at)) !== seq) {
        Atomics.wait(ctl, at, v, 1000);
        if (Date.now() - started > WORKER_STALL_MS) {
          throw new Error(
            `histogram worker ${w} has not answered for ${WORKER_STALL_MS / 1000} s; it may have died (out of memory?)`,
            {
              cause: this.failure,
            },
          );
        }
      }
      if (Atomics.load(ctl, workerWord(w, ERROR)) !== 0) {
        throw new Error('a histogram worker failed', { cause: this.failure });
      }
    }
  }

  async stop(): Promise<void> {
    const ctl = this.control;
    ctl[CMD] = CMD_STOP;
    Atomics.store(ctl, SEQ, ++this.seq);
    Atomics.notify(ctl, SEQ);
    await Promise.all(
      this.workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            w.once('exit', () => resolve());
            setTimeout(() => void w.terminate(), 5000).unref();
          }),
      ),
    );
  }
}
