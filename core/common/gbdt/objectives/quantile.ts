// Pinball loss for the alpha-quantile: alpha·(y − s) above the label's prediction, (1 − alpha)·(s − y) below.
import { residualQuantile, weightedQuantile } from './init.js';
import { type ObjectiveParams, type Objective, weightedMean } from './objective.js';

/* Like L1: grown on the hessian = row weight, each leaf then set to its residuals' alpha-quantile. */
export function quantile(params: ObjectiveParams): Objective {
  const alpha = params.alpha;
  if (!(alpha > 0 && alpha < 1)) {
    throw new RangeError(`objective 'quantile' needs 0 < alpha < 1, got ${alpha}`);
  }
  return {
    name: 'quantile',
    numOutputs: 1,
    checkLabels() {},
    initScore: (y, w) => [weightedQuantile(y, alpha, w)],
    gradients(y, score, grad, hess, w) {
      for (let i = 0; i < y.length; i++) {
        const wi = w ? w[i]! : 1;
        const r = score[i]! - y[i]!;
        grad[i] = (r > 0 ? 1 - alpha : r < 0 ? -alpha : 0) * wi;
        hess[i] = wi;
      }
    },
    renewLeaf: (y, score, rows, w) => residualQuantile(y, score, rows, alpha, w),
    loss: (y, score, w) =>
      weightedMean(
        y.length,
        (i) => {
          const d = y[i]! - score[i]!;
          return d >= 0 ? alpha * d : (alpha - 1) * d;
        },
        w,
      ),
    transform(margin, out) {
      out[0] = margin[0]!;
    },
  };
}
