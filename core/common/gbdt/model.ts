// A trained booster: raw and transformed predictions, importance, SHAP values, save and load.
import { featureColumns, type RawData, rowCount } from './dataset.js';
import { CompiledForest } from './forest.js';
import {
  type GbdtModelJson,
  MODEL_FORMAT,
  MODEL_VERSION,
  treeFromJson,
  treeToJson,
} from './model-json.js';
import {
  createObjective,
  type Objective,
  OBJECTIVES,
  type ObjectiveParams,
} from './objectives/index.js';
import { type GbdtParams, parseParams } from './params.js';
import { addTreeShap, ShapPath } from './shap.js';
import type { Tree } from './tree.js';

export interface ModelInfo {
  objective: string;
  objectiveParams: ObjectiveParams;
  numOutputs: number;
  initScore: number[];
  featureNames: string[];
  numNumeric: number;
  numCategorical: number;
  bestIteration: number;
  params: GbdtParams;
}

export type ImportanceKind = 'gain' | 'split';

/*
 * Predictions are row-major: output k of row i at i · numOutputs + k (one value per row for
 * single-output objectives). Trees are stored round by round: trees[r · numOutputs + k].
 */
export class GbdtModel {
  readonly info: ModelInfo;
  readonly trees: readonly Tree[];
  private readonly objective: Objective | null;
  /** The trees recompiled for batch prediction, built on first use. */
  private forest: CompiledForest | null = null;

  /** `objective` is needed for predict() when it is not a built-in (a custom objective). */
  constructor(info: ModelInfo, trees: readonly Tree[], objective?: Objective) {
    this.info = info;
    this.trees = trees;
    if (objective) this.objective = objective;
    else if (Object.hasOwn(OBJECTIVES, info.objective)) {
      this.objective = createObjective(info.objective, info.objectiveParams);
    } else this.objective = null;
  }

  get numFeatures(): number {
    return this.info.numNumeric + this.info.numCategorical;
  }

  /** Number of boosting rounds kept. */
  get rounds(): number {
    return this.trees.length / this.info.numOutputs;
  }

  private columns(data: RawData): { cols: ArrayLike<number>[]; n: number } {
    const n = rowCount(data);
    if (
      data.numeric.length !== this.info.numNumeric ||
      data.categorical.length !== this.info.numCategorical
    ) {
      throw new RangeError(
        `model expects ${this.info.numNumeric} numeric and ${this.info.numCategorical} categorical features, got ${data.numeric.length} and ${data.categorical.length}`,
      );
    }
    return { cols: featureColumns(data), n };
  }

  /** Raw margins (log-odds, log-mean …), row-major. */
  predictRaw(data: RawData): Float64Array {
    const { cols, n } = this.columns(data);
    const K = this.info.numOutputs;
    const out = new Float64Array(n * K);
    const margin = new Float64Array(n);
    this.forest ??= new CompiledForest(this.trees, this.numFeatures);
    for (let k = 0; k < K; k++) {
      margin.fill(this.info.initScore[k]!);
      // Each row adds its trees in order from the same start, so the sums equal a tree-by-tree
      // walk (Tree.addRangePredictions) to the bit; see forest.ts for how.
      this.forest.addPredictions(cols, margin, k, K);
      for (let i = 0; i < n; i++) out[i * K + k] = margin[i]!;
    }
    return out;
  }

  /** Predictions on the output scale (probabilities, means, class probabilities), row-major. */
  predict(data: RawData): Float64Array {
    const objective = this.objective;
    if (!objective) {
      throw new Error(
        `objective '${this.info.objective}' is not built in: pass it to GbdtModel.fromJSON`,
      );
    }
    const raw = this.predictRaw(data);
    const K = this.info.numOutputs;
    const out = new Float64Array(raw.length);
    const row = new Float64Array(K);
    for (let i = 0; i < raw.length; i += K) {
      objective.transform(raw.subarray(i, i + K), row);
      out.set(row, i);
    }
    return out;
  }

  /** Raw margins of one row given as one value per feature (categorical codes as numbers). */
  predictRowRaw(row: ArrayLike<number>): Float64Array {
    const K = this.info.numOutputs;
    const out = Float64Array.from(this.info.initScore);
    for (let t = 0; t < this.trees.length; t++) {
      const k = t % K;
      out[k] = out[k]! + this.trees[t]!.predictRow(row);
    }
    return out;
  }

