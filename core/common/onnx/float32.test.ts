import { describe, expect, it } from 'vitest';
import { float32AtMost } from './float32.js';

describe('float32AtMost', () => {
  it('keeps float32 values and steps down from rounded-up ones', () => {
    expect(float32AtMost(0.5)).toBe(0.5);
    expect(float32AtMost(Infinity)).toBe(Infinity);
    expect(float32AtMost(-Infinity)).toBe(-Infinity);
    expect(float32AtMost(1e39)).toBe(3.4028234663852886e38);
    for (const t of [0.1, -0.1, 19.99, -19.99, 1e-40, -1e-40, 123456.789, 1 / 3]) {
      const b = float32AtMost(t);
      expect(Math.fround(b)).toBe(b);
      expect(b).toBeLessThanOrEqual(t);
      // The next float32 up is above t: no float32 lies between b and t.
      const f = new Float32Array([b]);
      const u = new Int32Array(f.buffer);
      u[0] = b >= 0 && !Object.is(b, -0) ? u[0]! + 1 : u[0]! - 1;
      expect(f[0]!).toBeGreaterThan(t);
    }
  });
});
