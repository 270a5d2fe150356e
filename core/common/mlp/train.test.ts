import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rocAuc } from '../metrics/auc.js';
import { Rng } from '../random.js';
import { circles, smooth } from './mlp.fixture.js';
import { MlpModel } from './model.js';
import { trainMlp, type EpochReport } from './train.js';

// core/common must not import core/node, so the test picks the wasm backend itself, as
// core/node/tf/backend.ts does when tfjs-node is absent.
beforeAll(async () => {
  await tf.setBackend('wasm');
});

function rmse(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(s / a.length);
}

describe('trainMlp', () => {
  it('learns two circles (non-linear binary) to held-out AUC > 0.95', () => {
    const train = circles(2000, 1);
    const test = circles(1000, 2);
    const model = trainMlp(tf, train.data, train.label, {
      hidden_units: [32, 16],
      epochs: 20,
      batch_size: 64,
      learning_rate: 0.01,
      seed: 3,
    });
    const p = model.predict(tf, test.data);
    expect(rocAuc(test.label, p)).toBeGreaterThan(0.95);
    expect(model.info.backend).toBe('wasm');
  });

  it('fits a smooth regression function', () => {
    const train = smooth(2000, 4);
    const test = smooth(500, 5, 0);
    const model = trainMlp(tf, train.data, train.label, {
      task: 'regression',
      hidden_units: [32, 32],
      epochs: 30,
      batch_size: 64,
      learning_rate: 0.01,
      seed: 1,
    });
    const sd = Math.sqrt(test.label.reduce((s, v) => s + v * v, 0) / test.label.length);
    expect(rmse(model.predict(tf, test.data), test.label)).toBeLessThan(0.2 * sd);
  });

  it('weights rows: rows of weight 0 are ignored', () => {
    const { data, label } = circles(1000, 1);
    const twice = (c: Float64Array) => Float64Array.from([...c, ...c]);
    const doubled = {
      numeric: data.numeric.map(twice),
      categorical: data.categorical.map((c) => Int32Array.from([...c, ...c])),
    };
    const flipped = Float64Array.from([...label, ...label.map((y) => 1 - y)]);
    const weight = Float64Array.from(flipped, (_, i) => (i < 1000 ? 1 : 0));
    const params = { hidden_units: [32, 16], epochs: 20, batch_size: 64, learning_rate: 0.01 };
    const model = trainMlp(tf, doubled, flipped, params, { weight });
    const test = circles(500, 2);
    expect(rocAuc(test.label, model.predictJs(test.data))).toBeGreaterThan(0.95);
    expect(() => trainMlp(tf, doubled, flipped, params, { weight: weight.map(() => -1) })).toThrow(
      /weights: row 0 has weight -1/,
    );
  });

  it('stops early on noise and keeps the best epoch', () => {
    const rng = new Rng(9);
    const n = 600;
    const data = {
      numeric: Array.from({ length: 5 }, () =>
        Float64Array.from({ length: n }, () => rng.normal()),
      ),
      categorical: [],
    };
    const label = Float64Array.from({ length: n }, () => (rng.bernoulli(0.5) ? 1 : 0));
    const reports: EpochReport[] = [];
    const model = trainMlp(
      tf,
      data,
      label,
      {
        hidden_units: [64, 64],
        epochs: 200,
        batch_size: 32,
        learning_rate: 0.01,
        early_stopping_rounds: 5,
      },
      { onEpoch: (r) => void reports.push(r) },
    );
    expect(reports.length).toBeLessThan(200);
    const best = Math.min(...reports.map((r) => r.valLoss!));
    expect(reports[model.info.bestEpoch]!.valLoss).toBe(best);
    expect(reports.length - 1 - model.info.bestEpoch).toBe(5);
  });

  it('stops when onEpoch returns false', () => {
    const { data, label } = circles(200, 1);
    let epochs = 0;
    trainMlp(tf, data, label, { epochs: 50 }, { onEpoch: (r) => (epochs++, r.epoch < 2) });
    expect(epochs).toBe(3);
  });

  it('gives byte-identical weights for the same data, params and seed', () => {
    const { data, label } = circles(500, 7);
    const params = { hidden_units: [16, 8], epochs: 3, batch_size: 50, dropout: 0.2, seed: 11 };
    const a = trainMlp(tf, data, label, params).toJSON();
    const b = trainMlp(tf, data, label, params).toJSON();
    expect(b.layers).toEqual(a.layers);
    const c = trainMlp(tf, data, label, { ...params, seed: 12 }).toJSON();
    expect(c.layers[0]!.weights).not.toBe(a.layers[0]!.weights);
  });

  it('predictJs agrees with TensorFlow, and survives save → load', () => {
    const { data, label } = circles(600, 3);
    const model = trainMlp(tf, data, label, { hidden_units: [16, 8], epochs: 5, seed: 2 });
    const test = circles(300, 4);
    const viaTf = model.predict(tf, test.data);
    const viaJs = model.predictJs(test.data);
    for (let i = 0; i < viaTf.length; i++)
      expect(Math.abs(viaTf[i]! - viaJs[i]!)).toBeLessThan(1e-5);
    const loaded = MlpModel.fromJSON(JSON.parse(JSON.stringify(model)));
    expect(loaded.predict(tf, test.data)).toEqual(viaTf);
    expect(loaded.predictJs(test.data)).toEqual(viaJs);
  });

  it('multiclass and poisson outputs are probabilities and positive means', () => {
    const { data, label } = circles(400, 5);
    const cls = Float64Array.from(label, (y, i) => (y === 1 ? 2 : data.categorical[0]![i]! % 2));
    const mc = trainMlp(tf, data, cls, { task: 'multiclass', num_class: 3, epochs: 3 });
    const p = mc.predictJs(data);
    expect(p.length).toBe(400 * 3);
    expect(p[0]! + p[1]! + p[2]!).toBeCloseTo(1, 6);
    const counts = Float64Array.from(label, (y) => 3 * y);
    const po = trainMlp(tf, data, counts, { task: 'poisson', epochs: 3 });
    expect(po.predict(tf, data).every((v) => v > 0)).toBe(true);
  });

  it('scores missing values and unseen categories without failing', () => {
    const train = circles(300, 1);
    train.data.numeric[2]![0] = NaN; // gives column 2 a missing indicator
    const model = trainMlp(tf, train.data, train.label, { epochs: 2, hidden_units: [8] });
    const data = {
      numeric: [
        new Float64Array([NaN, 10]),
        new Float64Array([0, Infinity]),
        new Float64Array([NaN, 1]),
      ],
      categorical: [new Int32Array([-1, 99])],
    };
    for (const p of [model.predict(tf, data), model.predictJs(data)]) {
      expect(p.length).toBe(2);
      expect(p.every((v) => v > 0 && v < 1)).toBe(true);
    }
  });

  it('checks labels and parameters, naming them', () => {
    const { data, label } = circles(50, 1);
    expect(() => trainMlp(tf, data, label, { dropout: 1 })).toThrow(
      /'dropout' must be in \[0, 1\)/,
    );
    expect(() => trainMlp(tf, data, label, { hidden: [3] })).toThrow(/unknown parameter 'hidden'/);
    expect(() =>
      trainMlp(
        tf,
        data,
        label.map((v) => v * 2),
      ),
    ).toThrow(/label of row \d+ is 2/);
    expect(() => trainMlp(tf, data, label, { task: 'ranking' })).toThrow(
      /'task' must be one of binary, multiclass, regression, poisson/,
    );
  });
});
