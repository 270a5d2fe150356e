// The shared objective's gradient job over a range of rows, as one pass per step: the last
// tree's pending score update, the gradients, and the range's extremes for quantisation.
import { fresh } from './fresh.js';
import type { Objective } from './objectives/index.js';

export interface GradientArrays {
  label: Float64Array;
  score: Float64Array;
  weight: Float64Array | null;
  grad: Float64Array;
  hess: Float64Array;
  /** Level-wise growth's row → node bytes, node values waiting to be added, and tables. */
  leafOf: Uint8Array | null;
  pending: Float64Array | null;
  ints: Int32Array | null;
  /** Quantisation's per-chunk extremes (LevelBuffers.qf), or null. */
  qf: Float64Array | null;
}

export interface GradientLayout {
  /** ints index: 1 while `pending` holds values to add (level.ts PENDING). */
  pending: number;
  /** qf index of chunk 0's extremes (engine.ts QF_CHUNK). */
  qfChunk: number;
  /** Whether the objective is plain binary log loss (gradients inlined below). */
  binary: boolean;
}

/**
 * Rows [a, b) as chunk c: first, when ints[pending] is 1, score[r] += pending[leafOf[r]] (the
 * last tree's leaf values, deferred from the training thread's addToScore — the same single
 * addition); then the gradients (binary log loss inlined: the same formula as
 * objectives/binary.ts, so the same values; other objectives through `generic`); then, with
 * `qf`, the extremes of |grad|, hess over the range at qf[qfChunk + 4c …] as
 * quantize.ts gradientExtremes writes them. A closure over the run's arrays, compiled afresh
 * (fresh.ts): the body may refer only to its arguments and built-ins.
 */
function gradientKernelSource(
  x: GradientArrays,
  L: GradientLayout,
  generic: (a: number, b: number) => void,
): (a: number, b: number, c: number) => void {
  const label = x.label;
  const score = x.score;
  const grad = x.grad;
  const hess = x.hess;
  const leafOf = x.leafOf ?? new Uint8Array(0);
  const pending = x.pending ?? new Float64Array(0);
  const ints = x.ints ?? new Int32Array(L.pending + 1);
  const qf = x.qf;
  const out = qf ?? new Float64Array(0);
  const PENDING = L.pending;
  const QF_CHUNK = L.qfChunk;
  const inline = L.binary && x.weight === null;
  return (a: number, b: number, c: number): void => {
    if (ints[PENDING] === 1) {
      for (let r = a; r < b; r++) score[r] = score[r]! + pending[leafOf[r]!]!;
    }
    if (inline) {
      for (let i = a; i < b; i++) {
        const p = 1 / (1 + Math.exp(-score[i]!));
        grad[i] = p - label[i]!;
        hess[i] = Math.max(p * (1 - p), 1e-16);
      }
    } else generic(a, b);
    if (qf === null) return;
    let maxG = 0;
    let maxH = 0;
    let minH = Infinity;
    for (let i = a; i < b; i++) {
      const g = Math.abs(grad[i]!);
      const h = hess[i]!;
      if (g > maxG) maxG = g;
      if (h > maxH) maxH = h;
      if (h < minH) minH = h;
    }
    const at = QF_CHUNK + 4 * c;
    out[at] = maxG;
    out[at + 1] = maxH;
    out[at + 2] = minH;
  };
}

/** The gradient job's kernel over `x` for `objective` (compiled afresh for each run). */
export function gradientKernel(
  x: GradientArrays,
  objective: Objective,
  layout: Omit<GradientLayout, 'binary'>,
): (a: number, b: number, c: number) => void {
  const w = x.weight;
  const generic = (a: number, b: number): void =>
    objective.gradients(
      x.label.subarray(a, b),
      x.score.subarray(a, b),
      x.grad.subarray(a, b),
      x.hess.subarray(a, b),
      w ? w.subarray(a, b) : undefined,
    );
  return fresh(gradientKernelSource)(
    x,
    { ...layout, binary: objective.name === 'binary' },
    generic,
  );
}
