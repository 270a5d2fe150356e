// A histogram worker: waits on the control block, builds its share of features, reports.
import { parentPort } from 'node:worker_threads';
import { buildHistogram, gatherBins } from '../../common/gbdt/histogram.js';
import { partitionRows } from '../../common/gbdt/partition.js';
import {
  arrive,
  CMD,
  CMD_PARTITION,
  CMD_STOP,
  DONE,
  ERROR,
  FEATURE,
  FROM,
  RESULT,
  TO,
  END,
  featureWord,
  gatherChunk,
  IDENTITY,
  SEQ,
  SLOT_INDEX,
  START,
  type WorkerInit,
  workerWord,
} from './protocol.js';

/**
 * Polls (a few milliseconds) before sleeping: within a tree jobs come back to back, and waking
 * a sleeping thread costs far more than the gaps between them.
 */
const SPINS = 20_000;

/** A thread missing this long from a gather barrier has died; the trainer reports it. */
const BARRIER_TIMEOUT_MS = 120_000;

function serve(m: WorkerInit): void {
  const ctl = m.control;
  const done = workerWord(m.index, DONE);
  const error = workerWord(m.index, ERROR);
  const from = workerWord(m.index, FROM);
  const to = workerWord(m.index, TO);
  const result = workerWord(m.index, RESULT);
  let features = new Int32Array(64);
  let seen = 0;
  for (;;) {
    let spin = 0;
    while (Atomics.load(ctl, SEQ) === seen && spin < SPINS) spin++;
    Atomics.wait(ctl, SEQ, seen);
    seen = Atomics.load(ctl, SEQ);
    const cmd = ctl[CMD];
    if (cmd === CMD_STOP) return;
    try {
      if (cmd === CMD_PARTITION) {
        const a = ctl[from]!;
        const nLeft = partitionRows(
          m.matrix.columns[ctl[FEATURE]!]!,
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
        if (!identity) {
          const T = m.workers + 1;
          const s = ctl[START]!;
          const e = ctl[END]!;
          try {
            const a = gatherChunk(s, e, m.index + 1, T);
            gatherBins(m.matrix, m.rows, a, gatherChunk(s, e, m.index + 2, T), m.leafBins);
          } finally {
            // Arrive even after a failure, so that the other threads do not wait for this one.
            arrive(ctl, T, BARRIER_TIMEOUT_MS);
          }
        }
        buildHistogram(
          m.matrix,
          list,
          identity ? null : m.leafBins,
          ctl[START]!,
          ctl[END]!,
          m.ordered,
          m.pool[ctl[SLOT_INDEX]!]!,
        );
      }
    } catch {
      Atomics.store(ctl, error, 1);
    }
    Atomics.store(ctl, done, seen);
    Atomics.notify(ctl, done);
  }
}

const port = parentPort!;
port.once('message', (m: WorkerInit) => {
  serve(m);
  port.close();
});
port.postMessage('ready');
