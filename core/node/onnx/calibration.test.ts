// Isotonic calibration in the graph against the engine's applyIsotonic, on a step function with
// a repeated x (a jump), below, between and above its points.
import { describe, expect, it } from 'vitest';
import { GbdtModel } from '../../common/gbdt/index.js';
import { exportOnnx } from '../../common/onnx/index.js';
import { applyIsotonic, type IsotonicCalibration } from '../../common/validation/index.js';
import { onnxSession, runOnnx } from './parity.js';

// One numeric split: the margin is x's leaf value, so the probability sweeps the curve.
const model = {
  format: 'sightline-gbdt',
  version: 1,
  objective: { name: 'binary', params: {} },
  numOutputs: 1,
  initScore: [0],
  features: { names: ['x'], numNumeric: 1, numCategorical: 0 },
  bestIteration: 0,
  params: {},
  trees: Array.from({ length: 40 }, (_, k) => ({
    numLeaves: 2,
    splitFeature: [0],
    threshold: [k - 20],
    defaultLeft: [0],
    isCategorical: [0],
    left: [-1],
    right: [-2],
    gain: [1],
    internalCount: [2],
    internalHess: [2],
    catBoundaries: [0],
    catBits: [],
    leafValue: [-0.1, 0.1],
    leafCount: [1, 1],
    leafHess: [1, 1],
  })),
};

const calibration: IsotonicCalibration = {
  kind: 'isotonic',
  x: [0.1, 0.3, 0.5, 0.5, 0.7, 0.9],
  y: [0.02, 0.2, 0.35, 0.6, 0.6, 0.97],
};

describe('isotonic calibration in ONNX', () => {
  it('matches applyIsotonic, jumps and clipping included', async () => {
    const x = Float32Array.from({ length: 45 }, (_, i) => i - 22);
    const raw = GbdtModel.fromJSON(model).predict({
      numeric: [Float64Array.from(x)],
      categorical: [],
    });
    expect(raw.includes(0.5)).toBe(true); // the jump's x itself is hit
    const artifact = {
      kind: 'custom',
      name: 'iso',
      mode: 'table',
      task: 'binary',
      version: 1,
      input: [{ name: 'x', kind: 'numeric' as const }],
      features: ['x'],
      learner: 'gbdt',
      model,
      decision: { calibration, threshold: 0.5 },
    };
    const session = await onnxSession(exportOnnx(artifact));
    const out = await runOnnx(session, { x: { type: 'float32', data: x } });
    await session.release();
    raw.forEach((p, i) => {
      expect(Math.abs(out.probability![i]! - applyIsotonic(calibration, p))).toBeLessThan(1e-12);
      expect(out.label![i]).toBe(applyIsotonic(calibration, p) >= 0.5 ? 1 : 0);
    });
  });
});
