// A GLM in double: the design the model carries (median imputation of NaN/±Infinity, then
// standardisation; 0/1 missing indicators; one-hot levels with the reference all-zero), one
// MatMul with the coefficients plus the intercept, then the inverse link (Sigmoid, Exp).
import { createFamily } from '../glm/families/index.js';
import { GlmModel } from '../glm/index.js';
import { castTo, columns, type FeatureValues, notFinite } from './inputs.js';
import type { GraphBuilder } from './graph.js';

/** Adds the GLM; returns the mean response μ as double [N, 1]. */
export function addGlm(g: GraphBuilder, json: unknown, f: FeatureValues): string {
  const j = GlmModel.fromJSON(json).toJSON();
  const { numeric, categorical } = j.design;
  if (numeric.length !== f.numNumeric || categorical.length !== f.numCategorical)
    throw new Error(
      `the GLM takes ${numeric.length} numeric and ${categorical.length} categorical features; the artifact's inputs give ${f.numNumeric} and ${f.numCategorical}`,
    );
  // Coefficient of each design column, by its place in the terms list.
  let at = 0;
  const blocks: string[] = [];
  const beta: number[] = [];
  const take = (k: number[]) => k.forEach((i) => beta.push(j.beta[i]!));
  const valueCols: number[] = [];
  const valueBeta: number[] = [];
  const missCols: number[] = [];
  const missBeta: number[] = [];
  numeric.forEach((t, c) => {
    if (t.hasValue) {
      valueCols.push(c);
      valueBeta.push(at++);
    }
    if (t.missingIndicator) {
      missCols.push(c);
      missBeta.push(at++);
    }
  });
  if (f.numeric && valueCols.length > 0) {
    const x = columns(g, castTo(g, f.numeric, 'double'), valueCols);
    const terms = valueCols.map((c) => numeric[c]!);
    const dims = [1, terms.length];
    const imputed = g.op('Where', [
      notFinite(g, x),
      g.doubles(
        'median',
        dims,
        terms.map((t) => t.median),
      ),
      x,
    ]);
    const centred = g.op('Sub', [
      imputed,
      g.doubles(
        'mean',
        dims,
        terms.map((t) => t.mean),
      ),
    ]);
    blocks.push(
      g.op('Div', [
        centred,
        g.doubles(
          'std',
          dims,
          terms.map((t) => t.std),
        ),
      ]),
    );
    take(valueBeta);
  }
  if (f.numeric && missCols.length > 0) {
    const x = columns(g, castTo(g, f.numeric, 'double'), missCols);
    blocks.push(castTo(g, notFinite(g, x), 'double'));
    take(missBeta);
  }
  categorical.forEach((t, c) => {
    const slots = t.columns.map((l) => l.code);
    const code = slots.length > 0 || t.missingIndicator ? columns(g, f.codes!, [c]) : '';
    if (slots.length > 0) {
      const eq = g.op('Equal', [code, g.int64s('levels', [1, slots.length], slots)]);
      blocks.push(castTo(g, eq, 'double'));
      take(slots.map(() => at++));
    }
    if (t.missingIndicator) {
      const eq = g.op('Equal', [code, g.int64s('missing_code', [1, 1], [-1])]);
      blocks.push(castTo(g, eq, 'double'));
      take([at++]);
    }
  });
  if (blocks.length === 0) throw new Error('a GLM with no design columns has nothing to export');
  const design = blocks.length === 1 ? blocks[0]! : g.op('Concat', blocks, { axis: { int: 1 } });
  const eta = g.op('Add', [
    g.op('MatMul', [design, g.doubles('beta', [beta.length, 1], beta)]),
    g.doubles('intercept', [1, 1], [j.intercept]),
  ]);
  const link = createFamily(j.params.family, j.params).link.name;
  if (link === 'logit') return g.op('Sigmoid', [eta]);
  if (link === 'log') return g.op('Exp', [eta]);
  return eta;
}
