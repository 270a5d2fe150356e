// Binary log loss on the log-odds; labels 0 or 1; output is the probability of 1.
import { checkEach, type Objective, weightedMean } from './objective.js';

/** log(1 + e^s) without overflow. */
export function softplus(s: number): number {
  return s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s));
}

export function sigmoid(s: number): number {
  return 1 / (1 + Math.exp(-s));
}

export function binary(): Objective {
  return {
    name: 'binary',
    numOutputs: 1,
    checkLabels: (y) => checkEach('binary', y, (v) => v === 0 || v === 1, 'labels 0 or 1'),
    initScore(y, w) {
      const p = Math.min(
        Math.max(
          weightedMean(y.length, (i) => y[i]!, w),
          1e-15,
        ),
        1 - 1e-15,
      );
      return [Math.log(p / (1 - p))];
    },
    gradients(y, score, grad, hess, w) {
      for (let i = 0; i < y.length; i++) {
        const p = sigmoid(score[i]!);
        const wi = w ? w[i]! : 1;
        grad[i] = (p - y[i]!) * wi;
        hess[i] = Math.max(p * (1 - p), 1e-16) * wi;
      }
    },
    loss: (y, score, w) =>
      weightedMean(y.length, (i) => softplus(score[i]!) - y[i]! * score[i]!, w),
    transform(margin, out) {
      out[0] = sigmoid(margin[0]!);
    },
  };
}
