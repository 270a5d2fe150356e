// Tweedie deviance (variance power 1 < p < 2) on the log of the mean: zero-inflated amounts.
import { logMean } from './init.js';
import { checkEach, type ObjectiveParams, type Objective, weightedMean } from './objective.js';

/* Loss −y·e^((1−p)s)/(1−p) + e^((2−p)s)/(2−p): the negative log-likelihood up to terms in y. */
export function tweedie(params: ObjectiveParams): Objective {
  const p = params.tweedie_variance_power;
  if (!(p > 1 && p < 2)) {
    throw new RangeError(`objective 'tweedie' needs 1 < tweedie_variance_power < 2, got ${p}`);
  }
  const a = 1 - p;
  const b = 2 - p;
  return {
    name: 'tweedie',
    numOutputs: 1,
    checkLabels: (y) => checkEach('tweedie', y, (v) => v >= 0, 'labels >= 0'),
    initScore: (y, w) => [logMean(y, w)],
    gradients(y, score, grad, hess, w) {
      for (let i = 0; i < y.length; i++) {
        const wi = w ? w[i]! : 1;
        const s = score[i]!;
        const ea = Math.exp(a * s);
        const eb = Math.exp(b * s);
        grad[i] = (-y[i]! * ea + eb) * wi;
        hess[i] = (-y[i]! * a * ea + b * eb) * wi;
      }
    },
    loss: (y, score, w) =>
      weightedMean(
        y.length,
        (i) => (-y[i]! * Math.exp(a * score[i]!)) / a + Math.exp(b * score[i]!) / b,
        w,
      ),
    transform(margin, out) {
      out[0] = Math.exp(margin[0]!);
    },
  };
}
