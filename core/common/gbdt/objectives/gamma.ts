// Gamma deviance on the log of the mean: loss y·e^(−s) + s; labels > 0 (costs, durations).
import { logMean } from './init.js';
import { checkEach, type Objective, weightedMean } from './objective.js';

export function gamma(): Objective {
  return {
    name: 'gamma',
    numOutputs: 1,
    checkLabels: (y) => checkEach('gamma', y, (v) => v > 0, 'labels > 0'),
    initScore: (y, w) => [logMean(y, w)],
    gradients(y, score, grad, hess, w) {
      for (let i = 0; i < y.length; i++) {
        const wi = w ? w[i]! : 1;
        const t = y[i]! * Math.exp(-score[i]!);
        grad[i] = (1 - t) * wi;
        hess[i] = t * wi;
      }
    },
    loss: (y, score, w) =>
      weightedMean(y.length, (i) => y[i]! * Math.exp(-score[i]!) + score[i]!, w),
    transform(margin, out) {
      out[0] = Math.exp(margin[0]!);
    },
  };
}
