// Table mode, shared by custom, churn (a labelled customer table) and device failure (a labelled
// observation table): one row per entity or reading, a target column, every other usable column
// a feature. Training picks the task, leaves out id-like, constant and free-text columns (saying
// so), holds out rows (a stratified share, or everything after a date), compares candidates by
// cross-validation and, for binary targets, adds the decision layer.
import type { RawData } from '../../core/common/raw-data.js';
import type { LearnerTask } from '../../core/common/learners/index.js';
import { kFold, stratifiedKFold } from '../../core/common/validation/index.js';
import { loadTable, type ColumnData } from '../../core/node/table-data.js';
import type { Workspace } from '../../core/node/workspace/workspace.js';
import { encodeTarget, type CustomTask } from '../custom/task.js';
import {
  ARTIFACT_FORMAT,
  ARTIFACT_VERSION,
  type ModelArtifact,
  type ModelKind,
} from './artifact.js';
import { describeColumns, encodeColumns } from './columns.js';
import { applyCalibration, type ThresholdRule } from './decision.js';
import { evaluateRegression, permutationImportance } from './evaluation.js';
import { loadFitted } from './fitted.js';
import { decideAndEvaluate } from './binary.js';
import { checkpoint } from './progress.js';
import { captureReference } from './reference.js';
import { commonRunOptions, learnersFor, runSupervised } from './supervised.js';
import type { CommonTrainOptions, TrainedModel } from './trained.js';
import { createMetric } from '../../core/common/metrics/index.js';

export interface TabularOptions extends CommonTrainOptions {
  kind: ModelKind;
  table: string;
  target: string;
  task?: CustomTask;
  positive?: string;
  exclude?: string[];
  /** Id column: kept out of the features and copied to predictions. */
  id?: string;
  /** Time column for --holdout-after. */
  time?: string;
  /** Rows of one group (device, customer) stay in one cross-validation fold. */
  group?: string;
  thresholdRule?: ThresholdRule;
}

const CV_METRIC: Record<CustomTask, string> = {
  binary: 'auc',
  multiclass: 'multi_logloss',
  regression: 'rmse',
};

function findColumn(cols: readonly ColumnData[], name: string, table: string, role: string) {
  const c =
    cols.find((x) => x.name === name) ??
    cols.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!c)
    throw new Error(
      `table ${JSON.stringify(table)} has no ${role} column ${JSON.stringify(name)} (columns: ${cols.map((x) => x.name).join(', ')})`,
    );
  return c;
}

