// A learner's saved model back from its JSON, for scoring without TensorFlow.js: the MLP predicts
// with its pure-JS forward pass (the same weights, so the same answers to float rounding).
import { GbdtModel } from '../../core/common/gbdt/index.js';
import { GlmModel } from '../../core/common/glm/index.js';
import { MlpModel } from '../../core/common/mlp/index.js';
import type { RawData } from '../../core/common/raw-data.js';

export interface Scorer {
  predict(data: RawData): Float64Array;
  /** Per-row contributions (rows × (features + 1), last = bias) on the margin, where the learner has them. */
  contributions?(data: RawData): Float64Array;
}

export function loadFitted(json: unknown): Scorer {
  const format = (json as { format?: unknown } | null)?.format;
  switch (format) {
    case 'sightline-gbdt': {
      const m = GbdtModel.fromJSON(json);
      return { predict: (d) => m.predict(d), contributions: (d) => m.contributions(d) };
    }
    case 'sightline-glm': {
      const m = GlmModel.fromJSON(json);
      return { predict: (d) => m.predict(d) };
    }
    case 'sightline-mlp': {
      const m = MlpModel.fromJSON(json);
      return { predict: (d) => m.predictJs(d) };
    }
    default:
      throw new Error(`unknown learner model format ${JSON.stringify(format)}`);
  }
}