  /** Per feature: the number of splits on it, or the total loss reduction of those splits. */
  featureImportance(kind: ImportanceKind = 'split'): Float64Array {
    const out = new Float64Array(this.numFeatures);
    for (const tree of this.trees) {
      for (let node = 0; node < tree.numLeaves - 1; node++) {
        const f = tree.splitFeature[node]!;
        out[f] = out[f]! + (kind === 'gain' ? tree.gain[node]! : 1);
      }
    }
    return out;
  }

  /**
   * SHAP values of the raw margin: for row i and output k, numFeatures contributions then the
   * bias (expected margin) at ((i · numOutputs + k) · (numFeatures + 1) + j). They sum to the
   * row's raw margin.
   */
  contributions(data: RawData): Float64Array {
    const { cols, n } = this.columns(data);
    const K = this.info.numOutputs;
    const F = this.numFeatures;
    const out = new Float64Array(n * K * (F + 1));
    let depth = 0;
    for (const t of this.trees) depth = Math.max(depth, t.depth());
    const path = new ShapPath(depth);
    const row = new Float64Array(F);
    for (let i = 0; i < n; i++) {
      for (let f = 0; f < F; f++) row[f] = cols[f]![i]!;
      for (let k = 0; k < K; k++) {
        const at = (i * K + k) * (F + 1);
        out[at + F] = this.info.initScore[k]!;
        for (let t = k; t < this.trees.length; t += K)
          addTreeShap(this.trees[t]!, row, F, out, at, path);
      }
    }
    return out;
  }

  toJSON(): GbdtModelJson {
    const i = this.info;
    return {
      format: MODEL_FORMAT,
      version: MODEL_VERSION,
      objective: { name: i.objective, params: { ...i.objectiveParams } },
      numOutputs: i.numOutputs,
      initScore: [...i.initScore],
      features: {
        names: [...i.featureNames],
        numNumeric: i.numNumeric,
        numCategorical: i.numCategorical,
      },
      bestIteration: i.bestIteration,
      params: i.params,
      trees: this.trees.map(treeToJson),
    };
  }

  /** Loads a model saved by toJSON (also from its JSON text); checks format and version. */
  static fromJSON(json: unknown, objective?: Objective): GbdtModel {
    const j = (typeof json === 'string' ? JSON.parse(json) : json) as Partial<GbdtModelJson>;
    if (j === null || typeof j !== 'object' || j.format !== MODEL_FORMAT) {
      throw new TypeError(`not a ${MODEL_FORMAT} model`);
    }
    if (j.version !== MODEL_VERSION) {
      throw new RangeError(
        `${MODEL_FORMAT} model version ${String(j.version)} is not supported (this build reads version ${MODEL_VERSION})`,
      );
    }
    const { objective: obj, features, initScore, numOutputs, trees } = j;
    if (
      !obj ||
      !features ||
      !Array.isArray(initScore) ||
      !Array.isArray(trees) ||
      typeof numOutputs !== 'number'
    ) {
      throw new TypeError(`${MODEL_FORMAT} model is incomplete`);
    }
    if (initScore.length !== numOutputs || trees.length % numOutputs !== 0) {
      throw new RangeError(
        `${MODEL_FORMAT} model: ${trees.length} trees and ${initScore.length} start scores for ${numOutputs} outputs`,
      );
    }
    const F = features.numNumeric + features.numCategorical;
    const loaded = trees.map((t, k) => treeFromJson(t, `trees[${k}]`));
    loaded.forEach((t, k) => {
      if (t.splitFeature.some((f) => !(f >= 0 && f < F))) {
        throw new RangeError(`trees[${k}] splits on a feature outside 0 … ${F - 1}`);
      }
    });
    const info: ModelInfo = {
      objective: obj.name,
      objectiveParams: obj.params,
      numOutputs,
      initScore,
      featureNames: features.names,
      numNumeric: features.numNumeric,
      numCategorical: features.numCategorical,
      bestIteration: j.bestIteration ?? loaded.length / numOutputs - 1,
      params: parseParams(j.params ?? {}),
    };
    return new GbdtModel(info, loaded, objective);
  }
}
