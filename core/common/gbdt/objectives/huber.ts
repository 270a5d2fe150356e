// Huber loss with delta = alpha: quadratic within delta of the label, linear beyond.
import { type ObjectiveParams, type Objective, weightedMean } from './objective.js';

/* Beyond delta the loss is linear; the hessian stays the weight there (as in LightGBM). */
export function huber(params: ObjectiveParams): Objective {
  const delta = params.alpha;
  const rowLoss = (r: number): number => {
    const a = Math.abs(r);
    return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
  };
  return {
    name: 'huber',
    numOutputs: 1,
    checkLabels() {},
    initScore: (y, w) => [huberCenter(y, delta, w)],
    gradients(y, score, grad, hess, w) {
      for (let i = 0; i < y.length; i++) {
        const wi = w ? w[i]! : 1;
        const r = score[i]! - y[i]!;
        grad[i] = Math.min(Math.max(r, -delta), delta) * wi;
        hess[i] = wi;
      }
    },
    loss: (y, score, w) => weightedMean(y.length, (i) => rowLoss(score[i]! - y[i]!), w),
    transform(margin, out) {
      out[0] = margin[0]!;
    },
  };
}

/**
 * The constant minimising the Huber loss: the root of the (non-decreasing) summed gradient,
 * by bisection between the smallest and largest label.
 */
function huberCenter(y: Float64Array, delta: number, w?: Float64Array): number {
  if (y.length === 0) return 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of y) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  for (let it = 0; it < 200 && lo < hi; it++) {
    const mid = lo / 2 + hi / 2;
    if (mid <= lo || mid >= hi) break;
    let g = 0;
    for (let i = 0; i < y.length; i++) {
      g += Math.min(Math.max(mid - y[i]!, -delta), delta) * (w ? w[i]! : 1);
    }
    if (g < 0) lo = mid;
    else hi = mid;
  }
  return lo / 2 + hi / 2;
}
