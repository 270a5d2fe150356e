// Absolute error (L1): loss |s − y|, starting from the weighted median.
import { residualQuantile, weightedQuantile } from './init.js';
import { type Objective, weightedMean } from './objective.js';

/*
 * The loss has no curvature, so the hessian is the row weight (as in LightGBM): the tree is
 * grown on the signs of the residuals, then each leaf is set to its residuals' median.
 */
export function l1(): Objective {
  return {
    name: 'l1',
    numOutputs: 1,
    checkLabels() {},
    initScore: (y, w) => [weightedQuantile(y, 0.5, w)],
    gradients(y, score, grad, hess, w) {
      for (let i = 0; i < y.length; i++) {
        const wi = w ? w[i]! : 1;
        const r = score[i]! - y[i]!;
        grad[i] = (r > 0 ? 1 : r < 0 ? -1 : 0) * wi;
        hess[i] = wi;
      }
    },
    renewLeaf: (y, score, rows, w) => residualQuantile(y, score, rows, 0.5, w),
    loss: (y, score, w) => weightedMean(y.length, (i) => Math.abs(score[i]! - y[i]!), w),
    transform(margin, out) {
      out[0] = margin[0]!;
    },
  };
}
