import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import { train } from './booster.js';
import type { RawData } from './dataset.js';
import { GbdtModel } from './model.js';
import type { Objective } from './objectives/index.js';

/** Rows with x0, x1 uniform in (−1, 1) plus noise columns; y = 1 when x0·x1 > 0 (XOR). */
function xor(n: number, seed: number): { data: RawData; y: Float64Array } {
  const rng = new Rng(seed);
  const numeric = Array.from({ length: 4 }, () =>
    Float64Array.from({ length: n }, () => rng.uniform(-1, 1)),
  );
  const y = Float64Array.from({ length: n }, (_, i) =>
    numeric[0]![i]! * numeric[1]![i]! > 0 ? 1 : 0,
  );
  return { data: { numeric, categorical: [] }, y };
}

function accuracy(p: Float64Array, y: Float64Array): number {
  let ok = 0;
  for (let i = 0; i < y.length; i++) ok += (p[i]! > 0.5 ? 1 : 0) === y[i] ? 1 : 0;
  return ok / y.length;
}

describe('train', () => {
  it('learns XOR, which no linear model can', () => {
    const tr = xor(4000, 1);
    const te = xor(2000, 2);
    const model = train(tr.data, tr.y, { trees: 60, num_leaves: 15 });
    expect(accuracy(model.predict(te.data), te.y)).toBeGreaterThan(0.95);
    const imp = model.featureImportance('gain');
    expect(imp[0]! + imp[1]!).toBeGreaterThan(10 * (imp[2]! + imp[3]!));
  });

  it('lowers the L2 training loss every round', () => {
    const rng = new Rng(4);
    const { data } = xor(3000, 3);
    const y = Float64Array.from(
      { length: 3000 },
      (_, i) => 3 * data.numeric[0]![i]! ** 2 + data.numeric[1]![i]! + rng.normal(0, 0.3),
    );
    const losses: number[] = [];
    train(
      data,
      y,
      { objective: 'regression', trees: 40, learning_rate: 0.1 },
      {
        valid: { data, label: y },
        onRound: (r) => void losses.push(r.valid!),
      },
    );
    expect(losses).toHaveLength(40);
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThan(losses[i - 1]!);
    expect(losses[39]!).toBeLessThan(0.2 * losses[0]!);
  });

  it('is reproducible from its seed; bagging with another seed differs', () => {
    const { data, y } = xor(1500, 5);
    const params = { trees: 10, bagging_fraction: 0.7, feature_fraction: 0.75, seed: 42 };
    const a = JSON.stringify(train(data, y, params));
    const b = JSON.stringify(train(data, y, params));
    const c = JSON.stringify(train(data, y, { ...params, seed: 43 }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('learns from missing values with a default direction', () => {
    const make = (n: number, seed: number): { data: RawData; y: Float64Array } => {
      const rng = new Rng(seed);
      const y = Float64Array.from({ length: n }, () => rng.int(2));
      // Feature 0 is missing for 90 % of positives and 10 % of negatives; present values are noise.
      const x0 = Float64Array.from(y, (v) =>
        rng.bernoulli(v === 1 ? 0.9 : 0.1) ? NaN : rng.normal(),
      );
      const x1 = Float64Array.from(y, () => rng.normal());
      return { data: { numeric: [x0, x1], categorical: [] }, y };
    };
    const tr = make(4000, 6);
    const te = make(2000, 7);
    const model = train(tr.data, tr.y, { trees: 20, num_leaves: 4 });
    expect(accuracy(model.predict(te.data), te.y)).toBeGreaterThan(0.85);
    const root = model.trees[0]!;
    expect(root.splitFeature[0]).toBe(0);
    // NaN goes to the side with the higher value (the positives).
    const nanSide = root.predictRow([NaN, 0]);
    const valueSide = root.predictRow([0, 0]);
    expect(nanSide).toBeGreaterThan(valueSide);
    // "Missing against everything else" is the threshold +Infinity; it survives save and load.
    expect(root.threshold[0]).toBe(Infinity);
    expect(root.defaultLeft[0]).toBe(0);
    const loaded = GbdtModel.fromJSON(JSON.parse(JSON.stringify(model)));
    expect(loaded.trees[0]!.threshold[0]).toBe(Infinity);
    expect(loaded.predict(te.data)).toEqual(model.predict(te.data));
  });

  it('splits a categorical feature by membership of non-ordinal codes', () => {
    const inSet = new Set([1, 4, 5, 9, 13, 17, 18]);
    const make = (n: number, seed: number): { data: RawData; y: Float64Array } => {
      const rng = new Rng(seed);
      const c = Int32Array.from({ length: n }, () => rng.int(20));
      const y = Float64Array.from(c, (v) => (inSet.has(v) ? 1 : 0) ^ (rng.bernoulli(0.05) ? 1 : 0));
      const x = Float64Array.from(c, () => rng.normal());
      return { data: { numeric: [x], categorical: [c], names: ['noise', 'segment'] }, y };
    };
    const tr = make(6000, 8);
    const te = make(2000, 9);
    const model = train(tr.data, tr.y, { trees: 20, num_leaves: 4 });
    expect(accuracy(model.predict(te.data), te.y)).toBeGreaterThan(0.93);
    const t0 = model.trees[0]!;
    expect(t0.splitFeature[0]).toBe(1);
    expect(t0.isCategorical[0]).toBe(1);
    const p = model.predict({
      numeric: [new Float64Array(20)],
      categorical: [Int32Array.from({ length: 20 }, (_, i) => i)],
    });
    for (let code = 0; code < 20; code++) expect(p[code]! > 0.5).toBe(inSet.has(code));
  });

  it('stops early on noisy data and keeps the best round', () => {
    const rng = new Rng(10);
    const { data } = xor(1500, 11);
    const y = Float64Array.from(
      { length: 1500 },
      (_, i) => 0.3 * data.numeric[0]![i]! + rng.normal(),
    );
    const vd = xor(1000, 12).data;
    const vy = Float64Array.from(
      { length: 1000 },
      (_, i) => 0.3 * vd.numeric[0]![i]! + rng.normal(),
    );
    const seen: number[] = [];
    const model = train(
      data,
      y,
      {
        objective: 'regression',
        trees: 300,
        num_leaves: 31,
        min_data_in_leaf: 5,
        early_stopping_rounds: 10,
      },
      {
        valid: { data: vd, label: vy },
        metric: {
          name: 'rmse',
          higherIsBetter: false,
          evaluate: (label, pred) =>
            Math.sqrt(label.reduce((s, v, i) => s + (v - pred[i]!) ** 2, 0) / label.length),
        },
        onRound: (r) => void seen.push(r.valid!),
      },
    );
    const best = model.info.bestIteration;
    expect(best).toBeLessThan(299);
    expect(seen.length).toBe(best + 11);
    expect(model.rounds).toBe(best + 1);
    expect(Math.min(...seen)).toBe(seen[best]);
  });

  it('trains multiclass with one tree per class per round', () => {
    const { data } = xor(3000, 13);
    const y = Float64Array.from({ length: 3000 }, (_, i) =>
      data.numeric[0]![i]! < -0.3 ? 0 : data.numeric[0]![i]! < 0.3 ? 1 : 2,
    );
    const model = train(data, y, { objective: 'multiclass', num_class: 3, trees: 15 });
    expect(model.trees).toHaveLength(45);
    const p = model.predict(data);
    let ok = 0;
    for (let i = 0; i < 3000; i++) {
      const row = Array.from(p.subarray(3 * i, 3 * i + 3));
      expect(row[0]! + row[1]! + row[2]!).toBeCloseTo(1, 12);
      ok += row.indexOf(Math.max(...row)) === y[i] ? 1 : 0;
    }
    expect(ok / 3000).toBeGreaterThan(0.97);
  });

  it('keeps monotone constraints', () => {
    const rng = new Rng(14);
    const n = 3000;
    const x0 = Float64Array.from({ length: n }, () => rng.uniform(-2, 2));
    const x1 = Float64Array.from({ length: n }, () => rng.uniform(-2, 2));
    // Non-monotone truth in x0 (a dip), plus noise; constrain it to be non-decreasing.
    const y = Float64Array.from(
      x0,
      (v, i) => v + 1.5 * Math.sin(3 * v) + x1[i]! + rng.normal(0, 0.2),
    );
    const data = { numeric: [x0, x1], categorical: [] };
    const model = train(data, y, {
      objective: 'regression',
      trees: 50,
      monotone_constraints: [1, 0],
    });
    for (const other of [-1.5, 0, 1.5]) {
      let prev = -Infinity;
      for (let v = -2.5; v <= 2.5; v += 0.01) {
        const m = model.predictRowRaw([v, other])[0]!;
        expect(m).toBeGreaterThanOrEqual(prev - 1e-12);
        prev = m;
      }
    }
    expect(() => train(data, y, { objective: 'regression', monotone_constraints: [1] })).toThrow(
      /2 features/,
    );
  });

  it('accepts a custom objective and a poisson objective', () => {
    const { data } = xor(2000, 15);
    const y = Float64Array.from({ length: 2000 }, (_, i) => 2 * data.numeric[0]![i]!);
    const halfL2: Objective = {
      name: 'my-l2',
      numOutputs: 1,
      checkLabels() {},
      initScore: () => [0],
      gradients(label, score, grad, hess) {
        for (let i = 0; i < label.length; i++) {
          grad[i] = score[i]! - label[i]!;
          hess[i] = 1;
        }
      },
      loss: (label, score) =>
        label.reduce((s, v, i) => s + 0.5 * (score[i]! - v) ** 2, 0) / label.length,
      transform(m, out) {
        out[0] = m[0]!;
      },
    };
    const model = train(data, y, { trees: 50 }, { objective: halfL2 });
    expect(model.info.objective).toBe('my-l2');
    const p = model.predict(data);
    expect(Math.abs(p[0]! - y[0]!)).toBeLessThan(0.2);
    expect(() => GbdtModel.fromJSON(JSON.stringify(model)).predict(data)).toThrow(/not built in/);
    expect(GbdtModel.fromJSON(JSON.stringify(model), halfL2).predict(data)).toEqual(p);
  });

  it('fits quantiles and medians on a large scale (leaf values from residual quantiles)', () => {
    const make = (n: number, seed: number): { data: RawData; y: Float64Array } => {
      const rng = new Rng(seed);
      const x = Float64Array.from({ length: n }, () => rng.next());
      const y = Float64Array.from(x, (v) => 1000 + 800 * v + rng.normal(0, 20 + 100 * v));
      return { data: { numeric: [x], categorical: [] }, y };
    };
    const tr = make(4000, 17);
    const te = make(4000, 18);
    for (const [objective, alpha] of [
      ['quantile', 0.9],
      ['l1', 0.5],
    ] as const) {
      const params = { objective, alpha, trees: 30, num_leaves: 7, learning_rate: 0.3 };
      const model = train(tr.data, tr.y, params);
      const p = model.predict(te.data);
      let below = 0;
      for (let i = 0; i < te.y.length; i++) below += te.y[i]! <= p[i]! ? 1 : 0;
      expect(Math.abs(below / te.y.length - alpha)).toBeLessThan(0.03);
      // Upper half of x: the quantile follows the growing spread.
      let sameBand = 0;
      for (let i = 0; i < te.y.length; i++) {
        if (te.data.numeric[0]![i]! > 0.5) sameBand += te.y[i]! <= p[i]! ? 1 : 0;
      }
      const upper = te.data.numeric[0]!.filter((v) => v > 0.5).length;
      expect(Math.abs(sameBand / upper - alpha)).toBeLessThan(0.05);
    }
  });

  it('checks its inputs', () => {
    const { data, y } = xor(100, 16);
    expect(() => train(data, y.subarray(1))).toThrow(/99 labels for 100 rows/);
    expect(() => train(data, y, { trees: 0 })).toThrow(/'trees'/);
    expect(() =>
      train(
        data,
        Float64Array.from(y, (v) => v * 2),
      ),
    ).toThrow(/labels 0 or 1/);
  });
});
