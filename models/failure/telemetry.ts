// Device failure from telemetry and failure events: rolling-window features per device at
// regular observation times, label = a failure within the horizon (default 24 h). Validation
// keeps each device's rows in one fold; the hold-out is a share of devices (or, with
// --holdout-after, everything from a date on). The alert threshold is the highest one reaching
// recall ≥ 0.90 on out-of-fold predictions — so the lowest false-positive rate that does.
import { loadTable } from '../../core/node/table-data.js';
import type { Workspace } from '../../core/node/workspace/workspace.js';
import { Rng } from '../../core/common/random.js';
import { ARTIFACT_FORMAT, ARTIFACT_VERSION, type ModelArtifact } from '../common/artifact.js';
import type { InputColumn } from '../common/columns.js';
import { applyCalibration, type ThresholdRule } from '../common/decision.js';
import { decideAndEvaluate } from '../common/binary.js';
import { checkpoint } from '../common/progress.js';
import { captureReference } from '../common/reference.js';
import { commonRunOptions, learnersFor, runSupervised } from '../common/supervised.js';
import { createLearner, takeRows } from '../../core/common/learners/index.js';
import type { CommonTrainOptions, TrainedModel } from '../common/trained.js';
import { buildObservations, type FailureEvents, type Telemetry } from './windows.js';
import {
  col,
  deviceAttributesFromColumns,
  eventsFromColumns,
  isTime,
  telemetryFromColumns,
  type TelemetryRoles,
  type TypedColumn,
} from './telemetry-input.js';

export type { TelemetryRoles };

export interface TelemetryOptions extends CommonTrainOptions {
  table: string;
  events: string;
  id?: string;
  time?: string;
  attributes?: string;
  exclude?: string[];
  horizonHours?: number;
  windowsHours?: number[];
  strideHours?: number;
  thresholdRule?: ThresholdRule;
  /** Also train a remaining-useful-life regression (hours to the next failure). */
  rul?: boolean;
}

/** Telemetry and events as typed arrays; device codes follow `devices` (extended with new ids). */
export function loadTelemetry(
  ws: Workspace,
  o: {
    table: string;
    events?: string;
    id?: string;
    time?: string;
    exclude?: string[];
    sensors?: string[];
  },
  devices: string[] = [],
): {
  telemetry: Telemetry;
  events?: FailureEvents;
  roles: TelemetryRoles;
  devices: string[];
  fingerprint: string;
} {
  const ds = ws.requireDataset(o.table);
  const meta = ws.getColumns(ds.id);
  const t = loadTable(ws, ds.name);
  const idCol = o.id
    ? col(t.columns, o.id, ds.name, 'device id')
    : (t.columns.find(
        (c) => /device|machine|asset|unit|equipment/i.test(c.name) && c.kind === 'categorical',
      ) ??
      (() => {
        throw new Error(
          `cannot tell which column of ${ds.name} is the device id; name it with --id`,
        );
      })());
  const timeCol = o.time
    ? col(t.columns, o.time, ds.name, 'time')
    : (t.columns.find(isTime) ??
      (() => {
        throw new Error(`table ${ds.name} has no date or datetime column for --time`);
      })());
  if (!isTime(timeCol) || timeCol.kind !== 'numeric')
    throw new Error(`${ds.name}.${timeCol.name} is ${timeCol.type}, not a date or datetime column`);
  const exclude = new Set((o.exclude ?? []).map((e) => e.toLowerCase()));
  const sensorCols = o.sensors
    ? o.sensors.map((s) => col(t.columns, s, ds.name, 'sensor'))
    : t.columns.filter(
        (c) =>
          c !== idCol &&
          c !== timeCol &&
          c.kind === 'numeric' &&
          !isTime(c) &&
          !exclude.has(c.name.toLowerCase()) &&
          !meta.find((m) => m.name === c.name)!.idLike,
      );
  if (sensorCols.length === 0) throw new Error(`table ${ds.name} has no numeric sensor columns`);
  const {
    telemetry,
    roles,
    devices: names,
  } = telemetryFromColumns(t.rows, idCol, timeCol, sensorCols, devices);
  let fingerprint = `${ds.fingerprint}:${ds.rowCount}`;
  let events: FailureEvents | undefined;
  if (o.events) {
    const e = loadEvents(ws, o.events, idCol.name, names);
    events = e.events;
    fingerprint += `+${e.fingerprint}`;
    Object.assign(roles, e.roles);
  }
  return { telemetry, ...(events ? { events } : {}), roles, devices: names, fingerprint };
}

