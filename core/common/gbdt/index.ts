// Histogram gradient-boosted trees (LightGBM / XGBoost-hist class), pure TypeScript.
export { train, type TrainOptions, type RoundReport } from './booster.js';
export { GbdtModel, type ModelInfo, type ImportanceKind } from './model.js';
export { type GbdtModelJson, type TreeJson, MODEL_FORMAT, MODEL_VERSION } from './model-json.js';
export { type Metric, type ValidationData } from './early-stopping.js';
export { type RawData } from './dataset.js';
export {
  GBDT_PARAMS,
  parseParams,
  type GbdtParams,
  type ParamSpec,
  type ParamName,
} from './params.js';
export {
  OBJECTIVES,
  createObjective,
  type Objective,
  type ObjectiveFactory,
  type ObjectiveParams,
} from './objectives/index.js';
export { Tree } from './tree.js';
