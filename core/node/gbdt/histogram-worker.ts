// A histogram worker: waits on the control block, builds its share of features, reports.
import { parentPort } from 'node:worker_threads';
import {
  buildLevelQuads,
  finishChunk,
  gradientChunk,
  packChunk,
  routeChunk,
  scanChunk,
} from '../../common/gbdt/engine.js';
import { buildHistogram, buildPackedHistogram, SLOT } from '../../common/gbdt/histogram.js';
import { MAX_SPLIT_NODES, SPLIT_OUT, splitJob } from '../../common/gbdt/split-job.js';
import { CHUNK_START, finishChunkRows, NUM_CHUNKS } from '../../common/gbdt/level.js';
import { partitionRows, partitionRowsPacked } from '../../common/gbdt/partition.js';
import {
  CMD,
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
import { binNumericColumn } from '../../common/gbdt/dataset.js';

/**
 * Polls (a few milliseconds) before sleeping: within a tree jobs come back to back, and waking
 * a sleeping thread costs far more than the gaps between them.
 */
const SPINS = 20_000;

function serve(m: WorkerInit): void {
  const ctl = m.control;
  const done = workerWord(m.index, DONE);
  const error = workerWord(m.index, ERROR);
  const from = workerWord(m.index, FROM);
  const to = workerWord(m.index, TO);
  const result = workerWord(m.index, RESULT);
  let features = new Int32Array(64);
  let unpacked: Float64Array | null = null;
  const partition = m.quantized ? partitionRowsPacked : partitionRows;
  let seen = 0;
  for (;;) {
    let spin = 0;
    while (Atomics.load(ctl, SEQ) === seen && spin < SPINS) spin++;
    // Wait until SEQ really changes: a wait can end with SEQ unchanged — the trainer's notify
    // for a job this thread already found while spinning arrives late when the trainer was
    // descheduled between publishing and notifying (seen on a loaded machine) — and running
    // the same job twice would redo a partition over rows the trainer has since merged.
    while (Atomics.load(ctl, SEQ) === seen) Atomics.wait(ctl, SEQ, seen);
    seen = Atomics.load(ctl, SEQ);
    const cmd = ctl[CMD];
    if (cmd === CMD_STOP) return;
    try {
      if (cmd === CMD_GRAD) {
        const n = m.objective!.label.length;
        const T = m.workers + 1;
        const a = Math.floor((n * (m.index + 1)) / T);
        const b = Math.floor((n * (m.index + 2)) / T);
        gradientChunk(m, a, b, m.index + 1);
      } else if (cmd === CMD_QSCAN || cmd === CMD_QPACK) {
        const lv = m.level!;
        const c = m.index + 1;
        if (c < lv.ints[NUM_CHUNKS]!) {
          const a = lv.ints[CHUNK_START + c]!;
          const b = lv.ints[CHUNK_START + c + 1]!;
          const rows = ctl[IDENTITY] === 1 ? null : m.rows;
          if (cmd === CMD_QSCAN) scanChunk(lv, rows, c, a, b, ctl[START]!);
          else packChunk(lv, rows, c, a, b, ctl[START]!, m.ordered);
        }
      } else if (cmd === CMD_FINISH) {
        const at = ctl[START]!;
        const n = ctl[END]!;
        const chunks = Math.ceil(n / finishChunkRows(n));
        for (let c = m.index + 1; c < chunks; c += m.workers + 1) {
          finishChunk(m, c, n, ctl[IDENTITY] === 1, at);
        }
      } else if (cmd === CMD_ROUTE) {
        const lv = m.level!;
        const c = m.index + 1;
        if (c >= lv.ints[NUM_CHUNKS]!) throw new Error('more threads than chunks');
        const a = lv.ints[CHUNK_START + c]!;
        const b = lv.ints[CHUNK_START + c + 1]!;
        routeChunk(m, c, a, b);
      } else if (cmd === CMD_LEVEL) {
        buildLevelQuads(m, ctl[from]!, ctl[to]!, ctl[IDENTITY] === 1, ctl[END]!);
      } else if (cmd === CMD_SPLIT) {
        const lv = m.level!;
        unpacked ??= new Float64Array(lv.splitMeta.totalBins * SLOT);
        // An empty range still writes "no split" for every node.
        splitJob(
          lv.splitMeta,
          lv.pool,
          lv.splitFeatures,
          ctl[from]!,
          ctl[to]!,
          ctl[END]!,
          lv.splitIn,
          lv.splitOut,
          m.index * MAX_SPLIT_NODES * SPLIT_OUT,
          unpacked,
        );
      } else if (cmd === CMD_PARTITION) {
        const a = ctl[from]!;
        const nLeft = partition(
          m.bins[ctl[FEATURE]!]!,
          m.goLeft,
          m.rows,
          m.ordered,
          m.scratch,
          m.scratchOrdered,
          a,
          ctl[to]!,
        );
        Atomics.store(ctl, result, nLeft);
      } else {
        const a = ctl[from]!;
        const b = ctl[to]!;
        if (features.length < b - a) features = new Int32Array(b - a);
        const list = features.subarray(0, b - a);
        for (let i = a; i < b; i++) list[i - a] = ctl[featureWord(m.workers, i)]!;
        const identity = ctl[IDENTITY] === 1;
        const rows = identity ? null : m.rows;
        const out = m.pool[ctl[SLOT_INDEX]!]!;
        if (m.quantized) {
          buildPackedHistogram(
            m.bins,
            m.quads,
            m.quadFeatures,
            list,
            m.binOffset,
            m.numBins,
            rows,
            ctl[START]!,
            ctl[END]!,
            m.ordered,
            out,
          );
        } else {
          buildHistogram(
            m.bins,
            list,
            m.binOffset,
            m.numBins,
            rows,
            ctl[START]!,
            ctl[END]!,
            m.ordered,
            out,
          );
        }
      }
    } catch {
      Atomics.store(ctl, error, 1);
    }
    Atomics.store(ctl, done, seen);
    Atomics.notify(ctl, done);
  }
}

function bin(job: BinJob): void {
  try {
    const stride = job.maxBin + 1;
    const edges = binNumericColumn(job.column, job.sample, job.maxBin, job.out);
    if (edges.length > stride) throw new Error('too many edges');
    job.edges.set(edges, stride * job.feature);
    job.edgeCount[job.feature] = edges.length;
  } catch {
    Atomics.store(job.done, 2 * job.index + 1, 1);
  }
  Atomics.add(job.done, 2 * job.index, 1);
  Atomics.notify(job.done, 2 * job.index);
}

const port = parentPort!;
port.on('message', (m: WorkerInit | BinJob) => {
  if ('kind' in m && m.kind === 'bin') {
    bin(m);
    return;
  }
  serve(m as WorkerInit);
  port.close();
});
port.postMessage('ready');
