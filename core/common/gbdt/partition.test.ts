import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import { mergePartitions, partitionRows } from './partition.js';

describe('row partition', () => {
  const rng = new Rng(9);
  const n = 500;
  const col = Uint8Array.from({ length: n }, () => rng.int(6));
  const goLeft = Uint8Array.from([1, 0, 1, 1, 0, 0]);
  const fresh = () => {
    const rows = Uint32Array.from({ length: n }, (_, i) => i).filter((i) => i % 4 !== 1);
    const ordered = new Float64Array(2 * rows.length);
    rows.forEach((r, i) => {
      ordered[2 * i] = r;
      ordered[2 * i + 1] = -r;
    });
    return { rows, ordered };
  };

  // Rows 20 … 340 of the list: the left ones in order, then the right ones in order.
  const { rows: all } = fresh();
  const range = [...all.subarray(20, 340)];
  const expected = [
    ...range.filter((r) => goLeft[col[r]!] === 1),
    ...range.filter((r) => goLeft[col[r]!] === 0),
  ];

  it('is stable and moves the gradients with the rows, in one chunk or several', () => {
    for (const bounds of [
      [20, 340],
      [20, 125, 230, 340],
      [20, 21, 21, 300, 340],
    ]) {
      const { rows, ordered } = fresh();
      const scratch = new Uint32Array(rows.length);
      const scratchOrdered = new Float64Array(2 * rows.length);
      const nLeft = bounds
        .slice(1)
        .map((to, k) =>
          partitionRows(col, goLeft, rows, ordered, scratch, scratchOrdered, bounds[k]!, to),
        );
      const left = mergePartitions(rows, ordered, scratch, scratchOrdered, bounds, nLeft);
      expect(left).toBe(expected.filter((r) => goLeft[col[r]!] === 1).length);
      expect([...rows.subarray(20, 340)]).toEqual(expected);
      expect([...rows.subarray(0, 20)]).toEqual([...all.subarray(0, 20)]);
      expect([...rows.subarray(340)]).toEqual([...all.subarray(340)]);
      for (let i = 0; i < rows.length; i++) {
        expect(ordered[2 * i]).toBe(rows[i]);
        expect(ordered[2 * i + 1]).toBe(-rows[i]!);
      }
    }
  });
});
