// Softmax cross-entropy over num_class margins; labels are class indices 0 … K − 1.
import { checkEach, type ObjectiveParams, type Objective } from './objective.js';

/*
 * One tree per class per round. The hessian is the diagonal p_k(1 − p_k) of the true
 * hessian (LightGBM scales it by K/(K − 1); we keep the exact diagonal).
 */
export function multiclass(params: ObjectiveParams): Objective {
  const k = params.num_class;
  if (!(Number.isInteger(k) && k >= 2)) {
    throw new RangeError(`objective 'multiclass' needs num_class >= 2, got ${k}`);
  }
  const row = new Float64Array(k);
  const prob = new Float64Array(k);
  const softmax = (margin: ArrayLike<number>, out: Float64Array): void => {
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, margin[c]!);
    let sum = 0;
    for (let c = 0; c < k; c++) {
      out[c] = Math.exp(margin[c]! - max);
      sum += out[c]!;
    }
    for (let c = 0; c < k; c++) out[c] = out[c]! / sum;
  };
  const gather = (score: Float64Array, n: number, i: number): void => {
    for (let c = 0; c < k; c++) row[c] = score[c * n + i]!;
  };
  return {
    name: 'multiclass',
    numOutputs: k,
    checkLabels: (y) =>
      checkEach(
        'multiclass',
        y,
        (v) => Number.isInteger(v) && v >= 0 && v < k,
        `labels 0 … ${k - 1}`,
      ),
    initScore(y, w) {
      const counts = new Float64Array(k);
      let total = 0;
      for (let i = 0; i < y.length; i++) {
        const wi = w ? w[i]! : 1;
        counts[y[i]!] = counts[y[i]!]! + wi;
        total += wi;
      }
      return Array.from(counts, (c) => Math.log(Math.max(c / (total || 1), 1e-15)));
    },
    gradients(y, score, grad, hess, w) {
      const n = y.length;
      for (let i = 0; i < n; i++) {
        gather(score, n, i);
        softmax(row, prob);
        const wi = w ? w[i]! : 1;
        for (let c = 0; c < k; c++) {
          const p = prob[c]!;
          grad[c * n + i] = (p - (y[i] === c ? 1 : 0)) * wi;
          hess[c * n + i] = Math.max(p * (1 - p), 1e-16) * wi;
        }
      }
    },
    loss(y, score, w) {
      const n = y.length;
      let sum = 0;
      let sumW = 0;
      for (let i = 0; i < n; i++) {
        gather(score, n, i);
        let max = -Infinity;
        for (let c = 0; c < k; c++) max = Math.max(max, row[c]!);
        let z = 0;
        for (let c = 0; c < k; c++) z += Math.exp(row[c]! - max);
        const wi = w ? w[i]! : 1;
        sum += wi * (max + Math.log(z) - row[y[i]!]!);
        sumW += wi;
      }
      return sumW > 0 ? sum / sumW : 0;
    },
    transform: softmax,
  };
}
