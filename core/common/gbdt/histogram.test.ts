import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import { buildHistogram, gatherGradients, SLOT, subtractHistogram } from './histogram.js';

describe('histogram kernels', () => {
  const rng = new Rng(5);
  const n = 1000;
  const numBins = Int32Array.from([4, 7, 3, 5, 2, 6, 9, 3, 4, 8, 2, 5, 7, 3]);
  const binOffset = new Int32Array(numBins.length);
  for (let f = 1; f < numBins.length; f++) binOffset[f] = binOffset[f - 1]! + numBins[f - 1]!;
  const totalBins = binOffset[numBins.length - 1]! + numBins[numBins.length - 1]!;
  const bins = Array.from(numBins, (nb) => Uint8Array.from({ length: n }, () => rng.int(nb)));
  const grad = Float64Array.from({ length: n }, () => rng.normal());
  const hess = Float64Array.from({ length: n }, () => rng.next());
  // Thirteen of fourteen features, out of order: passes of eight, four and one feature.
  const features = Int32Array.from([5, 0, 1, 3, 2, 13, 7, 9, 12, 6, 4, 11, 8]);
  const build = (rows: Uint32Array): Float64Array => {
    const og = new Float64Array(2 * n);
    gatherGradients(rows, 0, rows.length, grad, hess, og);
    const out = new Float64Array(totalBins * SLOT).fill(99); // stale contents must be overwritten
    buildHistogram(bins, features, binOffset, numBins, rows, 0, rows.length, og, out);
    return out;
  };

  it('sums gradient, hessian and count per bin', () => {
    const rows = Uint32Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 !== 0);
    const h = build(rows);
    for (const f of features) {
      for (let b = 0; b < numBins[f]!; b++) {
        let g = 0;
        let s = 0;
        let c = 0;
        for (const r of rows) {
          if (bins[f]![r] !== b) continue;
          g += grad[r]!;
          s += hess[r]!;
          c++;
        }
        const k = (binOffset[f]! + b) * SLOT;
        expect(h[k]).toBeCloseTo(g, 10);
        expect(h[k + 1]).toBeCloseTo(s, 10);
        expect(h[k + 2]).toBe(c);
      }
    }
  });

  it('takes rows start … end in order when no row list is given', () => {
    const all = Uint32Array.from({ length: n }, (_, i) => i);
    const og = new Float64Array(2 * n);
    gatherGradients(null, 100, 900, grad, hess, og);
    expect(og[200]).toBe(grad[100]);
    expect(og[201]).toBe(hess[100]);
    const seq = new Float64Array(totalBins * SLOT).fill(7);
    buildHistogram(bins, features, binOffset, numBins, null, 100, 900, og, seq);
    const listed = new Float64Array(totalBins * SLOT);
    const og2 = new Float64Array(2 * n);
    gatherGradients(all, 100, 900, grad, hess, og2);
    buildHistogram(bins, features, binOffset, numBins, all, 100, 900, og2, listed);
    for (const f of features) {
      for (let k = binOffset[f]! * SLOT; k < (binOffset[f]! + numBins[f]!) * SLOT; k++) {
        expect(seq[k]).toBe(listed[k]);
      }
    }
  });

  it('gives each feature the same sums whatever features share its pass', () => {
    const rows = Uint32Array.from({ length: n }, (_, i) => i).filter((i) => i % 5 !== 2);
    const og = new Float64Array(2 * n);
    gatherGradients(rows, 0, rows.length, grad, hess, og);
    const together = new Float64Array(totalBins * SLOT);
    buildHistogram(bins, features, binOffset, numBins, rows, 0, rows.length, og, together);
    // Passes of two, then one at a time.
    for (const list of [features.subarray(0, 2), features.subarray(2, 4), features.subarray(4)]) {
      for (const width of [list.length, 1]) {
        const alone = new Float64Array(totalBins * SLOT);
        for (let i = 0; i < list.length; i += width) {
          const part = list.subarray(i, i + width);
          buildHistogram(bins, part, binOffset, numBins, rows, 0, rows.length, og, alone);
        }
        for (const f of list) {
          for (let k = binOffset[f]! * SLOT; k < (binOffset[f]! + numBins[f]!) * SLOT; k++) {
            expect(alone[k]).toBe(together[k]);
          }
        }
      }
    }
  });

  it('parent minus one child is the other child', () => {
    const all = Uint32Array.from({ length: n }, (_, i) => i);
    const left = all.filter((i) => bins[1]![i]! < 3);
    const right = all.filter((i) => bins[1]![i]! >= 3);
    const parent = build(all);
    subtractHistogram(parent, build(left), features, binOffset, numBins);
    const direct = build(right);
    for (const f of features) {
      for (let k = binOffset[f]! * SLOT; k < (binOffset[f]! + numBins[f]!) * SLOT; k++) {
        expect(parent[k]).toBeCloseTo(direct[k]!, 9);
      }
    }
  });
});
