import { describe, expect, it } from 'vitest';
import { base64ToFloat32, float32ToBase64 } from './base64.js';
import { MlpModel } from './model.js';
import { parseMlpParams } from './params.js';

function tinyModel(): MlpModel {
  const preprocessing = {
    names: ['a', 'c'],
    numeric: [{ mean: 1, std: 2, indicator: false }],
    categorical: [{ codes: [0, 4] }],
  };
  const layers = [
    {
      units: 2,
      activation: 'relu' as const,
      weights: new Float32Array([1, -1, 0.5, 0, 0, 2]),
      bias: new Float32Array([0, 0.1]),
    },
    {
      units: 1,
      activation: 'sigmoid' as const,
      weights: new Float32Array([1, 1]),
      bias: new Float32Array([-0.5]),
    },
  ];
  return new MlpModel(
    { backend: 'wasm', task: 'binary', preprocessing, bestEpoch: 0, params: parseMlpParams() },
    layers,
  );
}

describe('MLP model JSON', () => {
  it('round-trips float32 through base64 exactly', () => {
    for (const len of [0, 1, 2, 3, 7]) {
      const v = Float32Array.from({ length: len }, (_, i) => (i - 3) / 7 + 1e-30 * i);
      expect(base64ToFloat32(float32ToBase64(v), 'x')).toEqual(v);
    }
    expect(float32ToBase64(new Float32Array([1]))).toBe('AACAPw=='); // little-endian 1.0f
    expect(() => base64ToFloat32('AAC*Pw==', 'w')).toThrow(/w: bad base64 character/);
  });

  it('saves and loads, and scores by hand-checked weights', () => {
    const m = tinyModel();
    const json = JSON.parse(JSON.stringify(m)) as ReturnType<MlpModel['toJSON']>;
    expect(json).toMatchObject({ format: 'sightline-mlp', version: 1, backend: 'wasm' });
    const data = { numeric: [new Float64Array([3])], categorical: [new Int32Array([4])] };
    // x = [1, 0, 1]; hidden = relu([1, -1 + 2 + 0.1]) = [1, 1.1]; out = sigmoid(2.1 - 0.5)
    const want = 1 / (1 + Math.exp(-1.6));
    expect(m.predictJs(data)[0]).toBeCloseTo(want, 6);
    expect(MlpModel.fromJSON(json).predictJs(data)[0]).toBeCloseTo(want, 6);
  });

  it('refuses other formats, versions and malformed layers', () => {
    const json = tinyModel().toJSON();
    expect(() => MlpModel.fromJSON({ ...json, format: 'sightline-gbdt' })).toThrow(
      /not a Sightline MLP/,
    );
    expect(() => MlpModel.fromJSON({ ...json, version: 2 })).toThrow(
      /MLP model version 2 is not supported: this build reads version 1/,
    );
    const bad = { ...json, layers: [json.layers[0], { ...json.layers[1], units: 3 }] };
    expect(() => MlpModel.fromJSON(bad)).toThrow(
      /layers\[1\]: weights do not fit 2 inputs × 3 units/,
    );
  });
});
