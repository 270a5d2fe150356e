// A GBDT as ai.onnx.ml TreeEnsembleRegressor (opset 3). The operator sums in float32, which
// drifts past 1e-5 on large values (and isotonic steps amplify it), so by default each tree
// writes the index of its leaf to a target of its own (small integers, exact in float); the
// double leaf values are gathered and summed in double, then the objective's link follows. Numeric nodes are BRANCH_LEQ
// on the largest float32 ≤ the engine's threshold (./float32.ts) with the engine's default
// direction as nodes_missing_value_tracks_true. A categorical node "code in S goes left"
// becomes a chain of BRANCH_EQ nodes, one per code in S, each true edge to the same left
// subtree and the last false edge to the right one — so −1 (missing or unknown) goes right,
// as in the engine.
import { GbdtModel } from '../gbdt/index.js';
import type { Tree } from '../gbdt/tree.js';
import { float32AtMost } from './float32.js';
import { castTo, featureMatrix, type FeatureValues } from './inputs.js';
import { type Attr, type GraphBuilder, ML_DOMAIN, tensor } from './graph.js';

/** Objectives by the link from margin to output. */
const LINKS: Record<string, 'sigmoid' | 'identity' | 'exp' | 'softmax'> = {
  binary: 'sigmoid',
  multiclass: 'softmax',
  regression: 'identity',
  huber: 'identity',
  l1: 'identity',
  quantile: 'identity',
  poisson: 'exp',
  gamma: 'exp',
  tweedie: 'exp',
};

interface EnsembleArrays {
  treeIds: number[];
  nodeIds: number[];
  features: number[];
  modes: string[];
  /** Thresholds as float32 (the largest float32 ≤ the engine's) and as the engine has them. */
  values: number[];
  exact: number[];
  trueIds: number[];
  falseIds: number[];
  missingTrue: number[];
  leafTreeIds: number[];
  leafNodeIds: number[];
  /** Each leaf's index within its tree (exact in float32), what the ensemble outputs. */
  leafWeights: number[];
  /** Each leaf's value (double), tree by tree. */
  leafValues: number[];
}

/** Codes whose bit is set in categorical node `node`'s bitset: they go left. */
function leftCodes(tree: Tree, node: number): number[] {
  const k = tree.threshold[node]!;
  const out: number[] = [];
  for (let w = tree.catBoundaries[k]!; w < tree.catBoundaries[k + 1]!; w++) {
    const bits = tree.catBits[w]!;
    for (let b = 0; b < 32; b++)
      if ((bits >>> b) & 1) out.push((w - tree.catBoundaries[k]!) * 32 + b);
  }
  return out;
}

function addTree(tree: Tree, t: number, a: EnsembleArrays): void {
  const internal = tree.numLeaves - 1;
  // Ids: internal node n's first chain node → head[n]; leaf l → leafId[l].
  const head: number[] = [];
  const chains: number[][] = [];
  let next = 0;
  for (let n = 0; n < internal; n++) {
    const codes = tree.isCategorical[n] === 1 ? leftCodes(tree, n) : [];
    chains.push(codes);
    head.push(next);
    next += Math.max(1, codes.length);
  }
  const leafId = Array.from({ length: tree.numLeaves }, (_, l) => next + l);
  const idOf = (child: number): number => (child >= 0 ? head[child]! : leafId[~child]!);
  const branch = (
    id: number,
    feature: number,
    mode: string,
    value: number,
    exact: number,
    yes: number,
    no: number,
    missingYes: number,
  ) => {
    a.treeIds.push(t);
    a.nodeIds.push(id);
    a.features.push(feature);
    a.modes.push(mode);
    a.values.push(value);
    a.exact.push(exact);
    a.trueIds.push(yes);
    a.falseIds.push(no);
    a.missingTrue.push(missingYes);
  };
  for (let n = 0; n < internal; n++) {
    const f = tree.splitFeature[n]!;
    const left = idOf(tree.left[n]!);
    const right = idOf(tree.right[n]!);
    if (tree.isCategorical[n] !== 1) {
      const t = tree.threshold[n]!;
      branch(head[n]!, f, 'BRANCH_LEQ', float32AtMost(t), t, left, right, tree.defaultLeft[n]!);
      continue;
    }
    const codes = chains[n]!;
    // No code goes left: codes are ≥ −1, so "x < −2" is never true and every row goes right.
    if (codes.length === 0) branch(head[n]!, f, 'BRANCH_LT', -2, -2, left, right, 0);
    codes.forEach((c, i) => {
      const no = i + 1 < codes.length ? head[n]! + i + 1 : right;
      branch(head[n]! + i, f, 'BRANCH_EQ', c, c, left, no, 0);
    });
  }
  for (let l = 0; l < tree.numLeaves; l++) {
    a.treeIds.push(t);
    a.nodeIds.push(leafId[l]!);
    a.features.push(0);
    a.modes.push('LEAF');
    a.values.push(0);
    a.exact.push(0);
    a.trueIds.push(0);
    a.falseIds.push(0);
    a.missingTrue.push(0);
    a.leafTreeIds.push(t);
    a.leafNodeIds.push(leafId[l]!);
    a.leafWeights.push(l);
    a.leafValues.push(tree.leafValue[l]!);
  }
}

