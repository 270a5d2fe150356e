// Multilayer perceptrons for tabular data on TensorFlow.js, with a pure-JS scorer.
export { trainMlp, type EpochReport, type MlpTrainOptions, type LabelledData } from './train.js';
export { MlpModel } from './model.js';
export {
  MLP_FORMAT,
  MLP_VERSION,
  type MlpModelJson,
  type MlpModelInfo,
  type DenseLayerJson,
} from './model-json.js';
export {
  MLP_PARAMS,
  MLP_PARAM_NAMES,
  parseMlpParams,
  type MlpParams,
  type MlpParamName,
  type MlpParamSpec,
} from './params.js';
export { TASKS, createTask, type Task, type TaskFactory } from './tasks.js';
export { forward, type DenseLayer, type Activation } from './forward.js';
export { type Preprocessing, fitPreprocessing, encodeRows, inputWidth } from './preprocessing.js';
