// The seam between the boosting loop and a loss: one small interface, one file per loss.

/*
 * Scores, gradients and hessians are laid out output-major: for an objective with K outputs
 * and n rows, output k of row i is at index k·n + i. Each tree round then hands the tree
 * learner the contiguous slice of output k. With K = 1 this is just one value per row.
 */

/** The objective parameters a loss may read (declared with the others in ../params.ts). */
export interface ObjectiveParams {
  /** Number of classes, for multiclass. */
  num_class: number;
  /** Quantile level for quantile, delta for huber. */
  alpha: number;
  /** Variance power p of the Tweedie loss, 1 < p < 2. */
  tweedie_variance_power: number;
}

/** A differentiable loss on raw margins. A custom objective is a user object of this shape. */
export interface Objective {
  /** Registry name (a custom objective names itself; the model records it). */
  readonly name: string;
  /** Margins per row: 1, or the number of classes for multiclass. */
  readonly numOutputs: number;
  /** Throws a RangeError naming the first label the loss cannot take. */
  checkLabels(y: Float64Array): void;
  /** The constant starting margin per output (minimiser of the loss over a constant). */
  initScore(y: Float64Array, w?: Float64Array): number[];
  /**
   * First and second derivatives of each row's (weighted) loss with respect to its margin,
   * written into `grad` and `hess` (output-major layout, same length as `score`).
   */
  gradients(
    y: Float64Array,
    score: Float64Array,
    grad: Float64Array,
    hess: Float64Array,
    w?: Float64Array,
  ): void;
  /**
   * Optional: the value for a leaf holding `rows` (indices into y and score, one output),
   * replacing the tree learner's Newton step — LightGBM's RenewTreeOutput, for losses without
   * curvature (L1, quantile), whose Newton step gives only a direction, not a size.
   */
  renewLeaf?(y: Float64Array, score: Float64Array, rows: Uint32Array, w?: Float64Array): number;
  /** Weighted mean loss of the margins (output-major layout). */
  loss(y: Float64Array, score: Float64Array, w?: Float64Array): number;
  /** Maps one row's margins (length numOutputs) to the output scale (probability, mean …). */
  transform(margin: ArrayLike<number>, out: Float64Array): void;
}

/** Builds an objective from the objective parameters. */
export type ObjectiveFactory = (params: ObjectiveParams) => Objective;

/** Weighted mean of per-row values `f(i)`; `w` absent means weight 1. */
export function weightedMean(n: number, f: (i: number) => number, w?: Float64Array): number {
  let sum = 0;
  let sumW = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i]! : 1;
    sum += wi * f(i);
    sumW += wi;
  }
  return sumW > 0 ? sum / sumW : 0;
}

/** Throws unless every label satisfies `ok`; `what` describes the allowed labels. */
export function checkEach(
  name: string,
  y: Float64Array,
  ok: (v: number) => boolean,
  what: string,
): void {
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (!ok(v)) throw new RangeError(`objective '${name}' needs ${what}; label ${i} is ${v}`);
  }
}
