// The family registry: every built-in distribution by name.
import type { Family, FamilyFactory, FamilyParams } from './family.js';
import { gamma } from './gamma.js';
import { gaussian } from './gaussian.js';
import { logistic } from './logistic.js';
import { poisson } from './poisson.js';
import { tweedie } from './tweedie.js';

export type { Family, FamilyFactory, FamilyParams } from './family.js';
export type { Link, LinkName } from './links.js';

export const FAMILIES: Readonly<Record<string, FamilyFactory>> = {
  logistic,
  poisson,
  gamma,
  tweedie,
  gaussian,
};

/** The built-in family called `name`; an unknown name throws and lists the valid ones. */
export function createFamily(name: string, params: FamilyParams): Family {
  const factory = Object.hasOwn(FAMILIES, name) ? FAMILIES[name] : undefined;
  if (!factory) {
    throw new RangeError(`unknown family '${name}'; valid: ${Object.keys(FAMILIES).join(', ')}`);
  }
  return factory(params);
}
