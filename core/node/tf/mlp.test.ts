// The MLP through the Node entry point: the backend initTensorflow picks trains and scores it.
import { describe, expect, it } from 'vitest';
import { trainMlp } from '../../common/mlp/index.js';
import { MlpModel } from '../../common/mlp/model.js';
import { Rng } from '../../common/random.js';
import { initTensorflow } from './backend.js';

describe('MLP on the chosen backend', () => {
  it('trains, records the backend, and scores the same through TF, JS and JSON', async () => {
    const { tf, backend } = await initTensorflow();
    const rng = new Rng(5);
    const n = 400;
    const a = Float64Array.from({ length: n }, () => rng.normal());
    const c = Int32Array.from({ length: n }, () => rng.int(4));
    const label = Float64Array.from(a, (v, i) => (v * v + (c[i] === 2 ? 1 : 0) > 1 ? 1 : 0));
    const data = { numeric: [a], categorical: [c], names: ['a', 'c'] };
    const model = trainMlp(tf, data, label, { hidden_units: [16], epochs: 5, seed: 1 });
    expect(model.info.backend).toBe(backend);
    expect(model.featureNames).toEqual(['a', 'c']);
    const viaTf = model.predict(tf, data);
    const viaJson = MlpModel.fromJSON(JSON.parse(JSON.stringify(model))).predictJs(data);
    for (let i = 0; i < n; i++) expect(Math.abs(viaTf[i]! - viaJson[i]!)).toBeLessThan(1e-5);
  });
});
