// The tree rules on a hand-built GBDT, where the expected path of every row is known: a numeric
// threshold that is not a float32 (0.1), NaN taking the default side, a categorical split "code
// in {a, c} goes left" written as a BRANCH_EQ chain, and missing or unseen levels going right.
import { describe, expect, it } from 'vitest';
import { GbdtModel } from '../../common/gbdt/index.js';
import { decodeModel, exportOnnx, float32AtMost } from '../../common/onnx/index.js';
import { onnxSession, runOnnx } from './parity.js';

const model = {
  format: 'sightline-gbdt',
  version: 1,
  objective: { name: 'regression', params: {} },
  numOutputs: 1,
  initScore: [1000.1],
  features: { names: ['x', 'c'], numNumeric: 1, numCategorical: 1 },
  bestIteration: 0,
  params: {},
  trees: [
    {
      numLeaves: 3,
      splitFeature: [0, 1],
      threshold: [0.1, 0],
      defaultLeft: [1, 0],
      isCategorical: [0, 1],
      left: [1, -2],
      right: [-1, -3],
      gain: [1, 1],
      internalCount: [10, 5],
      internalHess: [10, 5],
      catBoundaries: [0, 1],
      catBits: [0b101],
      leafValue: [1.5, -2.25, 0.1234567890123],
      leafCount: [5, 2, 3],
      leafHess: [5, 2, 3],
    },
  ],
};

const artifact = {
  kind: 'custom',
  name: 'hand',
  mode: 'table',
  task: 'regression',
  version: 1,
  input: [
    { name: 'x', kind: 'numeric' as const },
    { name: 'c', kind: 'categorical' as const, levels: ['a', 'b', 'c'] },
  ],
  features: ['x', 'c'],
  learner: 'gbdt',
  model,
};

describe('GBDT trees in ONNX', () => {
  it('stores the largest float32 at or below each threshold', () => {
    const m = decodeModel(exportOnnx(artifact));
    const trees = m.graph.node.find((n) => n.opType === 'TreeEnsembleRegressor')!;
    const values = trees.attribute.find((a) => a.name === 'nodes_values')!.floats!;
    const modes = trees.attribute.find((a) => a.name === 'nodes_modes')!.strings!;
    expect(values[0]).toBe(float32AtMost(0.1));
    expect(values[0]).toBeLessThan(0.1);
    expect(modes.map((s) => String.fromCharCode(...s))).toEqual([
      'BRANCH_LEQ',
      'BRANCH_EQ',
      'BRANCH_EQ',
      'LEAF',
      'LEAF',
      'LEAF',
    ]);
  });

  it('sends every row where the engine sends the same float32 value', async () => {
    const x = Float32Array.from([0.1, 0.09999999, -5, NaN, NaN, 7, -5, -5, 0.1]);
    const c = ['a', 'b', 'c', 'a', 'zzz', 'c', '', 'zzz', 'c'];
    const codes = Int32Array.from(c, (v) => ['a', 'b', 'c'].indexOf(v));
    const engine = GbdtModel.fromJSON(model).predict({
      numeric: [Float64Array.from(x)],
      categorical: [codes],
    });
    const session = await onnxSession(exportOnnx(artifact));
    const out = await runOnnx(session, {
      x: { type: 'float32', data: x },
      c: { type: 'string', data: c },
    });
    await session.release();
    expect(Array.from(out.value!)).toEqual(Array.from(engine));
    // fround(0.1) is above 0.1, so the engine sends it right; so must the graph.
    expect(engine[0]).toBe(1000.1 + 1.5);
    expect(engine[1]).toBe(1000.1 + 0.1234567890123); // b is not in {a, c}: right
    expect(engine[2]).toBe(1000.1 - 2.25); // c is: left
  });
});

describe('GBDT trees with double inputs', () => {
  it('compares the engine’s double thresholds, so values between floats go its way too', async () => {
    const json = structuredClone(model);
    json.trees[0]!.threshold[0] = 0.1; // not a float32: fround(0.1) > 0.1
    const a = { ...artifact, model: json };
    const x = Float64Array.from([0.1, 0.1 + 1e-17, 0.10000000000000002, Math.fround(0.1), NaN]);
    const c = ['c', 'c', 'c', 'c', 'c'];
    const codes = Int32Array.from(c, () => 2);
    const engine = GbdtModel.fromJSON(json).predict({ numeric: [x], categorical: [codes] });
    const session = await onnxSession(exportOnnx(a, { numericInputs: 'double' }));
    const out = await runOnnx(session, {
      x: { type: 'float64', data: x },
      c: { type: 'string', data: c },
    });
    await session.release();
    expect(Array.from(out.value!)).toEqual(Array.from(engine));
    expect(engine[0]).not.toBe(engine[2]); // 0.1 goes left, the next double right
  });
});
