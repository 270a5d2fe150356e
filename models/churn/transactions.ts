// Churn from a transaction log: monthly snapshots (features from the observation window before
// each cutoff, label = no purchase in the prediction window after it), customers kept whole in
// cross-validation folds, the most recent cutoff held out, with training cutoffs whose windows
// close before it — so nothing the model learns from was unknown at the hold-out's cutoff.
import { ARTIFACT_FORMAT, ARTIFACT_VERSION, type ModelArtifact } from '../common/artifact.js';
import { applyCalibration, type ThresholdRule } from '../common/decision.js';
import { decideAndEvaluate } from '../common/binary.js';
import { checkpoint } from '../common/progress.js';
import { captureReference } from '../common/reference.js';
import { commonRunOptions, learnersFor, runSupervised } from '../common/supervised.js';
import type { CommonTrainOptions, TrainedModel } from '../common/trained.js';
import { loadAttributes, loadLog, resolveTxRoles, type TxRoles } from '../common/tx-input.js';
import { buildSnapshots, monthlyCutoffs } from '../transactions/index.js';
import type { Workspace } from '../../core/node/workspace/workspace.js';
import type { RawData } from '../../core/common/raw-data.js';
import type { InputColumn } from '../common/columns.js';

export interface SnapshotModelOptions extends CommonTrainOptions {
  table: string;
  roles: Partial<TxRoles>;
  /** Customer attributes table joined on the id column. */
  attributes?: string;
  observationDays?: number;
  predictionDays?: number;
  maxSnapshots?: number;
  /** Day number: the latest cutoff to use (as if the log's outcomes after it were unknown). */
  cutoff?: number;
  thresholdRule?: ThresholdRule;
}

export interface SnapshotSetup {
  roles: TxRoles;
  cutoffs: number[];
  trainCutoffs: number[];
  holdCutoffs: number[];
  observationDays: number;
  predictionDays: number;
  data: RawData;
  label: Float64Array;
  customer: Int32Array;
  cutoff: Float64Array;
  trainIdx: Uint32Array;
  holdIdx: Uint32Array;
  attributeSpecs?: InputColumn[];
  signup?: string;
  attributeId?: string;
  fingerprint: string;
  maxDay: number;
  notes: string[];
}

/** Loads the log, builds snapshots and splits them in time; shared by churn and lifetime value. */
export function snapshotSetup(
  ws: Workspace,
  o: SnapshotModelOptions,
  label: 'churn' | 'spend',
  defaults: { observationDays: number; predictionDays: number },
): SnapshotSetup {
  const roles = resolveTxRoles(ws, o.table, o.roles);
  const log = loadLog(ws, o.table, roles);
  const notes: string[] = [
    `roles: customer ${roles.id}, time ${roles.time}, amount ${roles.amount}`,
  ];
  const observationDays = o.observationDays ?? defaults.observationDays;
  const predictionDays = o.predictionDays ?? defaults.predictionDays;
  let attrs;
  let fingerprint = `${ws.requireDataset(o.table).fingerprint}:${log.rows}`;
  if (o.attributes) {
    attrs = loadAttributes(ws, o.attributes, roles.id, log.ids);
    fingerprint += `+${ws.requireDataset(o.attributes).fingerprint}`;
    notes.push(
      `attributes from ${o.attributes}: ${attrs.specs.map((s) => s.name).join(', ')}${attrs.signup ? ` (tenure from ${attrs.signup})` : ''}`,
    );
  }
  const cutoffs = monthlyCutoffs(
    log.minDay,
    o.cutoff !== undefined ? Math.min(log.maxDay, o.cutoff + predictionDays - 1) : log.maxDay,
    { observationDays, predictionDays, maxSnapshots: o.maxSnapshots ?? 12 },
  );
  if (cutoffs.length < 2)
    throw new Error(
      `the log spans ${Math.round(log.maxDay - log.minDay)} days: too short for snapshots with a ${predictionDays}-day prediction window (need at least two monthly cutoffs)`,
    );
  // Hold-out: cutoffs on or after --holdout-after, else the last one. Training cutoffs must have
  // their prediction windows closed by the first hold-out cutoff.
  const holdFrom =
    o.holdoutAfter !== undefined
      ? o.holdoutAfter
      : (o.holdoutFraction ?? 0.2) > 0
        ? cutoffs[cutoffs.length - 1]!
        : Infinity;
  const holdCutoffs = cutoffs.filter((c) => c >= holdFrom);
  const trainCutoffs = cutoffs.filter((c) => c < holdFrom && c + predictionDays <= holdFrom);
  if (trainCutoffs.length === 0)
    throw new Error(
      'no training cutoff has its prediction window closed before the hold-out; use an earlier --holdout-after or a shorter --horizon',
    );
  const snaps = buildSnapshots(log.tx, attrs?.attrs, {
    cutoffs: [...trainCutoffs, ...holdCutoffs],
    observationDays,
    predictionDays,
    label,
  });
  const trainIdx: number[] = [];
  const holdIdx: number[] = [];
  const holdSet = new Set(holdCutoffs);
  snaps.cutoff.forEach((c, i) => (holdSet.has(c) ? holdIdx : trainIdx).push(i));
  return {
    roles,
    cutoffs,
    trainCutoffs,
    holdCutoffs,
    observationDays,
    predictionDays,
    data: snaps.data,
    label: snaps.label,
    customer: snaps.customer,
    cutoff: snaps.cutoff,
    trainIdx: Uint32Array.from(trainIdx),
    holdIdx: Uint32Array.from(holdIdx),
    ...(attrs ? { attributeSpecs: attrs.specs, attributeId: attrs.idColumn } : {}),
    ...(attrs?.signup ? { signup: attrs.signup } : {}),
    fingerprint,
    maxDay: log.maxDay,
    notes,
  };
}

