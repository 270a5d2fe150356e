import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import { train } from './booster.js';
import type { RawData } from './dataset.js';
import { GbdtModel } from './model.js';

function mixed(n: number, seed: number): { data: RawData; y: Float64Array } {
  const rng = new Rng(seed);
  const a = Float64Array.from({ length: n }, () => (rng.bernoulli(0.2) ? NaN : rng.gamma(2, 3)));
  const b = Float64Array.from({ length: n }, () => rng.normal());
  const c = Int32Array.from({ length: n }, () => (rng.bernoulli(0.05) ? -1 : rng.int(12)));
  const y = Float64Array.from({ length: n }, (_, i) =>
    rng.poisson(
      Math.exp(
        (0.3 * (Number.isNaN(a[i]!) ? 3 : Math.min(a[i]!, 6))) / 3 +
          0.5 * b[i]! +
          (c[i]! % 3) * 0.4,
      ),
    ),
  );
  return { data: { numeric: [a, b], categorical: [c], names: ['age', 'score', 'region'] }, y };
}

describe('GbdtModel', () => {
  const tr = mixed(3000, 1);
  const te = mixed(1000, 2);
  const model = train(tr.data, tr.y, { objective: 'poisson', trees: 25, min_data_per_group: 20 });

  it('saves and loads to identical predictions', () => {
    const text = JSON.stringify(model);
    const json = JSON.parse(text);
    expect(json.format).toBe('sightline-gbdt');
    expect(json.version).toBe(1);
    const loaded = GbdtModel.fromJSON(json);
    expect(loaded.predict(te.data)).toEqual(model.predict(te.data));
    expect(loaded.predictRaw(te.data)).toEqual(model.predictRaw(te.data));
    expect(JSON.stringify(loaded)).toBe(text);
    expect(loaded.info.featureNames).toEqual(['age', 'score', 'region']);
  });

  it('refuses other formats, versions and malformed trees', () => {
    const json = model.toJSON();
    expect(() => GbdtModel.fromJSON({ ...json, format: 'xgboost' })).toThrow(
      /not a sightline-gbdt model/,
    );
    expect(() => GbdtModel.fromJSON({ ...json, version: 2 })).toThrow(/version 2 is not supported/);
    const bad = structuredClone(json);
    bad.trees[0]!.left[0] = 0;
    expect(() => GbdtModel.fromJSON(bad)).toThrow(/bad child/);
  });

  it('batch and single-row prediction agree', () => {
    const raw = model.predictRaw(te.data);
    for (let i = 0; i < 50; i++) {
      const row = [te.data.numeric[0]![i]!, te.data.numeric[1]![i]!, te.data.categorical[0]![i]!];
      expect(model.predictRowRaw(row)[0]).toBe(raw[i]);
    }
    const p = model.predict(te.data);
    expect(p[3]).toBeCloseTo(Math.exp(raw[3]!), 12);
  });

  it('reports split and gain importance per feature', () => {
    const split = model.featureImportance('split');
    const gain = model.featureImportance('gain');
    let nodes = 0;
    for (const t of model.trees) nodes += t.numLeaves - 1;
    expect(split.reduce((s, v) => s + v, 0)).toBe(nodes);
    expect(gain.every((g) => g >= 0)).toBe(true);
    expect(gain[1]).toBeGreaterThan(0);
  });

  it('scores through float32 thresholds the same way', () => {
    // Every numeric threshold is a float32 value; casting inputs to float32 changes no decision
    // for the training data.
    const cols = tr.data.numeric;
    for (const t of model.trees) {
      for (let node = 0; node < t.numLeaves - 1; node++) {
        if (t.isCategorical[node] === 1) continue;
        const thr = t.threshold[node]!;
        expect(Math.fround(thr)).toBe(thr);
        const col = cols[t.splitFeature[node]!]!;
        let differ = 0;
        for (const x of col) if (!Number.isNaN(x) && x <= thr !== Math.fround(x) <= thr) differ++;
        expect(differ).toBe(0);
      }
    }
    const f32 = {
      ...te.data,
      numeric: te.data.numeric.map((c) => Float64Array.from(c, Math.fround)),
    };
    const p64 = model.predictRaw(te.data);
    const p32 = model.predictRaw(f32);
    let same = 0;
    for (let i = 0; i < p64.length; i++) same += p64[i] === p32[i] ? 1 : 0;
    expect(same / p64.length).toBeGreaterThan(0.99);
  });
});
