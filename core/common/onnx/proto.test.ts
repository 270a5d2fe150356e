import { describe, expect, it } from 'vitest';
import { buildOnnxModel, decodeModel, encodeModel } from './index.js';

const glm = {
  format: 'sightline-glm',
  version: 1,
  family: { name: 'gaussian', params: { tweedie_variance_power: 1.5 } },
  params: { family: 'gaussian' },
  design: {
    numeric: [{ name: 'x', median: 1, mean: 2, std: 3, hasValue: true, missingIndicator: true }],
    categorical: [
      {
        name: 'c',
        reference: { code: 0, level: 'a' },
        columns: [{ code: 1, level: 'b' }],
        missingIndicator: false,
      },
    ],
  },
  terms: ['x', 'missing(x)', 'c=b'],
  intercept: 0.5,
  beta: [1, 2, 3],
  standardErrors: null,
  fit: {
    rows: 10,
    iterations: 1,
    converged: true,
    deviance: 1,
    nullDeviance: 2,
    dispersion: null,
    warnings: [],
  },
};

const artifact = {
  kind: 'custom',
  name: 'tiny',
  mode: 'table',
  task: 'binary',
  version: 1,
  input: [
    { name: 'x', kind: 'numeric' as const },
    { name: 'c', kind: 'categorical' as const, levels: ['a', 'b'] },
  ],
  features: ['x', 'c'],
  learner: 'glm',
  model: { ...glm, family: { ...glm.family, name: 'logistic' }, params: { family: 'logistic' } },
  decision: { calibration: { kind: 'platt' as const, a: -2, b: 1 }, threshold: 0.4 },
};

describe('ONNX model writer', () => {
  it('writes a model that decodes to the same graph, with metadata', () => {
    const m = buildOnnxModel(artifact, { version: '7' });
    const back = decodeModel(encodeModel(m));
    expect(back.graph.node.map((n) => n.opType)).toEqual(m.graph.node.map((n) => n.opType));
    expect(back.graph.input.map((i) => i.name)).toEqual(['x', 'c']);
    expect(back.graph.output.map((o) => o.name)).toEqual(['probability', 'label']);
    const meta = Object.fromEntries(back.metadataProps.map((p) => [p.key, p.value]));
    expect(meta).toMatchObject({ kind: 'custom', name: 'tiny', version: '7', threshold: '0.4' });
    expect(JSON.parse(meta.features!)).toEqual(['x', 'c']);
    expect(back.opsetImport.map((o) => [o.domain ?? '', o.version])).toEqual([
      ['', 17],
      ['ai.onnx.ml', 3],
    ]);
  });

  it('refuses what it cannot export, saying why', () => {
    expect(() => buildOnnxModel({ ...artifact, task: 'poisson' })).toThrow(
      /binary, multiclass and regression/,
    );
    expect(() => buildOnnxModel({ ...artifact, task: 'multiclass' })).toThrow(/names no classes/);
    expect(() => buildOnnxModel({ ...artifact, mode: 'transactions' })).toThrow(/table-mode/);
    expect(() => buildOnnxModel({ ...artifact, model: { format: 'x' } })).toThrow(
      /valid: sightline-gbdt/,
    );
    expect(() =>
      buildOnnxModel({
        ...artifact,
        input: [{ name: 'label', kind: 'numeric' }, artifact.input[1]!],
      }),
    ).toThrow(/taken by an input/);
  });
});
