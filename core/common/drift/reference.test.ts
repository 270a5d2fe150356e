import { describe, expect, it } from 'vitest';
import { buildReference, parseReference } from './reference.js';
import { driftReport } from './report.js';
import { decodeFloat32, encodeFloat32 } from './sample-codec.js';
import { LEVELS, synthetic } from './synthetic.fixture.js';

describe('buildReference', () => {
  const data = synthetic(20_000, 1);
  const ref = buildReference(data, {
    predictions: data.predictions,
    categoryLevels: LEVELS,
    seed: 7,
    baselineMetrics: { auc: 0.8 },
  });

  it('profiles numeric features by deciles, moments and a sorted sample', () => {
    const n5 = ref.numeric[5]!; // uniform(-10, 10)
    expect(n5.edges).toHaveLength(9);
    n5.edges.forEach((e, i) => expect(Math.abs(e - (-10 + 2 * (i + 1)))).toBeLessThan(0.3));
    expect(n5.counts.reduce((a, b) => a + b, 0)).toBe(20_000);
    expect(Math.abs(n5.mean)).toBeLessThan(0.15);
    expect(Math.abs(n5.std - 20 / Math.sqrt(12))).toBeLessThan(0.1);
    const sample = decodeFloat32(n5.sample);
    expect(sample).toHaveLength(5000);
    for (let i = 1; i < sample.length; i++)
      expect(sample[i]!).toBeGreaterThanOrEqual(sample[i - 1]!);
    const n2 = ref.numeric[2]!;
    expect(Math.abs(n2.missingRate - 0.1)).toBeLessThan(0.01);
    expect(n2.count).toBe(Math.round(20_000 * (1 - n2.missingRate)));
  });

  it('merges tied deciles of a discrete feature', () => {
    const n4 = ref.numeric[4]!; // Poisson(3)
    expect(n4.edges.length).toBeLessThan(9);
    expect(new Set(n4.edges).size).toBe(n4.edges.length);
    expect(n4.counts).toHaveLength(n4.edges.length + 1);
  });

  it('profiles categories by level text, and predictions', () => {
    const c0 = ref.categorical[0]!;
    expect(c0.levels).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(Math.abs(c0.counts[0]! / 20_000 - 0.4)).toBeLessThan(0.02);
    expect(Math.abs(ref.categorical[1]!.missingRate - 0.05)).toBeLessThan(0.01);
    expect(ref.prediction?.name).toBe('prediction');
    expect(ref.baselineMetrics).toEqual({ auc: 0.8 });
  });

  it('round-trips through JSON, giving the same report', () => {
    const back = parseReference(JSON.parse(JSON.stringify(ref)));
    expect(back).toEqual(ref);
    const cur = synthetic(3000, 2, { mean: 0.3 });
    const opts = { categoryLevels: LEVELS, predictions: cur.predictions };
    expect(driftReport(back, cur, opts)).toEqual(driftReport(ref, cur, opts));
    expect(() => parseReference({ format: 'x' })).toThrow(/not a drift reference/);
  });

  it('is deterministic for a seed', () => {
    const again = buildReference(data, {
      predictions: data.predictions,
      categoryLevels: LEVELS,
      seed: 7,
      baselineMetrics: { auc: 0.8 },
    });
    expect(JSON.stringify(again)).toBe(JSON.stringify(ref));
    const other = buildReference(data, { seed: 8 });
    expect(other.numeric[0]!.sample).not.toBe(ref.numeric[0]!.sample);
  });

  it('stays compact: about 27 KB of sample and under 1 KB of the rest per numeric feature', () => {
    const json = JSON.stringify(ref);
    const small = JSON.stringify(buildReference(data, { sampleSize: 200, seed: 7 }));
    // 7 numeric profiles (6 + predictions) × 5000 × 4 bytes × 4/3 ≈ 187 KB.
    expect(json.length).toBeLessThan(7 * 28_000);
    expect(small.length).toBeLessThan(12_000);
  });
});

describe('sample codec', () => {
  it('round-trips float32 values of any length', () => {
    for (const n of [0, 1, 2, 3, 7]) {
      const v = Float64Array.from({ length: n }, (_, i) => Math.fround(i * 1.5 - 2.25));
      expect(decodeFloat32(encodeFloat32(v))).toEqual(v);
    }
    expect(() => decodeFloat32('@@@@')).toThrow();
  });
});