/** Failure events by device code (`devices` is extended with devices seen only here). */
export function loadEvents(
  ws: Workspace,
  table: string,
  idName: string,
  devices: string[],
): {
  events: FailureEvents;
  fingerprint: string;
  roles: Pick<TelemetryRoles, 'eventId' | 'eventTime' | 'eventType' | 'downtime'>;
} {
  const es = ws.requireDataset(table);
  const e = loadTable(ws, es.name);
  return {
    ...eventsFromColumns(e, es.name, idName, devices),
    fingerprint: `${es.fingerprint}:${es.rowCount}`,
  };
}

/** Device attributes by device code (id-like, text and date columns left out). */
export function loadDeviceAttributes(
  ws: Workspace,
  table: string,
  idName: string,
  devices: string[],
  specs?: InputColumn[],
): { numeric: Float64Array[]; categorical: Int32Array[]; names: string[]; specs: InputColumn[] } {
  const ds = ws.requireDataset(table);
  const meta = ws.getColumns(ds.id);
  const t = loadTable(ws, ds.name);
  const leftOut = (c: TypedColumn) => {
    const m = meta.find((x) => x.name === c.name)!;
    return m.idLike || m.type === 'text';
  };
  return deviceAttributesFromColumns(t, ds.name, idName, devices, specs, leftOut);
}