export async function trainTabular(ws: Workspace, o: TabularOptions): Promise<TrainedModel> {
  const seed = o.seed ?? 42;
  const ds = ws.requireDataset(o.table);
  const info = ws.getColumns(ds.id);
  o.onProgress?.({ stage: 'loading', fraction: 0 });
  await checkpoint(o.signal);
  const table = loadTable(ws, ds.name);
  const targetCol = findColumn(table.columns, o.target, ds.name, 'target');
  const idCol = o.id ? findColumn(table.columns, o.id, ds.name, 'id') : undefined;
  const timeCol = o.time ? findColumn(table.columns, o.time, ds.name, 'time') : undefined;
  const groupCol = o.group ? findColumn(table.columns, o.group, ds.name, 'group') : undefined;
  const enc = encodeTarget(targetCol, o.task, o.positive);

  const notes: string[] = [];
  const exclude = new Set((o.exclude ?? []).map((e) => e.toLowerCase()));
  const features: ColumnData[] = [];
  for (const c of table.columns) {
    if (c === targetCol || c === idCol || c === groupCol) continue;
    const meta = info.find((x) => x.name === c.name)!;
    if (exclude.has(c.name.toLowerCase())) notes.push(`left out ${c.name}: excluded by --exclude`);
    else if (meta.idLike)
      notes.push(
        `left out ${c.name}: id-like (a distinct value per row says nothing about new rows)`,
      );
    else if (meta.type === 'text')
      notes.push(`left out ${c.name}: free text (not used as a feature)`);
    else if (isConstant(c)) notes.push(`left out ${c.name}: constant`);
    else if (c === timeCol)
      notes.push(`left out ${c.name}: the time column (used for the hold-out)`);
    else features.push(c);
  }
  if (features.length === 0) throw new Error(`table ${ds.name} has no usable feature columns`);
  const firstIdLike = info.find(
    (m) =>
      m.idLike &&
      m.name !== targetCol.name &&
      (m.type === 'text' || m.type === 'categorical' || m.type === 'integer'),
  )?.name;
  const specs = describeColumns(features);
  const data: RawData = encodeColumns(features, specs, table.rows, `table ${ds.name}`);
  const y = enc.y;
  const task: LearnerTask = enc.task;

  // Rows with a target; hold-out by date or by a (stratified) share.
  const labelled: number[] = [];
  for (let i = 0; i < table.rows; i++) if (!Number.isNaN(y[i])) labelled.push(i);
  if (labelled.length < table.rows)
    notes.push(`${table.rows - labelled.length} rows without a target were left out`);
  let trainIdx: Uint32Array;
  let holdIdx: Uint32Array;
  if (o.holdoutAfter !== undefined) {
    if (
      !timeCol ||
      timeCol.kind !== 'numeric' ||
      (timeCol.type !== 'date' && timeCol.type !== 'datetime')
    )
      throw new Error('--holdout-after needs --time naming a date or datetime column');
    const cut = timeCol.type === 'date' ? o.holdoutAfter : o.holdoutAfter * 86400;
    trainIdx = Uint32Array.from(labelled.filter((i) => timeCol.values[i]! < cut));
    holdIdx = Uint32Array.from(labelled.filter((i) => timeCol.values[i]! >= cut));
  } else {
    const fraction = o.holdoutFraction ?? 0.2;
    const ly = Float64Array.from(labelled, (i) => y[i]!);
    if (fraction > 0) {
      const k = Math.max(2, Math.round(1 / fraction));
      const split =
        task === 'regression' ? kFold(ly.length, k, { seed }) : stratifiedKFold(ly, k, { seed });
      trainIdx = Uint32Array.from(split[0]!.train, (j) => labelled[j]!);
      holdIdx = Uint32Array.from(split[0]!.test, (j) => labelled[j]!);
    } else {
      trainIdx = Uint32Array.from(labelled);
      holdIdx = new Uint32Array(0);
    }
  }
  if (trainIdx.length < 10)
    throw new Error(`only ${trainIdx.length} training rows; too few to train`);
  const groups = groupCol ? groupCodes(groupCol) : undefined;

  const candidates =
    !o.learner || o.learner === 'auto' ? learnersFor(task, ['gbdt', 'glm', 'mlp']) : [o.learner];
  const usable = candidates.filter((c) => c !== 'mlp' || o.ctx?.tf);
  if (usable.length < candidates.length) notes.push('mlp skipped: TensorFlow.js was not loaded');
  const params = Object.fromEntries(
    usable.map((n) => [
      n,
      {
        ...(task === 'multiclass' && n !== 'glm' ? { num_class: enc.classes!.length } : {}),
        ...(o.params?.[n] ?? {}),
      },
    ]),
  );
  const out = await runSupervised({
    task,
    data,
    y,
    trainIdx,
    holdIdx,
    ...(groups ? { groups } : {}),
    candidates: usable,
    params,
    metric: CV_METRIC[enc.task],
    ...commonRunOptions(o, seed),
  });
  for (const r of out.leaderboard)
    if (r.status !== 'ok') notes.push(`${r.learner} ${r.status}: ${r.note ?? ''}`);

  o.onProgress?.({ stage: 'hold-out evaluation', fraction: 0.95 });
  await checkpoint(o.signal);
  const modelJson = out.model.toJSON();
  const scorer = loadFitted(modelJson);
  let decision;
  let metrics: Record<string, number> = {};
  let evaluation: unknown = null;
  if (task === 'binary') {
    const b = decideAndEvaluate(out, o.thresholdRule ?? { rule: 'max_f1' }, 'auc', seed);
    decision = b.decision;
    metrics = b.metrics;
    evaluation = b.evaluation;
  } else if (holdIdx.length > 0) {
    if (task === 'multiclass') {
      for (const m of ['multi_logloss', 'multi_error'])
        metrics[m] = createMetric(m).evaluate(out.holdY, out.holdPred);
      evaluation = { kind: 'multiclass', rows: holdIdx.length, metrics };
    } else {
      const importance = permutationImportance(
        (d) => scorer.predict(d),
        out.holdData,
        out.holdY,
        'rmse',
        seed,
      );
      const ev = evaluateRegression(out.holdY, out.holdPred, [], importance);
      metrics = ev.metrics;
      evaluation = ev;
    }
  }
  const artifact: ModelArtifact = {
    format: ARTIFACT_FORMAT,
    version: ARTIFACT_VERSION,
    kind: o.kind,
    name: o.name ?? o.kind,
    mode: 'table',
    task,
    roles: {
      target: targetCol.name,
      // The id copied to predictions: --id, else the first id-like column left out.
      ...(idCol ? { id: idCol.name } : firstIdLike ? { id: firstIdLike } : {}),
      ...(timeCol ? { time: timeCol.name } : {}),
      ...(groupCol ? { group: groupCol.name } : {}),
    },
    input: specs,
    features: data.names!,
    target: {
      column: targetCol.name,
      ...(enc.positive !== undefined ? { positive: enc.positive } : {}),
      ...(enc.classes ? { classes: enc.classes } : {}),
    },
    learner: out.best,
    model: modelJson,
    ...(decision ? { decision } : {}),
    settings: {},
    reference: captureReference(
      data,
      trainIdx,
      decision ? applyCalibration(decision.calibration, out.oof) : out.oof,
      {
        seed,
        specs,
        baselineMetrics: metrics,
      },
    ),
    seed,
    codeVersion: o.codeVersion ?? 'dev',
    createdAt: new Date().toISOString(),
  };
  return {
    artifact,
    leaderboard: out.leaderboard,
    metrics,
    evaluation,
    params: {
      table: ds.name,
      target: targetCol.name,
      task,
      learner: o.learner ?? 'auto',
      params,
      folds: o.folds ?? 5,
      seed,
      holdout:
        o.holdoutAfter !== undefined
          ? { after: o.holdoutAfter }
          : { fraction: o.holdoutFraction ?? 0.2 },
      ...(o.thresholdRule ? { thresholdRule: o.thresholdRule } : {}),
    },
    dataFingerprint: `${ds.fingerprint}:${ds.rowCount}`,
    notes,
    rows: { train: trainIdx.length, holdout: holdIdx.length, features: data.names!.length },
  };
}

function groupCodes(c: ColumnData): Int32Array {
  if (c.kind === 'categorical') return c.codes;
  const map = new Map<number, number>();
  return Int32Array.from(c.values, (v) => {
    let g = map.get(v);
    if (g === undefined) map.set(v, (g = map.size));
    return g;
  });
}

function isConstant(c: ColumnData): boolean {
  const arr = c.kind === 'numeric' ? c.values : c.codes;
  let first: number | undefined;
  for (const v of arr) {
    if (c.kind === 'numeric' ? Number.isNaN(v) : v < 0) continue;
    if (first === undefined) first = v;
    else if (v !== first) return false;
  }
  return true;
}

export { factorText, scoreTable, type BinaryScores, type TableScores } from './table-scoring.js';