/**
 * How tree values are summed: 'double' (default) — each tree outputs its leaf index, the double
 * leaf values are summed in double, exact to the engine; 'float' — the classic single-target
 * TreeEnsembleRegressor SUM, float32 leaf values summed in float32 (smaller, about 1e-7 relative).
 */
export type TreeSums = 'double' | 'float';

/**
 * Adds the GBDT; returns its output on the model's scale as double [N, 1], or for a multiclass
 * model (K outputs, softmax) the class probabilities as double [N, K]: tree r·K + k adds to
 * class k's margin, as in the engine.
 */
export function addGbdt(
  g: GraphBuilder,
  json: unknown,
  f: FeatureValues,
  sums: TreeSums = 'double',
): string {
  const model = GbdtModel.fromJSON(json);
  const { info } = model;
  const K = info.numOutputs;
  if (K !== 1 && info.objective !== 'multiclass')
    throw new Error(
      `ONNX export handles single-output GBDTs and multiclass ones; this one has ${K} outputs (${info.objective})`,
    );
  if (info.numNumeric !== f.numNumeric || info.numCategorical !== f.numCategorical)
    throw new Error(
      `the GBDT takes ${info.numNumeric} numeric and ${info.numCategorical} categorical features; the artifact's inputs give ${f.numNumeric} and ${f.numCategorical}`,
    );
  const link = Object.hasOwn(LINKS, info.objective) ? LINKS[info.objective] : undefined;
  if (!link) throw new Error(`ONNX export does not know the GBDT objective '${info.objective}'`);
  const a: EnsembleArrays = {
    treeIds: [],
    nodeIds: [],
    features: [],
    modes: [],
    values: [],
    exact: [],
    trueIds: [],
    falseIds: [],
    missingTrue: [],
    leafTreeIds: [],
    leafNodeIds: [],
    leafWeights: [],
    leafValues: [],
  };
  model.trees.forEach((tree, t) => addTree(tree, t, a));
  // Float inputs: float thresholds (the largest float32 ≤ t sends every float32 value the
  // engine's way). Double inputs: the engine's double thresholds, nodes_values_as_tensor.
  const x = featureMatrix(g, f, f.numericType);
  const thresholds: Record<string, Attr> =
    f.numericType === 'float'
      ? { nodes_values: { floats: a.values } }
      : { nodes_values_as_tensor: { tensor: tensor('double', [a.exact.length], a.exact) } };
  const trees = model.trees.length;
  const perTree = sums === 'double';
  const out = g.op(
    'TreeEnsembleRegressor',
    [x],
    {
      n_targets: { int: perTree ? trees : K },
      aggregate_function: { string: 'SUM' },
      post_transform: { string: 'NONE' },
      nodes_treeids: { ints: a.treeIds },
      nodes_nodeids: { ints: a.nodeIds },
      nodes_featureids: { ints: a.features },
      nodes_modes: { strings: a.modes },
      ...thresholds,
      nodes_truenodeids: { ints: a.trueIds },
      nodes_falsenodeids: { ints: a.falseIds },
      nodes_missing_value_tracks_true: { ints: a.missingTrue },
      target_ids: { ints: perTree ? a.leafTreeIds : a.leafTreeIds.map((t) => t % K) },
      target_treeids: { ints: a.leafTreeIds },
      target_nodeids: { ints: a.leafNodeIds },
      target_weights: { floats: perTree ? a.leafWeights : a.leafValues },
    },
    ML_DOMAIN,
  );
  let sum: string;
  if (!perTree) sum = castTo(g, out, 'double');
  else {
    // Output t of the ensemble is the index of the leaf tree t reaches; its double value is
    // looked up and the values summed in double, as the engine sums them.
    const offsets: number[] = [];
    for (let t = 0, at = 0; t < trees; at += model.trees[t]!.numLeaves, t++) offsets.push(at);
    const index = g.op('Add', [
      castTo(g, out, 'int64'),
      g.int64s('leaf_offset', [1, trees], offsets),
    ]);
    const values = g.op('Gather', [
      g.doubles('leaf_value', [a.leafValues.length], a.leafValues),
      index,
    ]);
    if (K === 1)
      sum = g.op('ReduceSum', [values, g.int64s('axis', [1], [1])], { keepdims: { int: 1 } });
    else {
      // [N, R·K] → [N, R, K] (tree r·K + k at [r, k]), summed over the rounds → [N, K].
      const rounds = g.op('Reshape', [values, g.int64s('rounds_shape', [3], [-1, trees / K, K])]);
      sum = g.op('ReduceSum', [rounds, g.int64s('axis', [1], [1])], { keepdims: { int: 0 } });
    }
  }
  const margin = g.op('Add', [sum, g.doubles('init_score', [1, K], info.initScore)]);
  if (link === 'softmax') return g.op('Softmax', [margin], { axis: { int: 1 } });
  if (link === 'sigmoid') return g.op('Sigmoid', [margin]);
  if (link === 'exp') return g.op('Exp', [margin]);
  return margin;
}