export async function trainChurnFromLog(
  ws: Workspace,
  o: SnapshotModelOptions,
): Promise<TrainedModel> {
  const seed = o.seed ?? 42;
  o.onProgress?.({ stage: 'features', fraction: 0 });
  await checkpoint(o.signal);
  const s = snapshotSetup(ws, o, 'churn', { observationDays: 180, predictionDays: 90 });
  const candidates =
    !o.learner || o.learner === 'auto'
      ? learnersFor('binary', ['gbdt', 'glm', 'mlp'])
      : [o.learner];
  const usable = candidates.filter((c) => c !== 'mlp' || o.ctx?.tf);
  const notes = [...s.notes];
  if (usable.length < candidates.length) notes.push('mlp skipped: TensorFlow.js was not loaded');
  const out = await runSupervised({
    task: 'binary',
    data: s.data,
    y: s.label,
    trainIdx: s.trainIdx,
    holdIdx: s.holdIdx,
    groups: s.customer,
    candidates: usable,
    params: o.params ?? {},
    metric: 'auc',
    ...commonRunOptions(o, seed),
  });
  o.onProgress?.({ stage: 'hold-out evaluation', fraction: 0.95 });
  await checkpoint(o.signal);
  const { modelJson, decision, metrics, evaluation } = decideAndEvaluate(
    out,
    o.thresholdRule ?? { rule: 'max_f1' },
    'auc',
    seed,
  );
  const day = (d: number) => new Date(d * 86400000).toISOString().slice(0, 10);
  notes.push(
    `snapshots: ${s.trainCutoffs.length} training cutoffs ${day(s.trainCutoffs[0]!)} … ${day(s.trainCutoffs[s.trainCutoffs.length - 1]!)}${s.holdCutoffs.length ? `, hold-out cutoff${s.holdCutoffs.length > 1 ? 's' : ''} ${s.holdCutoffs.map(day).join(', ')}` : ''}; ${s.observationDays}-day observation and ${s.predictionDays}-day prediction windows`,
  );
  const artifact: ModelArtifact = {
    format: ARTIFACT_FORMAT,
    version: ARTIFACT_VERSION,
    kind: 'churn',
    name: o.name ?? 'churn',
    mode: 'transactions',
    task: 'binary',
    roles: {
      id: s.roles.id,
      time: s.roles.time,
      amount: s.roles.amount,
      ...(o.attributes ? { attributes: o.attributes, attributeId: s.attributeId! } : {}),
      ...(s.signup ? { signup: s.signup } : {}),
    },
    input: s.attributeSpecs ?? [],
    features: s.data.names!,
    target: { column: 'churned', positive: '1' },
    learner: out.best,
    model: modelJson,
    decision,
    settings: {
      observationDays: s.observationDays,
      predictionDays: s.predictionDays,
      lastTrainingDay: s.maxDay,
    },
    reference: captureReference(
      s.data,
      s.trainIdx,
      applyCalibration(decision.calibration, out.oof),
      {
        seed,
        ...(s.attributeSpecs ? { specs: s.attributeSpecs } : {}),
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
      table: o.table,
      roles: s.roles,
      attributes: o.attributes ?? null,
      observationDays: s.observationDays,
      predictionDays: s.predictionDays,
      learner: o.learner ?? 'auto',
      params: o.params ?? {},
      folds: o.folds ?? 5,
      seed,
      thresholdRule: decision.rule,
    },
    dataFingerprint: s.fingerprint,
    notes,
    rows: {
      train: s.trainIdx.length,
      holdout: s.holdIdx.length,
      customers: new Set(s.customer).size,
      features: s.data.names!.length,
    },
  };
}
