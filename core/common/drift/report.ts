// Drift of a current data set against a reference profile: per feature statistics, method and
// verdict, prediction drift, and the data-set verdict from the share of drifting features.
import { rowCount, type RawData } from '../raw-data.js';
import { Rng } from '../random.js';
import { binCounts } from './bins.js';
import {
  codeCounts,
  featureNames,
  type CategoricalReference,
  type NumericReference,
  type ReferenceProfile,
} from './reference.js';
import { decodeFloat32 } from './sample-codec.js';
import {
  chiSquareHomogeneity,
  jensenShannon,
  ksTwoSample,
  missingRateChange,
  psi,
  wasserstein1,
  type ChiSquareResult,
  type KsResult,
  type MissingChange,
} from './statistics.js';
import { resolveThresholds, type DriftThresholds } from './thresholds.js';

export type Verdict = 'ok' | 'watch' | 'drift';
export type DriftMethod = 'ks' | 'wasserstein' | 'chisquare' | 'jensenshannon' | 'psi';
/** 'auto': p-value tests up to smallSampleRows current values, distances above; 'psi': PSI. */
export type MethodChoice = 'auto' | 'test' | 'distance' | 'psi';

export interface DriftOptions {
  predictions?: Float64Array;
  /**
   * Method for the prediction alone (default: as for features). Model scores are often discrete
   * — tree leaves, isotonic plateaus — where KS and Wasserstein react to ties; 'psi' on the
   * reference's decile bins is the usual choice for score drift.
   */
  predictionMethod?: MethodChoice;
  /** Names of the current features; defaults to current.names, then the reference's. */
  featureNames?: string[];
  /** Level text of the current categorical codes (as given to buildReference). */
  categoryLevels?: (string[] | undefined)[];
  /** Weights by feature name for the data-set share; features not in the map weigh 0. */
  importance?: Record<string, number>;
  thresholds?: Partial<DriftThresholds>;
  method?: MethodChoice;
  /** Current rows sampled for KS and Wasserstein when there are more (default 5000). */
  sampleSize?: number;
  seed?: number;
}

export interface FeatureDrift {
  name: string;
  kind: 'numeric' | 'categorical';
  /** Current non-missing values. */
  rows: number;
  method: DriftMethod;
  /** The method's figure (p-value for ks / chisquare, else the distance or PSI). */
  score: number;
  threshold: number;
  verdict: Verdict;
  /** Why the verdict is not 'ok', in words. */
  reasons: string[];
  psi: number;
  jensenShannon: number;
  missing: MissingChange & { flagged: boolean };
  ks?: KsResult;
  wasserstein?: number;
  /** Wasserstein-1 / reference std. */
  wassersteinNorm?: number;
  mean?: { reference: number; current: number };
  chiSquare?: ChiSquareResult;
  /** Current categories the reference never saw. */
  newLevels?: string[];
  /** Rows per bin (numeric: the reference's quantile bins) or category, on both sides. */
  bins?: { labels: string[]; reference: number[]; current: number[] };
}

export interface DriftReport {
  rows: number;
  thresholds: DriftThresholds;
  features: FeatureDrift[];
  prediction?: FeatureDrift;
  dataset: {
    /** Share (weighted when importance is given) of features whose verdict is 'drift'. */
    share: number;
    threshold: number;
    drift: boolean;
    weighted: boolean;
    drifting: string[];
    watching: string[];
    missingFlagged: string[];
  };
  verdict: Verdict;
}

const DEFAULT_CURRENT_SAMPLE = 5000;

