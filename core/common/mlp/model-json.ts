// The saved form of an MLP: versioned JSON with base64 float32 weights.
import { base64ToFloat32, float32ToBase64 } from './base64.js';
import { ACTIVATIONS, type Activation, type DenseLayer } from './forward.js';
import { type MlpParams, parseMlpParams } from './params.js';
import { inputWidth, type Preprocessing } from './preprocessing.js';
import { TASKS } from './tasks.js';

export const MLP_FORMAT = 'sightline-mlp';
export const MLP_VERSION = 1;

export interface DenseLayerJson {
  units: number;
  activation: Activation;
  /** Row-major [inputs, units], little-endian float32, base64. */
  weights: string;
  bias: string;
}

export interface MlpModelJson {
  format: typeof MLP_FORMAT;
  version: typeof MLP_VERSION;
  /** The TensorFlow.js backend it was trained on (weights are byte-reproducible only there). */
  backend: string;
  task: string;
  preprocessing: Preprocessing;
  layers: DenseLayerJson[];
  /** Epoch whose weights were kept (the best one under early stopping). */
  bestEpoch: number;
  params: MlpParams;
}

export interface MlpModelInfo {
  backend: string;
  task: string;
  preprocessing: Preprocessing;
  bestEpoch: number;
  params: MlpParams;
}

export function layersToJson(layers: readonly DenseLayer[]): DenseLayerJson[] {
  return layers.map((l) => ({
    units: l.units,
    activation: l.activation,
    weights: float32ToBase64(l.weights),
    bias: float32ToBase64(l.bias),
  }));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function finite(where: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new TypeError(`${where} must be a number`);
  return v;
}

function checkPreprocessing(v: unknown): Preprocessing {
  if (!isRecord(v) || !Array.isArray(v.names) || !Array.isArray(v.numeric)) {
    throw new TypeError('MLP model: preprocessing must have names, numeric and categorical');
  }
  if (!Array.isArray(v.categorical)) throw new TypeError('MLP model: preprocessing.categorical');
  const numeric = v.numeric.map((c: unknown, j) => {
    const where = `MLP model: preprocessing.numeric[${j}]`;
    if (!isRecord(c)) throw new TypeError(`${where} must be an object`);
    return {
      mean: finite(`${where}.mean`, c.mean),
      std: finite(`${where}.std`, c.std),
      indicator: c.indicator === true,
    };
  });
  const categorical = v.categorical.map((c: unknown, j) => {
    const where = `MLP model: preprocessing.categorical[${j}].codes`;
    if (!isRecord(c) || !Array.isArray(c.codes)) throw new TypeError(`${where} must be an array`);
    return { codes: c.codes.map((k: unknown) => finite(where, k)) };
  });
  const names = v.names.map(String);
  if (names.length !== numeric.length + categorical.length) {
    throw new RangeError(
      `MLP model: ${names.length} names for ${numeric.length + categorical.length} features`,
    );
  }
  return { names, numeric, categorical };
}

/** Checks a parsed JSON value and rebuilds the model's parts; refuses other formats and versions. */
export function mlpFromJson(json: unknown): { info: MlpModelInfo; layers: DenseLayer[] } {
  if (!isRecord(json) || json.format !== MLP_FORMAT) {
    throw new TypeError(`not a Sightline MLP model (format must be '${MLP_FORMAT}')`);
  }
  if (json.version !== MLP_VERSION) {
    throw new RangeError(
      `MLP model version ${String(json.version)} is not supported: this build reads version ${MLP_VERSION}; ` +
        'retrain the model or upgrade Sightline',
    );
  }
  const task = String(json.task);
  if (!Object.hasOwn(TASKS, task)) throw new RangeError(`MLP model: unknown task '${task}'`);
  const preprocessing = checkPreprocessing(json.preprocessing);
  if (!Array.isArray(json.layers) || json.layers.length === 0) {
    throw new TypeError('MLP model: layers must be a non-empty array');
  }
  let inputs = inputWidth(preprocessing);
  const layers = json.layers.map((l: unknown, i): DenseLayer => {
    const where = `MLP model: layers[${i}]`;
    if (!isRecord(l)) throw new TypeError(`${where} must be an object`);
    const units = l.units;
    if (!(typeof units === 'number' && Number.isInteger(units) && units >= 1)) {
      throw new TypeError(`${where}.units must be a positive integer`);
    }
    const activation = l.activation as Activation;
    if (!ACTIVATIONS.includes(activation)) throw new RangeError(`${where}: bad activation`);
    const weights = base64ToFloat32(l.weights as string, `${where}.weights`);
    const bias = base64ToFloat32(l.bias as string, `${where}.bias`);
    if (weights.length !== inputs * units || bias.length !== units) {
      throw new RangeError(`${where}: weights do not fit ${inputs} inputs × ${units} units`);
    }
    inputs = units;
    return { units, activation, weights, bias };
  });
  const info: MlpModelInfo = {
    backend: String(json.backend),
    task,
    preprocessing,
    bestEpoch: finite('MLP model: bestEpoch', json.bestEpoch),
    params: parseMlpParams(isRecord(json.params) ? json.params : {}),
  };
  return { info, layers };
}
