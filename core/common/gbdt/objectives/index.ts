// The objective registry: every built-in loss by name.
import { binary } from './binary.js';
import { gamma } from './gamma.js';
import { huber } from './huber.js';
import { l1 } from './l1.js';
import { multiclass } from './multiclass.js';
import type { Objective, ObjectiveFactory, ObjectiveParams } from './objective.js';
import { poisson } from './poisson.js';
import { quantile } from './quantile.js';
import { regression } from './regression.js';
import { tweedie } from './tweedie.js';

export type { Objective, ObjectiveFactory, ObjectiveParams } from './objective.js';

export const OBJECTIVES: Record<string, ObjectiveFactory> = {
  binary,
  regression,
  l1,
  huber,
  poisson,
  gamma,
  tweedie,
  quantile,
  multiclass,
};

/** The built-in objective called `name`; an unknown name throws and lists the valid ones. */
export function createObjective(name: string, params: ObjectiveParams): Objective {
  const factory = Object.hasOwn(OBJECTIVES, name) ? OBJECTIVES[name] : undefined;
  if (!factory) {
    throw new RangeError(
      `unknown objective '${name}'; valid: ${Object.keys(OBJECTIVES).join(', ')}`,
    );
  }
  return factory(params);
}
