// The scoring runtime of the standalone scorer, as plain JavaScript text: rows → feature vector
// (as models/common/columns.ts encodes them) → learner (GBDT tree walk, GLM design and link, MLP
// forward pass) → calibration, threshold and risk level (models/common/decision.ts) → the output
// fields of models/score.ts. Each step copies the engine's arithmetic in the engine's order, so
// results agree to the last bit; scorer.test.ts holds it to that. It is text, not TypeScript, so
// the generated module needs nothing but the JavaScript language; keep it ES2020 and plain.
export const SCORER_RUNTIME = String.raw`
// MODEL.input is in the learner's feature order: numeric columns first, then categorical ones.
const FEATURES = MODEL.input;
const LEVEL_CODES = FEATURES.map((c) => c.kind === 'categorical' ? new Map(c.levels.map((l, k) => [l, k])) : null);

// A row's field by exact name, else by name in any case (the engine matches columns that way).
function field(row, name) {
  if (name in row) return row[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(row)) if (key.toLowerCase() === lower) return row[key];
  return undefined;
}

// Numeric: null, '' and what does not parse as a number are missing (NaN); booleans are 1 / 0.
function numericValue(v) {
  if (v === null) return NaN;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const text = String(v);
  return text.trim() === '' ? NaN : Number(text);
}

// Categorical: the level's training code; null, NaN and levels not seen in training are −1.
function categoryCode(v, codes) {
  if (v === null || (typeof v === 'number' && v !== v)) return -1;
  const key = typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
  const code = codes.get(key);
  return code === undefined ? -1 : code;
}

function featureVector(row, i) {
  if (row === null || typeof row !== 'object') throw new TypeError('row ' + i + ' is not an object');
  return FEATURES.map((c, j) => {
    const v = field(row, c.name);
    if (v === undefined)
      throw new Error('row ' + i + ' lacks the field "' + c.name + '" (null marks a missing value)');
    return c.kind === 'numeric' ? numericValue(v) : categoryCode(v, LEVEL_CODES[j]);
  });
}

// ---- GBDT: LightGBM's tree layout (core/common/gbdt/tree.ts). Child c >= 0 is a node, c < 0 leaf ~c.
const TREES = MODEL.learner === 'gbdt'
  ? MODEL.model.trees.map((t) => Object.assign({}, t, { threshold: t.threshold.map(Number) }))
  : [];

function nextNode(t, node, v) {
  if (t.isCategorical[node] === 1) {
    const k = t.threshold[node];
    const from = t.catBoundaries[k];
    const words = t.catBoundaries[k + 1] - from;
    const c = v >= 0 && v < words * 32 ? v | 0 : -1;
    const hit = c >= 0 && (t.catBits[from + (c >>> 5)] >>> (c & 31)) & 1;
    return hit ? t.left[node] : t.right[node];
  }
  if (v !== v) return t.defaultLeft[node] === 1 ? t.left[node] : t.right[node];
  return v <= t.threshold[node] ? t.left[node] : t.right[node];
}

function gbdtPredict(x) {
  const m = MODEL.model;
  const K = m.initScore.length;
  const margin = m.initScore.slice();
  TREES.forEach((t, n) => {
    let node = 0;
    if (t.leafValue.length > 1) {
      while (node >= 0) node = nextNode(t, node, x[t.splitFeature[node]]);
      node = ~node;
    }
    margin[n % K] += t.leafValue[node];
  });
  if (m.output === 'sigmoid') return [1 / (1 + Math.exp(-margin[0]))];
  if (m.output === 'exp') return [Math.exp(margin[0])];
  if (m.output === 'softmax') return softmax(margin);
  return margin;
}

function softmax(v) {
  const max = Math.max(...v);
  const e = v.map((z) => Math.exp(z - max));
  let sum = 0;
  for (const z of e) sum += z;
  return e.map((z) => z / sum);
}

// ---- GLM: impute, standardise, one-hot (core/common/glm/design.ts), then η = b0 + Σ βj·xj.
function glmPredict(x) {
  const m = MODEL.model;
  const design = [];
  m.numeric.forEach((t, j) => {
    const v = x[j];
    if (t.hasValue) design.push(((Number.isFinite(v) ? v : t.median) - t.mean) / t.std);
    if (t.missing) design.push(Number.isFinite(v) ? 0 : 1);
  });
  m.categorical.forEach((t, c) => {
    const code = x[m.numeric.length + c];
    for (const k of t.codes) design.push(code === k ? 1 : 0);
    if (t.missing) design.push(code === -1 ? 1 : 0);
  });
  let eta = m.intercept;
  design.forEach((v, j) => {
    if (m.beta[j] !== 0) eta += m.beta[j] * v;
  });
  if (m.link === 'logit') return [eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta))];
  if (m.link === 'log') return [Math.exp(eta)];
  return [eta];
}

// ---- MLP: standardised float32 inputs, missing indicators, one-hot; dense layers in float64.
function mlpPredict(x) {
  const m = MODEL.model;
  const input = [];
  m.numeric.forEach((c, j) => input.push(Number.isFinite(x[j]) ? Math.fround((x[j] - c.mean) / c.std) : 0));
  m.numeric.forEach((c, j) => {
    if (c.indicator) input.push(Number.isFinite(x[j]) ? 0 : 1);
  });
  m.categorical.forEach((c, j) => {
    const code = x[m.numeric.length + j];
    for (const k of c.codes) input.push(code === k ? 1 : 0);
  });
  let cur = input;
  for (const layer of m.layers) {
    const out = layer.bias.slice();
    cur.forEach((v, j) => {
      if (v === 0) return;
      for (let u = 0; u < layer.units; u++) out[u] += v * layer.weights[j * layer.units + u];
    });
    cur = activate(layer.activation, out);
  }
  return cur;
}

function activate(a, v) {
  if (a === 'relu') return v.map((z) => (z > 0 ? z : 0));
  if (a === 'sigmoid') return v.map((z) => 1 / (1 + Math.exp(-z)));
  if (a === 'exp') return v.map((z) => Math.exp(z));
  if (a === 'softmax') return softmax(v);
  return v;
}

// ---- Decision layer (models/common/decision.ts and core/common/validation).
function calibrate(p) {
  const c = MODEL.decision ? MODEL.decision.calibration : { kind: 'none' };
  if (c.kind === 'platt') {
    const z = c.a * p + c.b;
    return z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
  }
  if (c.kind !== 'isotonic') return p;
  const n = c.x.length;
  if (p <= c.x[0]) return c.y[0];
  if (p >= c.x[n - 1]) return c.y[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (c.x[mid] <= p) lo = mid;
    else hi = mid;
  }
  return c.y[lo] + ((p - c.x[lo]) / (c.x[hi] - c.x[lo])) * (c.y[hi] - c.y[lo]);
}

function riskLevel(p, cuts) {
  return p >= cuts[2] ? 'critical' : p >= cuts[1] ? 'high' : p >= cuts[0] ? 'medium' : 'low';
}

const PREDICT = { gbdt: gbdtPredict, glm: glmPredict, mlp: mlpPredict }[MODEL.learner];

/**
 * Scores rows (objects keyed by column name) and returns one object per row with the fields
 * sightline predict gives for this kind. Every input column is required in every row (null for
 * a missing value). Numbers are rounded to 4 decimals as the engine prints them unless
 * options.round is false.
 */
export function score(rows, options) {
  if (!Array.isArray(rows)) throw new TypeError('score(rows): rows must be an array of objects');
  const exact = options && options.round === false;
  const round = (v) => (exact ? v : Number.isFinite(v) ? Number(v.toFixed(4)) : null);
  const d = MODEL.decision;
  const threshold = d ? d.threshold : 0.5;
  const cuts = d ? d.riskCuts : [0.25, 0.5, 0.75];
  const out = rows.map(featureVector).map((x, i) => {
    const result = {};
    const id = MODEL.id === undefined ? undefined : field(rows[i], MODEL.id);
    if (id !== undefined) result[MODEL.id] = id;
    const y = PREDICT(x);
    if (MODEL.task === 'binary') {
      const p = calibrate(y[0]);
      const level = riskLevel(p, cuts);
      result[MODEL.fields.probability] = round(p);
      result[MODEL.fields.flag] = p >= threshold;
      result.risk_level = level;
      if (MODEL.recommendations) result.recommendation = MODEL.recommendations[level];
    } else if (MODEL.task === 'multiclass') {
      result.predicted_class = MODEL.classes[y.indexOf(Math.max(...y))];
      MODEL.classes.forEach((c, k) => (result['p_' + c] = round(y[k])));
    } else result.prediction = round(y[0]);
    result.model_version = metadata.modelVersion;
    return result;
  });
  return out;
}

// ---- Drift of a batch against the training profile embedded in MODEL.drift: PSI per feature on
// the reference's decile bins (numbers) or categories, with 0.5 added to every bin, the same
// figure core/common/drift computes; missing-rate change; verdicts at PSI 0.1 (watch) and 0.25
// (drift). The full report (KS, Wasserstein, chi-square, timelines) is 'sightline drift'.
function psiOf(ref, cur) {
  const b = ref.length;
  let rt = 0;
  let ct = 0;
  for (let i = 0; i < b; i++) {
    rt += ref[i];
    ct += cur[i];
  }
  const rd = rt + 0.5 * b;
  const cd = ct + 0.5 * b;
  let s = 0;
  for (let i = 0; i < b; i++) {
    const p = (ref[i] + 0.5) / rd;
    const q = (cur[i] + 0.5) / cd;
    s += (q - p) * Math.log(q / p);
  }
  return s;
}

function binOf(edges, x) {
  let i = 0;
  while (i < edges.length && x > edges[i]) i++;
  return i;
}

function verdictOf(psi) {
  return psi >= 0.25 ? 'drift' : psi >= 0.1 ? 'watch' : 'ok';
}

/**
 * Drift of rows (as given to score) against the model's training data: per feature PSI and
 * missing rates, the prediction's PSI, and a verdict (drift when half the features drift or the
 * prediction does). Needs no network and nothing but this file.
 */
export function drift(rows) {
  const D = MODEL.drift;
  if (!D) throw new Error('this model carries no reference profile (retrain it to embed one)');
  const xs = rows.map(featureVector);
  const n = xs.length;
  const features = [];
  for (const ref of D.numeric) {
    const j = FEATURES.findIndex((c) => c.name === ref.name);
    const cur = new Array(ref.counts.length).fill(0);
    let missing = 0;
    for (const x of xs) {
      const v = x[j];
      if (!Number.isFinite(v)) missing++;
      else cur[binOf(ref.edges, v)]++;
    }
    const psi = psiOf(ref.counts, cur);
    features.push({ name: ref.name, kind: 'numeric', psi, missingRate: { reference: ref.missingRate, current: n ? missing / n : 0 }, verdict: verdictOf(psi) });
  }
  for (const ref of D.categorical) {
    const j = FEATURES.findIndex((c) => c.name === ref.name);
    const index = new Map(ref.levels.map((l, k) => [l, k]));
    const refCounts = ref.counts.slice();
    const cur = new Array(ref.counts.length).fill(0);
    let missing = 0;
    for (const x of xs) {
      const code = x[j];
      if (code < 0) {
        missing++;
        continue;
      }
      const level = FEATURES[j].levels[code];
      let k = index.get(level);
      if (k === undefined) {
        k = refCounts.length;
        index.set(level, k);
        refCounts.push(0);
        cur.push(0);
      }
      cur[k]++;
    }
    const psi = psiOf(refCounts, cur);
    features.push({ name: ref.name, kind: 'categorical', psi, missingRate: { reference: ref.missingRate, current: n ? missing / n : 0 }, verdict: verdictOf(psi) });
  }
  let prediction = null;
  if (D.prediction && MODEL.task !== 'multiclass') {
    const cur = new Array(D.prediction.counts.length).fill(0);
    for (const x of xs) {
      const y = PREDICT(x)[0];
      const p = MODEL.task === 'binary' ? calibrate(y) : y;
      if (Number.isFinite(p)) cur[binOf(D.prediction.edges, p)]++;
    }
    const psi = psiOf(D.prediction.counts, cur);
    prediction = { psi, verdict: verdictOf(psi) };
  }
  const drifting = features.filter((f) => f.verdict === 'drift').map((f) => f.name);
  const share = features.length ? drifting.length / features.length : 0;
  const verdict =
    share >= 0.5 || (prediction && prediction.verdict === 'drift')
      ? 'drift'
      : features.some((f) => f.verdict !== 'ok') || (prediction && prediction.verdict !== 'ok')
        ? 'watch'
        : 'ok';
  return { rows: n, method: 'psi', features, prediction, share, drifting, verdict };
}
`;
