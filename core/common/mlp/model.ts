// A trained MLP: predictions through TensorFlow.js or plain JavaScript, save and load.
import type * as tfjs from '@tensorflow/tfjs';
import { type RawData, rowCount } from '../raw-data.js';
import { type DenseLayer, forward } from './forward.js';
import {
  layersToJson,
  MLP_FORMAT,
  MLP_VERSION,
  mlpFromJson,
  type MlpModelInfo,
  type MlpModelJson,
} from './model-json.js';
import { encodeRows, inputWidth } from './preprocessing.js';

type Tf = typeof tfjs;

/** Rows per TensorFlow call at prediction, to bound memory on large tables. */
const PREDICT_CHUNK_ROWS = 16_384;

/*
 * Predictions are row-major: output k of row i at i · numOutputs + k. Binary: P(y = 1);
 * multiclass: class probabilities; regression: the value; poisson: the mean count.
 */
export class MlpModel {
  constructor(
    readonly info: MlpModelInfo,
    readonly layers: readonly DenseLayer[],
  ) {}

  get numOutputs(): number {
    return this.layers[this.layers.length - 1]!.units;
  }

  get featureNames(): string[] {
    return this.info.preprocessing.names;
  }

  /** Predictions computed by TensorFlow.js on its current backend. */
  predict(tf: Tf, data: RawData): Float64Array {
    const x = encodeRows(this.info.preprocessing, data);
    const n = rowCount(data);
    const width = inputWidth(this.info.preprocessing);
    const K = this.numOutputs;
    const out = new Float64Array(n * K);
    const vars = this.layers.map((l) => ({
      w: tf.tensor2d(l.weights, [l.weights.length / l.units, l.units]),
      b: tf.tensor1d(l.bias),
      activation: l.activation,
    }));
    try {
      for (let from = 0; from < n; from += PREDICT_CHUNK_ROWS) {
        const rows = Math.min(PREDICT_CHUNK_ROWS, n - from);
        const y = tf.tidy(() => {
          let h: tfjs.Tensor2D = tf.tensor2d(x.subarray(from * width, (from + rows) * width), [
            rows,
            width,
          ]);
          for (const { w, b, activation } of vars) {
            const z = tf.add<tfjs.Tensor2D>(tf.matMul(h, w), b);
            h = applyActivation(tf, activation, z);
          }
          return h.dataSync();
        });
        out.set(y, from * K);
      }
    } finally {
      for (const v of vars) tf.dispose([v.w, v.b]);
    }
    return out;
  }

  /** The same predictions in plain JavaScript from the saved weights (no TensorFlow). */
  predictJs(data: RawData): Float64Array {
    const x = encodeRows(this.info.preprocessing, data);
    return forward(this.layers, x, rowCount(data), inputWidth(this.info.preprocessing));
  }

  toJSON(): MlpModelJson {
    return {
      format: MLP_FORMAT,
      version: MLP_VERSION,
      backend: this.info.backend,
      task: this.info.task,
      preprocessing: this.info.preprocessing,
      layers: layersToJson(this.layers),
      bestEpoch: this.info.bestEpoch,
      params: this.info.params,
    };
  }

  /** Loads toJSON() output (parsed); refuses other formats and versions with a clear error. */
  static fromJSON(json: unknown): MlpModel {
    const { info, layers } = mlpFromJson(json);
    return new MlpModel(info, layers);
  }
}

export function applyActivation(
  tf: Tf,
  activation: DenseLayer['activation'],
  z: tfjs.Tensor2D,
): tfjs.Tensor2D {
  switch (activation) {
    case 'linear':
      return z;
    case 'relu':
      return tf.relu(z);
    case 'sigmoid':
      return tf.sigmoid(z);
    case 'softmax':
      return tf.softmax(z);
    case 'exp':
      return tf.exp(z);
  }
}
