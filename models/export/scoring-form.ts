// The model as the standalone scorer embeds it: only what scoring reads, in plain JSON. Each
// learner's saved JSON is first loaded by its own loader (so a broken model is refused here, not
// in a user's browser), then reduced: GBDT trees lose the statistics TreeSHAP and importance use,
// GLMs keep their design and coefficients, MLP weights are decoded from base64 to numbers (a
// float32 printed as a JSON number reads back as the same double, so nothing is rounded).
import { GbdtModel } from '../../core/common/gbdt/index.js';
import { GlmModel } from '../../core/common/glm/index.js';
import { MlpModel } from '../../core/common/mlp/index.js';

/** How the GBDT margin becomes the prediction (the objective's transform). */
export type GbdtOutput = 'sigmoid' | 'softmax' | 'exp' | 'identity';

const GBDT_OUTPUT: Record<string, GbdtOutput> = {
  binary: 'sigmoid',
  multiclass: 'softmax',
  poisson: 'exp',
  gamma: 'exp',
  tweedie: 'exp',
  regression: 'identity',
  l1: 'identity',
  huber: 'identity',
  quantile: 'identity',
};

/** ±Infinity thresholds are written as strings (JSON has no Infinity); the runtime reads them back. */
const jsonNumber = (v: number): number | string => (Number.isFinite(v) ? v : String(v));

export type ScoringModel =
  | {
      learner: 'gbdt';
      output: GbdtOutput;
      initScore: number[];
      trees: {
        splitFeature: number[];
        threshold: (number | string)[];
        defaultLeft: number[];
        isCategorical: number[];
        left: number[];
        right: number[];
        catBoundaries: number[];
        catBits: number[];
        leafValue: number[];
      }[];
    }
  | {
      learner: 'glm';
      link: 'logit' | 'log' | 'identity';
      numeric: { median: number; mean: number; std: number; hasValue: boolean; missing: boolean }[];
      categorical: { codes: number[]; missing: boolean }[];
      intercept: number;
      beta: number[];
    }
  | {
      learner: 'mlp';
      numeric: { mean: number; std: number; indicator: boolean }[];
      categorical: { codes: number[] }[];
      layers: { units: number; activation: string; weights: number[]; bias: number[] }[];
    };

/** The scoring form of a learner's saved model; refuses formats the runtime does not know. */
export function scoringModel(json: unknown): ScoringModel {
  const format = (json as { format?: unknown } | null)?.format;
  if (format === 'sightline-gbdt') {
    const m = GbdtModel.fromJSON(json);
    const output = Object.hasOwn(GBDT_OUTPUT, m.info.objective)
      ? GBDT_OUTPUT[m.info.objective]!
      : undefined;
    if (!output) throw new Error(`the standalone scorer has no GBDT objective ${m.info.objective}`);
    return {
      learner: 'gbdt',
      output,
      initScore: [...m.info.initScore],
      trees: m.trees.map((t) => ({
        splitFeature: Array.from(t.splitFeature),
        threshold: Array.from(t.threshold, jsonNumber),
        defaultLeft: Array.from(t.defaultLeft),
        isCategorical: Array.from(t.isCategorical),
        left: Array.from(t.left),
        right: Array.from(t.right),
        catBoundaries: Array.from(t.catBoundaries),
        catBits: Array.from(t.catBits),
        leafValue: Array.from(t.leafValue),
      })),
    };
  }
  if (format === 'sightline-glm') {
    const m = GlmModel.fromJSON(json);
    const j = m.toJSON();
    return {
      learner: 'glm',
      link: m.family.link.name,
      numeric: m.design.numeric.map((t) => ({
        median: t.median,
        mean: t.mean,
        std: t.std,
        hasValue: t.hasValue,
        missing: t.missingIndicator,
      })),
      categorical: m.design.categorical.map((t) => ({
        codes: t.columns.map((c) => c.code),
        missing: t.missingIndicator,
      })),
      intercept: j.intercept,
      beta: j.beta,
    };
  }
  if (format === 'sightline-mlp') {
    const m = MlpModel.fromJSON(json);
    const p = m.info.preprocessing;
    return {
      learner: 'mlp',
      numeric: p.numeric.map((c) => ({ mean: c.mean, std: c.std, indicator: c.indicator })),
      categorical: p.categorical.map((c) => ({ codes: [...c.codes] })),
      layers: m.layers.map((l) => ({
        units: l.units,
        activation: l.activation,
        weights: Array.from(l.weights),
        bias: Array.from(l.bias),
      })),
    };
  }
  throw new Error(
    `the standalone scorer cannot embed learner model format ${JSON.stringify(format)}`,
  );
}
