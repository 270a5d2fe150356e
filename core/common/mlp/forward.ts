// The forward pass in plain JavaScript, from saved weights: no TensorFlow needed to score.

export type Activation = 'relu' | 'linear' | 'sigmoid' | 'softmax' | 'exp';

export const ACTIVATIONS: readonly Activation[] = ['relu', 'linear', 'sigmoid', 'softmax', 'exp'];

/** A dense layer: out = activation(in · weights + bias), weights row-major [inputs, units]. */
export interface DenseLayer {
  units: number;
  activation: Activation;
  weights: Float32Array;
  bias: Float32Array;
}

/**
 * Runs `layers` over `n` rows of `x` (row-major, `inputs` values per row) and returns the last
 * layer's outputs, row-major. Sums run in float64, so results match float32 TensorFlow to
 * about 1e-6 relative.
 */
export function forward(
  layers: readonly DenseLayer[],
  x: Float32Array,
  n: number,
  inputs: number,
): Float64Array {
  let cur: Float64Array | Float32Array = x;
  let width = inputs;
  for (const layer of layers) {
    const { units, weights: w, bias: b } = layer;
    const out = new Float64Array(n * units);
    for (let i = 0; i < n; i++) {
      const o = i * units;
      for (let u = 0; u < units; u++) out[o + u] = b[u]!;
      for (let j = 0; j < width; j++) {
        const v = cur[i * width + j]!;
        if (v === 0) continue; // one-hot and ReLU outputs are mostly zeros
        const r = j * units;
        for (let u = 0; u < units; u++) out[o + u]! += v * w[r + u]!;
      }
      activate(layer.activation, out, o, units);
    }
    cur = out;
    width = units;
  }
  return cur instanceof Float64Array ? cur : Float64Array.from(cur);
}

function activate(a: Activation, v: Float64Array, from: number, len: number): void {
  const end = from + len;
  switch (a) {
    case 'linear':
      return;
    case 'relu':
      for (let i = from; i < end; i++) if (!(v[i]! > 0)) v[i] = 0;
      return;
    case 'sigmoid':
      for (let i = from; i < end; i++) v[i] = 1 / (1 + Math.exp(-v[i]!));
      return;
    case 'exp':
      for (let i = from; i < end; i++) v[i] = Math.exp(v[i]!);
      return;
    case 'softmax': {
      let max = -Infinity;
      for (let i = from; i < end; i++) max = Math.max(max, v[i]!);
      let sum = 0;
      for (let i = from; i < end; i++) sum += v[i] = Math.exp(v[i]! - max);
      for (let i = from; i < end; i++) v[i]! /= sum;
      return;
    }
  }
}
