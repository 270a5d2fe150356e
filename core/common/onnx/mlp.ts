// An MLP in double, mirroring the pure-JS forward pass: the input row as the engine encodes it
// (standardised numbers rounded to float32, 0 when missing; missing indicators; one-hot codes),
// then one Gemm per dense layer (float32 weights held exactly in double) and its activation.
import { mlpFromJson } from '../mlp/model-json.js';
import { castTo, columns, type FeatureValues, notFinite } from './inputs.js';
import type { GraphBuilder } from './graph.js';

/** Adds the MLP; returns its output as double [N, 1], or [N, K] class probabilities (softmax). */
export function addMlp(g: GraphBuilder, json: unknown, f: FeatureValues): string {
  const { info, layers } = mlpFromJson(json);
  const p = info.preprocessing;
  if (p.numeric.length !== f.numNumeric || p.categorical.length !== f.numCategorical)
    throw new Error(
      `the MLP takes ${p.numeric.length} numeric and ${p.categorical.length} categorical features; the artifact's inputs give ${f.numNumeric} and ${f.numCategorical}`,
    );
  const last = layers[layers.length - 1]!;
  if (last.units !== 1 && last.activation !== 'softmax')
    throw new Error(
      `ONNX export handles single-output and softmax MLPs; this one has ${last.units} ${last.activation} outputs`,
    );
  for (const l of layers.slice(0, -1))
    if (l.activation === 'softmax') throw new Error('ONNX export: softmax only on the last layer');
  const parts: string[] = [];
  if (f.numeric) {
    const k = p.numeric.length;
    const x = castTo(g, f.numeric, 'double');
    const missing = notFinite(g, x);
    const z = g.op('Div', [
      g.op('Sub', [
        x,
        g.doubles(
          'mean',
          [1, k],
          p.numeric.map((c) => c.mean),
        ),
      ]),
      g.doubles(
        'std',
        [1, k],
        p.numeric.map((c) => c.std),
      ),
    ]);
    const zero = g.doubles('zero', [1, 1], [0]);
    // The engine stores its input row as float32: round there too.
    parts.push(castTo(g, castTo(g, g.op('Where', [missing, zero, z]), 'float'), 'double'));
    const flagged = p.numeric.flatMap((c, j) => (c.indicator ? [j] : []));
    if (flagged.length > 0) parts.push(castTo(g, columns(g, missing, flagged), 'double'));
  }
  p.categorical.forEach(({ codes }, c) => {
    if (codes.length === 0) return;
    const code = columns(g, f.codes!, [c]);
    const eq = g.op('Equal', [code, g.int64s('codes', [1, codes.length], codes)]);
    parts.push(castTo(g, eq, 'double'));
  });
  if (parts.length === 0) throw new Error('an MLP with no inputs has nothing to export');
  let h = parts.length === 1 ? parts[0]! : g.op('Concat', parts, { axis: { int: 1 } });
  for (const layer of layers) {
    const inputs = layer.weights.length / layer.units;
    const w = g.doubles('weights', [inputs, layer.units], layer.weights);
    const b = g.doubles('bias', [layer.units], layer.bias);
    h = g.op('Gemm', [h, w, b]);
    if (layer.activation === 'relu') h = g.op('Relu', [h]);
    else if (layer.activation === 'sigmoid') h = g.op('Sigmoid', [h]);
    else if (layer.activation === 'exp') h = g.op('Exp', [h]);
    else if (layer.activation === 'softmax') h = g.op('Softmax', [h], { axis: { int: 1 } });
  }
  return h;
}
