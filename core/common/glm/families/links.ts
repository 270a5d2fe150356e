// Link functions: the map from the mean μ to the linear predictor η, its inverse and dμ/dη.

export type LinkName = 'logit' | 'log' | 'identity';

export interface Link {
  readonly name: LinkName;
  /** η = g(μ). */
  eta(mu: number): number;
  /** μ = g⁻¹(η). */
  mu(eta: number): number;
  /** dμ/dη at η. */
  dmuDeta(eta: number): number;
}

/* exp(η) overflows past 709.78; the IRLS step-halving then retreats from such a step. */
const logistic = (eta: number): number =>
  eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));

export const logit: Link = {
  name: 'logit',
  eta: (mu) => Math.log(mu / (1 - mu)),
  mu: logistic,
  dmuDeta(eta) {
    const p = logistic(eta);
    return p * (1 - p);
  },
};

export const log: Link = {
  name: 'log',
  eta: Math.log,
  mu: Math.exp,
  dmuDeta: Math.exp,
};

export const identity: Link = {
  name: 'identity',
  eta: (mu) => mu,
  mu: (eta) => eta,
  dmuDeta: () => 1,
};
