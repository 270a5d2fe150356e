// Squared error (L2): loss ½(s − y)², starting from the weighted mean.
import { type Objective, weightedMean } from './objective.js';

export function regression(): Objective {
  return {
    name: 'regression',
    numOutputs: 1,
    checkLabels() {},
    initScore: (y, w) => [weightedMean(y.length, (i) => y[i]!, w)],
    gradients(y, score, grad, hess, w) {
      for (let i = 0; i < y.length; i++) {
        const wi = w ? w[i]! : 1;
        grad[i] = (score[i]! - y[i]!) * wi;
        hess[i] = wi;
      }
    },
    loss: (y, score, w) => weightedMean(y.length, (i) => 0.5 * (score[i]! - y[i]!) ** 2, w),
    transform(margin, out) {
      out[0] = margin[0]!;
    },
  };
}
