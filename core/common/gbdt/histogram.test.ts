import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import { buildHistogram, gatherGradients, SLOT, subtractHistogram } from './histogram.js';

describe('histogram kernels', () => {
  const rng = new Rng(5);
  const n = 1000;
  const numBins = Int32Array.from([4, 7, 3, 5, 2, 6]);
  const binOffset = Int32Array.from([0, 4, 11, 14, 19, 21]);
  const bins = Array.from(numBins, (nb) => Uint8Array.from({ length: n }, () => rng.int(nb)));
  const grad = Float64Array.from({ length: n }, () => rng.normal());
  const hess = Float64Array.from({ length: n }, () => rng.next());
  // Five of six features, out of order: one pass of four and one single feature.
  const features = Int32Array.from([5, 0, 1, 3, 2]);
  const build = (rows: Uint32Array): Float64Array => {
    const og = new Float64Array(n);
    const oh = new Float64Array(n);
    gatherGradients(rows, 0, rows.length, grad, hess, og, oh);
    const out = new Float64Array(27 * SLOT).fill(99); // stale contents must be overwritten
    buildHistogram(bins, features, binOffset, numBins, rows, 0, rows.length, og, oh, out);
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
