// Poisson deviance on the log of the mean: loss e^s − y·s; labels ≥ 0 (counts).
import { logMean } from './init.js';
import { checkEach, type Objective, weightedMean } from './objective.js';

export function poisson(): Objective {
  return {
    name: 'poisson',
    numOutputs: 1,
    checkLabels: (y) => checkEach('poisson', y, (v) => v >= 0, 'labels >= 0'),
    initScore: (y, w) => [logMean(y, w)],
    gradients(y, score, grad, hess, w) {
      for (let i = 0; i < y.length; i++) {
        const wi = w ? w[i]! : 1;
        const mu = Math.exp(score[i]!);
        grad[i] = (mu - y[i]!) * wi;
        hess[i] = mu * wi;
      }
    },
    loss: (y, score, w) =>
      weightedMean(y.length, (i) => Math.exp(score[i]!) - y[i]! * score[i]!, w),
    transform(margin, out) {
      out[0] = Math.exp(margin[0]!);
    },
  };
}
