import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import { sortDescending } from './order.js';

function check(values: number[]): void {
  const keys = Float64Array.from(values);
  const payload = Float64Array.from(values, (_, i) => i);
  sortDescending(keys, payload);
  expect(Array.from(keys)).toEqual([...values].sort((a, b) => b - a));
  // The payload moved with its key, and every row appears once.
  for (let k = 0; k < keys.length; k++) expect(values[payload[k]!]).toBe(keys[k]);
  expect(new Set(payload).size).toBe(values.length);
}

describe('sortDescending', () => {
  it('sorts random, tied, ordered and reversed input, carrying the payload', () => {
    const rng = new Rng(5);
    const n = 2000;
    check(Array.from({ length: n }, () => rng.normal()));
    check(Array.from({ length: n }, () => rng.int(3)));
    check(Array.from({ length: n }, (_, i) => i));
    check(Array.from({ length: n }, (_, i) => -i));
    check(Array.from({ length: n }, () => 7));
    check([]);
    check([1]);
    check([-Infinity, 3, Infinity, -0, 0]);
  });

  it('rejects arrays of different lengths', () => {
    expect(() => sortDescending(new Float64Array(2), new Float64Array(3))).toThrow(/lengths/);
  });
});
