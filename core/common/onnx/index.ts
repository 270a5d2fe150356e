// ONNX export of table-mode models: see docs/onnx.md.
export { type ExportableArtifact, type OnnxInputColumn, type OnnxCalibration } from './artifact.js';
export {
  buildOnnxModel,
  exportOnnx,
  type OnnxExportOptions,
  ONNX_IR_VERSION,
  ONNX_ML_OPSET,
  ONNX_OPSET,
} from './export.js';
export { onnxFeeds, type Feed, type FeedColumn } from './feeds.js';
export { float32AtMost } from './float32.js';
export { type TreeSums } from './gbdt.js';
export { type NumericInputType } from './inputs.js';
export { decodeModel, encodeModel, type ModelMessage } from './proto.js';
