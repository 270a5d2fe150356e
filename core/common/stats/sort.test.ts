import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import { sortRange } from './sort.js';

describe('sortRange', () => {
  it('sorts random, tied, ordered and reversed data like the native sort', () => {
    const rng = new Rng(2);
    const cases = [
      Float64Array.from({ length: 1000 }, () => rng.normal()),
      Float64Array.from({ length: 1000 }, () => rng.int(5) - 2),
      Float64Array.from({ length: 300 }, (_, i) => i),
      Float64Array.from({ length: 300 }, (_, i) => -i),
      Float64Array.from([3, 1, 2]),
      new Float64Array(0),
    ];
    for (const a of cases) {
      const b = Float64Array.from(a);
      sortRange(b, 0, b.length);
      expect(Array.from(b)).toEqual(Array.from(Float64Array.from(a).sort()));
    }
  });

  it('sorts only the given range', () => {
    const a = Float64Array.from([9, 8, 7, 3, 2, 1, 0]);
    sortRange(a, 1, 6);
    expect(Array.from(a)).toEqual([9, 1, 2, 3, 7, 8, 0]);
  });
});