/** Compares `current` with the reference, feature by feature in the reference's order. */
export function driftReport(
  reference: ReferenceProfile,
  current: RawData,
  opts: DriftOptions = {},
): DriftReport {
  const rows = rowCount(current);
  const t = resolveThresholds(opts.thresholds);
  const method = opts.method ?? 'auto';
  if (
    current.numeric.length !== reference.numeric.length ||
    current.categorical.length !== reference.categorical.length
  ) {
    throw new RangeError(
      `current has ${current.numeric.length} numeric + ${current.categorical.length} categorical features, the reference ${reference.numeric.length} + ${reference.categorical.length}`,
    );
  }
  const refNames = [...reference.numeric, ...reference.categorical].map((f) => f.name);
  const names = opts.featureNames ?? current.names;
  if (names) {
    const got = featureNames(current, names);
    got.forEach((n, j) => {
      if (n !== refNames[j])
        throw new RangeError(`feature ${j} is '${n}', the reference has '${refNames[j]}'`);
    });
  }
  const sampleRows = sampleIndices(
    rows,
    opts.sampleSize ?? DEFAULT_CURRENT_SAMPLE,
    new Rng(opts.seed ?? reference.seed).fork('current-sample'),
  );
  const features: FeatureDrift[] = [
    ...reference.numeric.map((ref, j) =>
      numericDrift(ref, reference.rows, current.numeric[j]!, sampleRows, method, t),
    ),
    ...reference.categorical.map((ref, j) =>
      categoricalDrift(
        ref,
        reference.rows,
        current.categorical[j]!,
        opts.categoryLevels?.[j],
        method,
        t,
      ),
    ),
  ];
  const report: DriftReport = {
    rows,
    thresholds: t,
    features,
    dataset: datasetVerdict(features, opts.importance, t),
    verdict: 'ok',
  };
  if (opts.predictions) {
    if (!reference.prediction) throw new RangeError('the reference has no prediction profile');
    if (opts.predictions.length !== rows) {
      throw new RangeError(`${opts.predictions.length} predictions for ${rows} rows`);
    }
    report.prediction = numericDrift(
      reference.prediction,
      reference.rows,
      opts.predictions,
      sampleRows,
      opts.predictionMethod ?? method,
      t,
    );
  }
  const anyWatch =
    features.some((f) => f.verdict !== 'ok') || (report.prediction?.verdict ?? 'ok') !== 'ok';
  report.verdict =
    report.dataset.drift || report.prediction?.verdict === 'drift'
      ? 'drift'
      : anyWatch
        ? 'watch'
        : 'ok';
  return report;
}

function numericDrift(
  ref: NumericReference,
  refRows: number,
  col: Float64Array,
  sampleRows: Uint32Array | null,
  choice: MethodChoice,
  t: DriftThresholds,
): FeatureDrift {
  const edges = Float64Array.from(ref.edges);
  const { counts, missing, sum } = binCounts(col, edges);
  const n = col.length - missing;
  const refSample = decodeFloat32(ref.sample);
  const curSample = sortedSample(col, sampleRows);
  const ks = ksTwoSample(refSample, curSample, true);
  const w = wasserstein1(refSample, curSample, true);
  const wNorm = ref.std > 0 ? w / ref.std : w > 0 ? Infinity : 0;
  const method: DriftMethod =
    choice === 'psi' ? 'psi' : useTest(choice, n, t) ? 'ks' : 'wasserstein';
  const f: FeatureDrift = {
    name: ref.name,
    kind: 'numeric',
    rows: n,
    method,
    score: NaN,
    threshold: NaN,
    verdict: 'ok',
    reasons: [],
    psi: psi(ref.counts, counts),
    jensenShannon: jensenShannon(ref.counts, counts),
    missing: missingOf(ref.missingRate, refRows, missing, col.length, t),
    ks,
    wasserstein: w,
    wassersteinNorm: wNorm,
    mean: { reference: ref.mean, current: n > 0 ? sum / n : NaN },
    bins: { labels: binLabels(ref.edges), reference: ref.counts.slice(), current: [...counts] },
  };
  if (method === 'ks') decide(f, ks.pValue, t.pValue, ks.pValue < t.pValue, 'KS p-value');
  else if (method === 'wasserstein') {
    decide(f, wNorm, t.wasserstein, wNorm >= t.wasserstein, 'Wasserstein / std');
  }
  return finish(f, t);
}

function categoricalDrift(
  ref: CategoricalReference,
  refRows: number,
  col: Int32Array,
  levels: string[] | undefined,
  choice: MethodChoice,
  t: DriftThresholds,
): FeatureDrift {
  const { counts: byCode, missing } = codeCounts(col);
  const index = new Map<string, number>();
  ref.levels.forEach((l, i) => index.set(l, i));
  const refCounts = ref.counts.slice();
  const curCounts = new Array<number>(ref.levels.length).fill(0);
  const newLevels: string[] = [];
  byCode.forEach((c, code) => {
    if (c === 0) return;
    const level = levels?.[code] ?? String(code);
    let i = index.get(level);
    if (i === undefined) {
      i = refCounts.length;
      index.set(level, i);
      refCounts.push(0);
      curCounts.push(0);
      newLevels.push(level);
    }
    curCounts[i]! += c;
  });
  const n = col.length - missing;
  const chi = chiSquareHomogeneity(refCounts, curCounts);
  const js = jensenShannon(refCounts, curCounts);
  const method: DriftMethod =
    choice === 'psi' ? 'psi' : useTest(choice, n, t) ? 'chisquare' : 'jensenshannon';
  const f: FeatureDrift = {
    name: ref.name,
    kind: 'categorical',
    rows: n,
    method,
    score: NaN,
    threshold: NaN,
    verdict: 'ok',
    reasons: [],
    psi: psi(refCounts, curCounts),
    jensenShannon: js,
    missing: missingOf(ref.missingRate, refRows, missing, col.length, t),
    chiSquare: chi,
    newLevels,
    bins: { labels: [...ref.levels, ...newLevels], reference: refCounts, current: curCounts },
  };
  if (method === 'chisquare') {
    decide(f, chi.pValue, t.pValue, chi.pValue < t.pValue, 'chi-square p-value');
  } else if (method === 'jensenshannon') {
    decide(f, js, t.jensenShannon, js >= t.jensenShannon, 'Jensen–Shannon distance');
  }
  return finish(f, t);
}

