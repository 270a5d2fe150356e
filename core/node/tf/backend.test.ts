import { describe, expect, it } from 'vitest';
import { chooseBackend, initTensorflow } from './backend.js';

describe('initTensorflow', () => {
  it('falls back to wasm when tfjs-node is absent, and is memoised', async () => {
    const a = await initTensorflow();
    const b = await initTensorflow();
    expect(b).toBe(a);
    // tfjs-node is not installed on the test machine; on users' laptops this is 'tensorflow'.
    expect(['tensorflow', 'wasm']).toContain(a.backend);
    expect(a.tf.getBackend()).toBe(a.backend);
    const y = a.tf.tidy(() => a.tf.tensor1d([1, 2, 3]).square().dataSync());
    expect(Array.from(y)).toEqual([1, 4, 9]);
  });

  it('falls back to cpu when neither native nor wasm loads', async () => {
    const fail = () => Promise.reject(new Error('not here'));
    try {
      const r = await chooseBackend({ tensorflow: fail, wasm: fail });
      expect(r.backend).toBe('cpu');
      expect(r.tf.getBackend()).toBe('cpu');
    } finally {
      await (await initTensorflow()).tf.setBackend((await initTensorflow()).backend);
    }
  });
});
