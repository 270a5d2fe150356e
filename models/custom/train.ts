// The custom model kind: any table and target column. Picks the task, leaves out id-like,
// constant and free-text columns (saying so), holds out a share of the rows, compares candidate
// learners by cross-validation on the rest, refits the best and scores it on the hold-out.
import type { RawData } from '../../core/common/gbdt/index.js';
import {
  createLearner,
  crossValidate,
  type LearnerContext,
  takeRows,
  takeValues,
} from '../../core/common/learners/index.js';
import { createMetric, type Metric } from '../../core/common/metrics/index.js';
import { type LeaderboardRow, rankLeaderboard } from '../../core/common/search/index.js';
import { kFold, stratifiedKFold, type Fold } from '../../core/common/validation/index.js';
import { loadTable } from '../../core/node/table-data.js';
import type { Workspace } from '../../core/node/workspace/workspace.js';
import { type CustomTask, encodeTarget } from './task.js';

export interface CustomTrainOptions {
  table: string;
  target: string;
  task?: CustomTask;
  positive?: string;
  exclude?: string[];
  /** 'auto' compares every learner that does the task. */
  learner?: string;
  /** Parameters per learner name, already typed. */
  params?: Record<string, Record<string, unknown>>;
  holdoutFraction?: number;
  folds?: number;
  seed?: number;
  ctx?: LearnerContext;
  onProgress?: (p: { stage: string; candidate?: string; fold?: number }) => void;
}

export interface CustomTrainResult {
  table: string;
  target: string;
  task: CustomTask;
  positive?: string;
  classes?: string[];
  features: string[];
  excluded: { column: string; reason: string }[];
  rows: { train: number; holdout: number; droppedMissingTarget: number };
  metric: string;
  leaderboard: LeaderboardRow[];
  best: string;
  holdout: Record<string, number>;
  model: unknown;
}

const LEARNER_ORDER = ['gbdt', 'glm', 'mlp'];
const HOLDOUT_METRICS: Record<CustomTask, string[]> = {
  binary: ['auc', 'pr_auc', 'logloss', 'brier', 'accuracy', 'precision', 'recall', 'f1'],
  multiclass: ['multi_logloss', 'multi_error'],
  regression: ['mae', 'rmse', 'r2'],
};
const CV_METRIC: Record<CustomTask, string> = {
  binary: 'auc',
  multiclass: 'multi_logloss',
  regression: 'rmse',
};