function useTest(choice: MethodChoice, n: number, t: DriftThresholds): boolean {
  return choice === 'test' || (choice === 'auto' && n <= t.smallSampleRows);
}

function decide(f: FeatureDrift, score: number, threshold: number, fires: boolean, what: string) {
  f.score = score;
  f.threshold = threshold;
  if (fires) {
    f.verdict = 'drift';
    f.reasons.push(`${what} ${fmt(score)} past ${threshold}`);
  }
}

/** PSI decides under method 'psi' and raises 'watch' otherwise; so does a missing-rate flag. */
function finish(f: FeatureDrift, t: DriftThresholds): FeatureDrift {
  if (f.method === 'psi') {
    f.score = f.psi;
    f.threshold = t.psiDrift;
    if (f.psi >= t.psiDrift) {
      f.verdict = 'drift';
      f.reasons.push(`PSI ${fmt(f.psi)} ≥ ${t.psiDrift}`);
    }
  }
  if (f.verdict === 'ok' && f.psi >= t.psiWatch) {
    f.verdict = 'watch';
    f.reasons.push(`PSI ${fmt(f.psi)} ≥ ${t.psiWatch}`);
  }
  if (f.missing.flagged) {
    if (f.verdict === 'ok') f.verdict = 'watch';
    f.reasons.push(
      `missing rate ${fmt(f.missing.reference)} → ${fmt(f.missing.current)} (p ${fmt(f.missing.pValue)})`,
    );
  }
  if (f.newLevels && f.newLevels.length > 0) {
    f.reasons.push(`new categories: ${f.newLevels.slice(0, 5).join(', ')}`);
  }
  return f;
}

function missingOf(
  refRate: number,
  refRows: number,
  missing: number,
  rows: number,
  t: DriftThresholds,
): MissingChange & { flagged: boolean } {
  const m = missingRateChange(Math.round(refRows * refRate), refRows, missing, rows);
  return {
    ...m,
    flagged: Math.abs(m.change) >= t.missingChange && m.pValue < t.missingPValue,
  };
}

function datasetVerdict(
  features: FeatureDrift[],
  importance: Record<string, number> | undefined,
  t: DriftThresholds,
): DriftReport['dataset'] {
  let total = 0;
  let drifting = 0;
  for (const f of features) {
    const w = importance ? (importance[f.name] ?? 0) : 1;
    if (!(w >= 0)) throw new RangeError(`importance of '${f.name}' must be ≥ 0, got ${w}`);
    total += w;
    if (f.verdict === 'drift') drifting += w;
  }
  if (importance && !(total > 0)) {
    throw new RangeError('importance gives no weight to any feature of the reference');
  }
  const share = total > 0 ? drifting / total : 0;
  return {
    share,
    threshold: t.datasetShare,
    drift: features.length > 0 && share >= t.datasetShare,
    weighted: importance !== undefined,
    drifting: features.filter((f) => f.verdict === 'drift').map((f) => f.name),
    watching: features.filter((f) => f.verdict === 'watch').map((f) => f.name),
    missingFlagged: features.filter((f) => f.missing.flagged).map((f) => f.name),
  };
}

/**
 * `k` row indices drawn uniformly without replacement, ascending (Knuth's selection sampling,
 * algorithm S); null when every row is kept.
 */
function sampleIndices(rows: number, k: number, rng: Rng): Uint32Array | null {
  if (rows <= k) return null;
  const out = new Uint32Array(k);
  let chosen = 0;
  for (let i = 0; i < rows && chosen < k; i++) {
    if ((rows - i) * rng.next() < k - chosen) out[chosen++] = i;
  }
  return out;
}

/** Finite values of `col` at `rows` (all rows when null), ascending. */
function sortedSample(col: Float64Array, rows: Uint32Array | null): Float64Array {
  const n = rows ? rows.length : col.length;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const x = col[rows ? rows[i]! : i]!;
    if (x - x === 0) out[k++] = x;
  }
  return out.subarray(0, k).sort();
}

function fmt(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(3))) : String(x);
}

/** Labels of the bins of cut points `edges`: "≤ a", "(a, b]", …, "> z". */
function binLabels(edges: readonly number[]): string[] {
  if (edges.length === 0) return ['all'];
  const e = edges.map(fmt);
  return [`≤ ${e[0]}`, ...e.slice(1).map((x, i) => `(${e[i]}, ${x}]`), `> ${e[e.length - 1]}`];
}
