// The boosting loop: objective → gradients → tree learner → tree → scores → validation.
import { Rng } from '../random.js';
import { binData, featureColumns, featureNames, type RawData, rowCount } from './dataset.js';
import type { GbdtEngine } from './engine.js';
import { EarlyStopping, type Metric, Validation, type ValidationData } from './early-stopping.js';
import { GbdtModel } from './model.js';
import { createObjective, type Objective } from './objectives/index.js';
import { type GbdtParams, parseParams } from './params.js';
import { bagRows, outOfBag, sampleFeatures } from './sampling.js';
import type { Tree } from './tree.js';
import { TreeLearner } from './tree-learner.js';

export interface RoundReport {
  round: number;
  /** The validation metric (or validation loss) after this round, when there is a validation set. */
  valid?: number;
}

export interface TrainOptions {
  /** Row weights (default 1). */
  weight?: Float64Array;
  /** Scored after every round; with early_stopping_rounds > 0, training stops when it stalls. */
  valid?: ValidationData;
  /** Validation metric; default: the objective's loss (lower is better). */
  metric?: Metric;
  /** A custom objective, used instead of params.objective. */
  objective?: Objective;
  /** Called after every round; returning false stops training (cancellation). */
  onRound?: (report: RoundReport) => boolean | void;
  /** Memory and histogram building (e.g. worker threads); default: this thread. */
  engine?: GbdtEngine;
}

/** Trains a gradient-boosted tree model. `params` are checked by parseParams. */
export function train(
  data: RawData,
  label: Float64Array,
  params: Readonly<Record<string, unknown>> = {},
  options: TrainOptions = {},
): GbdtModel {
  const p = parseParams(params);
  const n = rowCount(data);
  const w = options.weight;
  if (label.length !== n) throw new RangeError(`${label.length} labels for ${n} rows`);
  if (w && w.length !== n) throw new RangeError(`${w.length} weights for ${n} rows`);
  const objective = options.objective ?? createObjective(p.objective, p);
  objective.checkLabels(label);
  const K = objective.numOutputs;

  const rng = new Rng(p.seed);
  const engine = options.engine;
  const binned = engine
    ? binData(
        data,
        p.max_bin,
        rng.fork('bins'),
        (bytes) => engine.buffer(bytes),
        engine.numericBins?.bind(engine),
      )
    : binData(data, p.max_bin, rng.fork('bins'));
  // Gradients (and what they are computed from) in the engine's memory, so that its threads
  // can compute them (built-in single-output objectives: one formula per row) and quantise them.
  const f64 = (length: number): Float64Array =>
    new Float64Array(engine ? engine.buffer(8 * length) : new ArrayBuffer(8 * length));
  const grad = f64(K * n);
  const hess = f64(K * n);
  const score = f64(K * n);
  const shareObjective = engine !== undefined && !options.objective && K === 1;
  const sharedCopy = (a: Float64Array): Float64Array => {
    const out = f64(a.length);
    out.set(a);
    return out;
  };
  const learner = new TreeLearner(binned, p, monotoneConstraints(p, data), engine, {
    grad,
    hess,
    objective: shareObjective
      ? {
          label: sharedCopy(label),
          score,
          weight: w ? sharedCopy(w) : null,
          spec: JSON.stringify({ name: p.objective, params: p }),
        }
      : null,
  });
  const cols = featureColumns(data);
  const allFeatures = Int32Array.from({ length: binned.numFeatures }, (_, f) => f);
  const bagRng = rng.fork('bagging');
  const featureRng = rng.fork('features');
  const quantRng = rng.fork('quantize');

  const initScore = objective.initScore(label, w);
  for (let k = 0; k < K; k++) score.fill(initScore[k]!, k * n, (k + 1) * n);
  const slice = (a: Float64Array, k: number): Float64Array => a.subarray(k * n, (k + 1) * n);

  const valid =
    options.valid && new Validation(options.valid, objective, initScore, options.metric);
  const stopping = new EarlyStopping(p.early_stopping_rounds, valid?.higherIsBetter ?? false);
  const trees: Tree[] = [];
  for (let round = 0; round < p.trees; round++) {
    if (!learner.computeGradients()) objective.gradients(label, score, grad, hess, w);
    const bag = bagRows(n, p.bagging_fraction, bagRng);
    const oob = bag && outOfBag(n, bag);
    const features = sampleFeatures(allFeatures, p.feature_fraction, featureRng);
    for (let k = 0; k < K; k++) {
      const tree = learner.grow(slice(grad, k), slice(hess, k), bag, features, quantRng);
      const renew = objective.renewLeaf?.bind(objective);
      if (renew) learner.renewLeaves(tree, (rows) => renew(label, slice(score, k), rows, w));
      tree.scale(p.learning_rate);
      learner.addToScore(tree, slice(score, k));
      if (oob) tree.addPredictions(cols, slice(score, k), oob);
      valid?.add(tree, k);
      trees.push(tree);
    }
    const report: RoundReport = { round };
    let stop = false;
    if (valid) {
      report.valid = valid.score();
      stop = stopping.update(round, report.valid);
    }
    if (options.onRound?.(report) === false || stop) break;
  }
  let bestIteration = trees.length / K - 1;
  if (valid && p.early_stopping_rounds > 0) {
    bestIteration = stopping.bestRound;
    trees.length = (bestIteration + 1) * K;
  }
  const info = {
    objective: objective.name,
    objectiveParams: {
      num_class: p.num_class,
      alpha: p.alpha,
      tweedie_variance_power: p.tweedie_variance_power,
    },
    numOutputs: K,
    initScore,
    featureNames: featureNames(data),
    numNumeric: data.numeric.length,
    numCategorical: data.categorical.length,
    bestIteration,
    params: p,
  };
  return new GbdtModel(info, trees, objective);
}

/** Per-feature monotone directions; categorical features cannot be constrained. */
function monotoneConstraints(p: GbdtParams, data: RawData): Int8Array {
  const F = data.numeric.length + data.categorical.length;
  const c = p.monotone_constraints;
  if (c.length === 0) return new Int8Array(F);
  if (c.length !== F) {
    throw new RangeError(
      `parameter 'monotone_constraints' has ${c.length} entries for ${F} features`,
    );
  }
  for (let f = data.numeric.length; f < F; f++) {
    if (c[f] !== 0) {
      throw new RangeError(
        `parameter 'monotone_constraints': feature ${f} is categorical and cannot be constrained`,
      );
    }
  }
  return Int8Array.from(c);
}