export function trainCustom(
  ws: Workspace,
  ds: { id: number },
  o: CustomTrainOptions,
): CustomTrainResult {
  const seed = o.seed ?? 42;
  const columns = ws.getColumns(ds.id);
  const table = loadTable(ws, o.table);
  const targetCol = table.columns.find((c) => c.name.toLowerCase() === o.target.toLowerCase());
  if (!targetCol)
    throw new Error(
      `table ${o.table} has no column ${JSON.stringify(o.target)} (columns: ${table.columns.map((c) => c.name).join(', ')})`,
    );
  const enc = encodeTarget(targetCol, o.task, o.positive);

  const excluded: { column: string; reason: string }[] = [];
  const exclude = new Set((o.exclude ?? []).map((e) => e.toLowerCase()));
  const numeric: Float64Array[] = [];
  const categorical: Int32Array[] = [];
  const numNames: string[] = [];
  const catNames: string[] = [];
  for (const c of table.columns) {
    if (c === targetCol) continue;
    const info = columns.find((x) => x.name === c.name)!;
    if (exclude.has(c.name.toLowerCase()))
      excluded.push({ column: c.name, reason: 'excluded by --exclude' });
    else if (info.idLike)
      excluded.push({
        column: c.name,
        reason: 'id-like (a distinct value per row says nothing about new rows)',
      });
    else if (info.type === 'text')
      excluded.push({ column: c.name, reason: 'free text (not used as a feature)' });
    else if (isConstant(c)) excluded.push({ column: c.name, reason: 'constant' });
    else if (c.kind === 'numeric') {
      numeric.push(c.values);
      numNames.push(c.name);
    } else {
      categorical.push(c.codes);
      catNames.push(c.name);
    }
  }
  const keep = Uint32Array.from(
    Array.from({ length: table.rows }, (_, i) => i).filter((i) => !Number.isNaN(enc.y[i]!)),
  );
  const all: RawData = { numeric, categorical, names: [...numNames, ...catNames] };
  const data = takeRows(all, keep);
  const y = takeValues(enc.y, keep);

  // Hold-out: one fold of a stratified (or plain) split.
  const fraction = o.holdoutFraction ?? 0.2;
  let trainIdx: Uint32Array = Uint32Array.from(y.keys());
  let holdIdx: Uint32Array = new Uint32Array(0);
  if (fraction > 0) {
    const k = Math.max(2, Math.round(1 / fraction));
    const split =
      enc.task === 'regression' ? kFold(y.length, k, { seed }) : stratifiedKFold(y, k, { seed });
    trainIdx = split[0]!.train;
    holdIdx = split[0]!.test;
  }
  const trainData = takeRows(data, trainIdx);
  const trainY = takeValues(y, trainIdx);
  const task = enc.task;
  const cvFolds: Fold[] =
    task === 'regression'
      ? kFold(trainY.length, o.folds ?? 5, { seed })
      : stratifiedKFold(trainY, o.folds ?? 5, { seed });
  const metric: Metric = createMetric(CV_METRIC[task]);
  const learnerTask = task;
  const names =
    !o.learner || o.learner === 'auto'
      ? LEARNER_ORDER.filter((n) => createLearnerOk(n, learnerTask))
      : [o.learner];
  const rows: Omit<LeaderboardRow, 'rank'>[] = [];
  for (const name of names) {
    const learner = createLearner(name, learnerTask);
    const params = {
      ...(task === 'multiclass' && name !== 'glm' ? { num_class: enc.classes!.length } : {}),
      ...(o.params?.[name] ?? {}),
    };
    o.onProgress?.({ stage: 'cross-validation', candidate: name });
    const cv = crossValidate(
      learner,
      trainData,
      trainY,
      learnerTask,
      params,
      cvFolds,
      metric,
      o.ctx ?? {},
    );
    rows.push({
      learner: name,
      params,
      metric: metric.name,
      mean: cv.mean,
      std: cv.std,
      trainSeconds: cv.seconds,
    });
  }
  const leaderboard = rankLeaderboard(rows, metric.biggerIsBetter);
  const best = leaderboard[0]!;
  o.onProgress?.({ stage: 'refit', candidate: best.learner });
  const model = createLearner(best.learner, learnerTask).fit(
    trainData,
    trainY,
    learnerTask,
    best.params,
    o.ctx ?? {},
  );
  const holdout: Record<string, number> = {};
  if (holdIdx.length > 0) {
    o.onProgress?.({ stage: 'hold-out evaluation' });
    const pred = model.predict(takeRows(data, holdIdx));
    const yh = takeValues(y, holdIdx);
    for (const m of HOLDOUT_METRICS[task]) holdout[m] = createMetric(m).evaluate(yh, pred);
  }
  return {
    table: table.table,
    target: targetCol.name,
    task,
    ...(enc.positive !== undefined ? { positive: enc.positive } : {}),
    ...(enc.classes ? { classes: enc.classes } : {}),
    features: all.names!,
    excluded,
    rows: {
      train: trainIdx.length,
      holdout: holdIdx.length,
      droppedMissingTarget: table.rows - keep.length,
    },
    metric: metric.name,
    leaderboard,
    best: best.learner,
    holdout,
    model: model.toJSON(),
  };
}

function createLearnerOk(name: string, task: CustomTask): boolean {
  try {
    createLearner(name, task);
    return true;
  } catch {
    return false;
  }
}

function isConstant(
  c: { kind: 'numeric'; values: Float64Array } | { kind: 'categorical'; codes: Int32Array },
): boolean {
  const arr = c.kind === 'numeric' ? c.values : c.codes;
  let first: number | undefined;
  for (const v of arr) {
    if (c.kind === 'numeric' ? Number.isNaN(v) : v < 0) continue;
    if (first === undefined) first = v;
    else if (v !== first) return false;
  }
  return true;
}
