// Multi-threaded GBDT training: histograms built by worker threads over shared memory.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { train, type TrainOptions } from '../../common/gbdt/booster.js';
import { binNumericColumn, type RawData } from '../../common/gbdt/dataset.js';
import {
  type GbdtEngine,
  type HistogramBuilder,
  type LearnerBuffers,
  buildLeafHistogram,
  buildLevelQuads,
  finishChunk,
  gradientChunk,
  packChunk,
  partitionLeaf,
  routeChunk,
  scanChunk,
} from '../../common/gbdt/engine.js';
import {
  CHUNK_START,
  finishChunkRows,
  MAX_CHUNKS,
  NUM_CHUNKS,
  PENDING,
  SCANNED,
} from '../../common/gbdt/level.js';
import {
  mergePartitions,
  partitionRows,
  partitionRowsPacked,
} from '../../common/gbdt/partition.js';
import type { GbdtModel } from '../../common/gbdt/model.js';
import { MAX_SPLIT_WORKERS } from '../../common/gbdt/split-job.js';
import {
  CMD,
  CMD_BUILD,
  CMD_FINISH,
  CMD_GRAD,
  CMD_LEVEL,
  CMD_PARTITION,
  CMD_QPACK,
  CMD_QSCAN,
  CMD_ROUTE,
  CMD_SPLIT,
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
  type BinJob,
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

/** A copy of `c` in shared memory (posting a view of a larger buffer would clone all of it). */
function sharedCopy(c: Float64Array): Float64Array {
  const copy = new Float64Array(new SharedArrayBuffer(c.byteLength));
  copy.set(c);
  return copy;
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

  /**
   * Binning over threads, before the workers serve the control block: thread t bins the t-th
   * of T ranges of columns with the same functions (the same edges and bins as one thread).
   * A worker gets copies of its columns by message and reports through a shared word.
   */
  numericBins(
    columns: readonly Float64Array[],
    sample: Uint32Array | null,
    maxBin: number,
    outs: readonly Uint8Array[],
  ): Float64Array[] {
    const m = columns.length;
    const W = this.workers.length;
    const T = W + 1;
    // This thread also serialises the workers' columns (~4 ms each of 800,000 rows; a column
    // takes ~30–40 ms to bin), so it keeps one column fewer than an even share.
    const mine = Math.max(0, Math.floor(m / T) - 1);
    const cut = (t: number): number =>
      t === 0 ? 0 : mine + Math.floor(((m - mine) * (t - 1)) / W);
    const done = new Int32Array(new SharedArrayBuffer(8 * W));
    const stride = maxBin + 1;
    const edgeBuf = new Float64Array(new SharedArrayBuffer(8 * Math.max(1, m) * stride));
    const edgeCount = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, m)));
    // Columns go out one message at a time, round-robin over the workers' ranges, so that
    // every worker starts on its first column early.
    for (let k = 0, more = true; more; k++) {
      more = false;
      for (let w = 0; w < W; w++) {
        const j = cut(w + 1) + k;
        if (j >= cut(w + 2)) continue;
        more = true;
        // A whole buffer goes by structured clone. A view into a larger one is copied first (its
        // whole buffer would be cloned) and transferred. (Copying every column here and
        // transferring it cost ~0.6 s more CPU over 40 trees at 800,000 rows, in this thread:
        // apparently the copies stay counted as this heap's external memory.)
        const c = columns[j]!;
        const whole = c.byteOffset === 0 && c.buffer.byteLength === c.byteLength;
        const col = whole ? c : sharedCopy(c);
        const job: BinJob = {
          kind: 'bin',
          column: col,
          feature: j,
          sample,
          maxBin,
          out: outs[j]!,
          edges: edgeBuf,
          edgeCount,
          done,
          index: w,
        };
        this.workers[w]!.postMessage(job);
      }
    }
    const edges: Float64Array[] = new Array<Float64Array>(m);
    for (let j = 0; j < mine; j++)
      edges[j] = binNumericColumn(columns[j]!, sample, maxBin, outs[j]!);
    const started = Date.now();
    for (let w = 0; w < W; w++) {
      const want = cut(w + 2) - cut(w + 1);
      let v: number;
      while ((v = Atomics.load(done, 2 * w)) !== want && done[2 * w + 1] === 0) {
        Atomics.wait(done, 2 * w, v, 1000);
        if (Date.now() - started > WORKER_STALL_MS) {
          throw new Error(`histogram worker ${w} has not finished binning`, {
            cause: this.failure,
          });
        }
      }
      if (done[2 * w + 1] !== 0) {
        throw new Error('a histogram worker failed binning', { cause: this.failure });
      }
    }
    for (let j = mine; j < m; j++) {
      edges[j] = edgeBuf.slice(stride * j, stride * j + edgeCount[j]!);
    }
    return edges;
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
        quantized: b.quantized,
        quads: [...b.quads],
        quadFeatures: b.quadFeatures,
        pool: [...b.pool],
        scratch: b.scratch,
        scratchOrdered: b.scratchOrdered,
        goLeft: b.goLeft,
        level: b.level,
        objective: b.objective,
      };
      w.postMessage(init);
    });
    return {
      build: (identity, start, end, features, slot) =>
        this.build(b, identity, start, end, features, slot),
      partition: (feature, start, end) => this.partition(b, feature, start, end),
      route: (n) => this.route(b, n),
      buildLevel: (all, n) => this.buildLevel(b, all, n),
      scanGradients: (n, gradAt, bagged) => this.gradients(b, CMD_QSCAN, n, gradAt, bagged),
      packGradients: (n, gradAt, bagged) => this.gradients(b, CMD_QPACK, n, gradAt, bagged),
      finish: (numRows, gradAt, sums) => this.finish(b, numRows, gradAt, sums),
      gradients: () => this.objectiveGradients(b),
      splits: (numFeatures, nodes, mine) => this.splits(numFeatures, nodes, mine),
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
    let cut: number;
    if (b.quantized) {
      cut = this.shareList(features, T);
    } else {
      // Features go out in groups of eight (the kernel's pass width; smaller when there are few
      // features): this thread takes the first `mainGroups`, the workers share the rest evenly.
      const group = nf >= GROUP * T ? GROUP : Math.max(1, Math.ceil(nf / T));
      const groups = Math.ceil(nf / group);
      const mainGroups = Math.floor(groups / T);
      cut = Math.min(nf, group * mainGroups);
      for (let w = 0; w < W; w++) {
        const a = mainGroups + Math.floor(((groups - mainGroups) * w) / W);
        const b = mainGroups + Math.floor(((groups - mainGroups) * (w + 1)) / W);
        ctl[workerWord(w, FROM)] = Math.min(nf, group * a);
        ctl[workerWord(w, TO)] = Math.min(nf, group * b);
      }
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

  /**
   * Shares a quantised build list (quads ~q first, then single features) out by work: a pair
   * of quads (one kernel pass, eight features) is a unit of weight 8, a lone quad 4, a single
   * feature 1. Thread t gets the units whose cumulative weight falls in its t-th of the total;
   * writes the workers' ranges and returns this thread's end.
   */
  private shareList(list: Int32Array, T: number): number {
    const n = list.length;
    const W = T - 1;
    let nq = 0;
    while (nq < n && list[nq]! < 0) nq++;
    // Each unit goes to the thread whose share holds the middle of the unit's weight.
    const cuts = new Array<number>(T + 1).fill(n);
    cuts[0] = 0;
    const total = nq * 4 + (n - nq);
    let acc = 0;
    let t = 1;
    for (let i = 0; i < n;) {
      const end = i < nq ? Math.min(i + 2, nq) : i + 1;
      const weight = i < nq ? 4 * (end - i) : 1;
      while (t < T && acc + weight / 2 > (total * t) / T) cuts[t++] = i;
      acc += weight;
      i = end;
    }
    for (let w = 0; w < W; w++) {
      this.control[workerWord(w, FROM)] = cuts[w + 1]!;
      this.control[workerWord(w, TO)] = cuts[w + 2]!;
    }
    return cuts[1]!;
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
    nLeft[0] = (b.quantized ? partitionRowsPacked : partitionRows)(
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
    const stride = b.quantized ? 1 : 2;
    return mergePartitions(rows, ordered, scratch, scratchOrdered, bounds, nLeft, stride);
  }

  /** Level-wise pass 1: thread t routes the t-th of T equal row ranges. */
  private route(b: LearnerBuffers, n: number): void {
    const ints = b.level!.ints;
    const T = Math.min(this.workers.length + 1, MAX_CHUNKS);
    ints[NUM_CHUNKS] = T;
    for (let t = 0; t <= T; t++) ints[CHUNK_START + t] = Math.floor((n * t) / T);
    this.control[CMD] = CMD_ROUTE;
    const seq = this.post();
    routeChunk(b, 0, 0, ints[CHUNK_START + 1]!);
    this.wait(seq);
  }

  /** Quantisation passes: thread t takes the t-th of T equal ranges of the tree's rows. */
  private gradients(
    b: LearnerBuffers,
    cmd: number,
    n: number,
    gradAt: number,
    bagged: boolean,
  ): void {
    const lv = b.level!;
    const ints = lv.ints;
    const T = Math.min(this.workers.length + 1, MAX_CHUNKS);
    if (cmd === CMD_QSCAN) {
      ints[NUM_CHUNKS] = T;
      for (let t = 0; t <= T; t++) ints[CHUNK_START + t] = Math.floor((n * t) / T);
    }
    const ctl = this.control;
    ctl[CMD] = cmd;
    ctl[START] = gradAt;
    ctl[IDENTITY] = bagged ? 0 : 1;
    const seq = this.post();
    const rows = bagged ? b.rows : null;
    const end = ints[CHUNK_START + 1]!;
    if (cmd === CMD_QSCAN) scanChunk(lv, rows, 0, 0, end, gradAt);
    else packChunk(lv, rows, 0, 0, end, gradAt, b.ordered);
    this.wait(seq);
  }

  /**
   * The shared objective's gradients: thread t computes the t-th of T equal row ranges (with
   * level-wise buffers also the pending score update and the ranges' extremes, as chunks t of
   * the quantisation passes).
   */
  private objectiveGradients(b: LearnerBuffers): boolean {
    const o = b.objective;
    if (!o) return false;
    const lv = b.level;
    const n = o.label.length;
    const T = this.workers.length + 1;
    if (lv) {
      lv.ints[NUM_CHUNKS] = T;
      for (let t = 0; t <= T; t++) lv.ints[CHUNK_START + t] = Math.floor((n * t) / T);
    }
    this.control[CMD] = CMD_GRAD;
    const seq = this.post();
    gradientChunk(b, 0, Math.floor(n / T), 0);
    this.wait(seq);
    if (lv) {
      lv.ints[PENDING] = 0;
      lv.ints[SCANNED] = 1;
    }
    return true;
  }

  /**
   * A split job: the features are cut into contiguous ranges, this thread taking the first and
   * up to MAX_SPLIT_WORKERS workers one each (a worker with an empty range writes nothing).
   */
  private splits(
    numFeatures: number,
    nodes: number,
    mine: (from: number, to: number) => void,
  ): number {
    const W = Math.min(this.workers.length, MAX_SPLIT_WORKERS);
    const T = W + 1;
    const cut = (t: number): number => Math.floor((numFeatures * t) / T);
    const ctl = this.control;
    for (let w = 0; w < this.workers.length; w++) {
      ctl[workerWord(w, FROM)] = w < W ? cut(w + 1) : 0;
      ctl[workerWord(w, TO)] = w < W ? cut(w + 2) : 0;
    }
    ctl[CMD] = CMD_SPLIT;
    ctl[END] = nodes;
    const seq = this.post();
    mine(0, cut(1));
    this.wait(seq);
    return W;
  }

  /** The last routing: fixed chunks, thread t taking chunks t, t + T, … */
  private finish(b: LearnerBuffers, numRows: number, gradAt: number, sums: boolean): void {
    const ctl = this.control;
    ctl[CMD] = CMD_FINISH;
    ctl[START] = gradAt;
    ctl[END] = numRows;
    ctl[IDENTITY] = sums ? 1 : 0;
    const seq = this.post();
    const T = this.workers.length + 1;
    const chunks = Math.ceil(numRows / finishChunkRows(numRows));
    for (let c = 0; c < chunks; c += T) finishChunk(b, c, numRows, sums, gradAt);
    this.wait(seq);
  }

  /** Level-wise pass 2: quads shared out in pairs (one kernel pass each), as evenly as can be. */
  private buildLevel(b: LearnerBuffers, all: boolean, n: number): void {
    const ctl = this.control;
    const W = this.workers.length;
    const T = W + 1;
    const nq = b.quads.length;
    const pairs = Math.ceil(nq / 2);
    const cut = (t: number): number => Math.min(nq, 2 * Math.floor((pairs * t) / T));
    for (let w = 0; w < W; w++) {
      ctl[workerWord(w, FROM)] = cut(w + 1);
      ctl[workerWord(w, TO)] = cut(w + 2);
    }
    ctl[CMD] = CMD_LEVEL;
    ctl[IDENTITY] = all ? 1 : 0;
    ctl[END] = n;
    const seq = this.post();
    buildLevelQuads(b, 0, cut(1), all, n);
    this.wait(seq);
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