export async function trainFailureFromTelemetry(
  ws: Workspace,
  o: TelemetryOptions,
): Promise<TrainedModel> {
  const seed = o.seed ?? 42;
  o.onProgress?.({ stage: 'features', fraction: 0 });
  await checkpoint(o.signal);
  const loaded = loadTelemetry(ws, o);
  const attrs = o.attributes
    ? loadDeviceAttributes(ws, o.attributes, loaded.roles.id, loaded.devices)
    : undefined;
  const horizonHours = o.horizonHours ?? 24;
  const windowsHours = o.windowsHours ?? [6, 24];
  const strideHours = o.strideHours ?? 6;
  const obs = buildObservations(loaded.telemetry, loaded.events!, attrs, {
    windowsHours,
    strideHours,
    horizonHours,
    ...(o.rul ? { rul: true } : {}),
  });
  const notes = [
    `roles: device ${loaded.roles.id}, time ${loaded.roles.time}; sensors ${loaded.roles.sensors.join(', ')}; failures from ${o.events}${loaded.roles.eventType ? ` (type ${loaded.roles.eventType})` : ''}${loaded.roles.downtime ? ` (downtime ${loaded.roles.downtime})` : ''}`,
    `observations every ${strideHours} h per device, windows ${windowsHours.join(' and ')} h, label: a failure within ${horizonHours} h`,
  ];
  const n = obs.label.length;
  let trainIdx: number[] = [];
  const holdIdx: number[] = [];
  if (o.holdoutAfter !== undefined) {
    const cut = o.holdoutAfter * 86400;
    for (let i = 0; i < n; i++) (obs.time[i]! >= cut ? holdIdx : trainIdx).push(i);
    // Rows whose horizon reaches into the hold-out period would see its failures: drop them.
    trainIdx = trainIdx.filter((i) => obs.time[i]! + horizonHours * 3600 < cut);
  } else {
    const fraction = o.holdoutFraction ?? 0.2;
    const rng = new Rng(seed).fork('failure-holdout');
    const deviceCount = loaded.devices.length;
    const order = Array.from({ length: deviceCount }, (_, k) => k);
    for (let k = deviceCount - 1; k > 0; k--) {
      const j = rng.int(k + 1);
      [order[k], order[j]] = [order[j]!, order[k]!];
    }
    const held = new Set(order.slice(0, Math.round(fraction * deviceCount)));
    for (let i = 0; i < n; i++) (held.has(obs.device[i]!) ? holdIdx : trainIdx).push(i);
    notes.push(`hold-out: ${held.size} of ${deviceCount} devices (all their rows)`);
  }
  let positives = 0;
  for (const i of trainIdx) positives += obs.label[i]!;
  notes.push(
    `class balance: ${positives} positive of ${trainIdx.length} training rows (${((100 * positives) / Math.max(1, trainIdx.length)).toFixed(2)} %); the threshold, not the loss, handles the imbalance`,
  );
  const candidates =
    !o.learner || o.learner === 'auto'
      ? learnersFor('binary', ['gbdt', 'glm', 'mlp'])
      : [o.learner];
  const usable = candidates.filter((c) => c !== 'mlp' || o.ctx?.tf);
  const out = await runSupervised({
    task: 'binary',
    data: obs.data,
    y: obs.label,
    trainIdx: Uint32Array.from(trainIdx),
    holdIdx: Uint32Array.from(holdIdx),
    groups: obs.device,
    candidates: usable,
    params: o.params ?? {},
    metric: 'pr_auc',
    ...commonRunOptions(o, seed),
  });
  o.onProgress?.({ stage: 'hold-out evaluation', fraction: 0.95 });
  await checkpoint(o.signal);
  const rule = o.thresholdRule ?? { rule: 'recall' as const, minRecall: 0.9 };
  const { modelJson, decision, metrics, evaluation } = decideAndEvaluate(out, rule, 'pr_auc', seed);
  // Remaining useful life: a GBDT regression of the hours to the next failure, on the rows that
  // have one (rows after a device's last recorded failure are censored — it ran at least until
  // the data ends — and are left out, which biases the estimate towards failing devices).
  let rulModel: unknown;
  if (o.rul && obs.rul) {
    o.onProgress?.({ stage: 'remaining useful life', fraction: 0.97 });
    await checkpoint(o.signal);
    const rul = obs.rul;
    const tr = trainIdx.filter((i) => Number.isFinite(rul[i]!));
    const ho = holdIdx.filter((i) => Number.isFinite(rul[i]!));
    if (tr.length < 50)
      notes.push(`remaining useful life not trained: only ${tr.length} rows with a later failure`);
    else {
      const m = createLearner('gbdt', 'regression').fit(
        takeRows(obs.data, Uint32Array.from(tr)),
        Float64Array.from(tr, (i) => rul[i]!),
        'regression',
        { seed, ...(o.params?.gbdt ?? {}) },
        {},
      );
      rulModel = m.toJSON();
      if (ho.length > 0) {
        const p = m.predict(takeRows(obs.data, Uint32Array.from(ho)));
        metrics.rul_mae_hours = p.reduce((a, v, k) => a + Math.abs(v - rul[ho[k]!]!), 0) / p.length;
      }
      notes.push(
        `remaining useful life: ${tr.length} training rows with a later failure; ${obs.label.length - tr.length - ho.length} censored rows left out`,
      );
    }
  }
  const artifact: ModelArtifact = {
    format: ARTIFACT_FORMAT,
    version: ARTIFACT_VERSION,
    kind: 'failure',
    name: o.name ?? 'failure',
    mode: 'telemetry',
    task: 'binary',
    roles: {
      id: loaded.roles.id,
      time: loaded.roles.time,
      events: o.events,
      ...(o.attributes ? { attributes: o.attributes } : {}),
    },
    input: attrs?.specs ?? [],
    features: obs.data.names!,
    target: { column: `failure_within_${horizonHours}h`, positive: '1' },
    learner: out.best,
    model: modelJson,
    decision,
    settings: {
      sensors: loaded.roles.sensors,
      horizonHours,
      windowsHours,
      strideHours,
      ...(rulModel ? { rulModel } : {}),
    },
    reference: captureReference(
      obs.data,
      Uint32Array.from(trainIdx),
      applyCalibration(decision.calibration, out.oof),
      {
        seed,
        ...(attrs ? { specs: attrs.specs } : {}),
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
      events: o.events,
      roles: loaded.roles,
      horizonHours,
      windowsHours,
      strideHours,
      learner: o.learner ?? 'auto',
      params: o.params ?? {},
      folds: o.folds ?? 5,
      seed,
      thresholdRule: rule,
    },
    dataFingerprint: loaded.fingerprint,
    notes,
    rows: {
      train: trainIdx.length,
      holdout: holdIdx.length,
      devices: loaded.devices.length,
      features: obs.data.names!.length,
    },
  };
}
