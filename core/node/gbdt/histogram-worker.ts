// A histogram worker: waits on the control block, builds its share of features, reports.
import { parentPort } from 'node:worker_threads';
import { buildHistogram } from '../../common/gbdt/histogram.js';
import { partitionRows } from '../../common/gbdt/partition.js';
import {
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
    // Wait until SEQ really changes: a wait can end with SEQ unchanged — the trainer's notify
    // for a job this thread already found while spinning arrives late when the trainer was
    // descheduled between publishing and notifying (seen on a loaded machine) — and running
    // the same job twice would redo a partition over rows the trainer has since merged.
    while (Atomics.load(ctl, SEQ) === seen) Atomics.wait(ctl, SEQ, seen);
    seen = Atomics.load(ctl, SEQ);
    const cmd = ctl[CMD];
    if (cmd === CMD_STOP) return;
    try {
      if (cmd === CMD_PARTITION) {
        const a = ctl[from]!;
        const nLeft = partitionRows(
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
        buildHistogram(
          m.bins,
          list,
          m.binOffset,
          m.numBins,
          identity ? null : m.rows,
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
