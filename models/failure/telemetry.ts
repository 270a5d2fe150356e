// Device failure from telemetry and failure events: rolling-window features per device at
// regular observation times, label = a failure within the horizon (default 24 h). Validation
// keeps each device's rows in one fold; the hold-out is a share of devices (or, with
// --holdout-after, everything from a date on). The alert threshold is the highest one reaching
// recall ≥ 0.90 on out-of-fold predictions — so the lowest false-positive rate that does.
import { loadTable, type ColumnData } from '../../core/node/table-data.js';
import type { Workspace } from '../../core/node/workspace/workspace.js';
import { Rng } from '../../core/common/random.js';
import { ARTIFACT_FORMAT, ARTIFACT_VERSION, type ModelArtifact } from '../common/artifact.js';
import { describeColumns, encodeColumns, type InputColumn } from '../common/columns.js';
import { applyCalibration, type ThresholdRule } from '../common/decision.js';
import { decideAndEvaluate } from '../common/binary.js';
import { checkpoint } from '../common/progress.js';
import { captureReference } from '../common/reference.js';
import { commonRunOptions, learnersFor, runSupervised } from '../common/supervised.js';
import { createLearner, takeRows } from '../../core/common/learners/index.js';
import type { CommonTrainOptions, TrainedModel } from '../common/trained.js';
import { buildObservations, type FailureEvents, type Telemetry } from './windows.js';

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

export interface TelemetryRoles {
  id: string;
  time: string;
  sensors: string[];
  eventId: string;
  eventTime: string;
  eventType?: string;
  downtime?: string;
}

function col(cols: readonly ColumnData[], name: string, table: string, role: string): ColumnData {
  const c =
    cols.find((x) => x.name === name) ??
    cols.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!c)
    throw new Error(
      `table ${JSON.stringify(table)} has no ${role} column ${JSON.stringify(name)} (columns: ${cols.map((x) => x.name).join(', ')})`,
    );
  return c;
}

const isTime = (c: { type: string }) => c.type === 'date' || c.type === 'datetime';

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
  const index = new Map(devices.map((d, k) => [d, k]));
  const names = [...devices];
  const code = (key: string) => {
    let k = index.get(key);
    if (k === undefined) {
      k = names.length;
      names.push(key);
      index.set(key, k);
    }
    return k;
  };
  const keyOf = (c: ColumnData, i: number): string | null =>
    c.kind === 'categorical'
      ? c.codes[i]! < 0
        ? null
        : c.levels[c.codes[i]!]!
      : Number.isNaN(c.values[i]!)
        ? null
        : String(c.values[i]);
  const toSeconds = (c: ColumnData & { kind: 'numeric' }, i: number) =>
    c.type === 'date' ? c.values[i]! * 86400 : c.values[i]!;
  const keep: number[] = [];
  const device = new Int32Array(t.rows);
  for (let i = 0; i < t.rows; i++) {
    const k = keyOf(idCol, i);
    if (k === null || Number.isNaN(timeCol.values[i]!)) continue;
    device[i] = code(k);
    keep.push(i);
  }
  const telemetry: Telemetry = {
    device: Int32Array.from(keep, (i) => device[i]!),
    time: Float64Array.from(keep, (i) => toSeconds(timeCol, i)),
    sensors: sensorCols.map((c) =>
      Float64Array.from(keep, (i) => (c as { values: Float64Array }).values[i]!),
    ),
    sensorNames: sensorCols.map((c) => c.name),
  };
  const roles: TelemetryRoles = {
    id: idCol.name,
    time: timeCol.name,
    sensors: sensorCols.map((c) => c.name),
    eventId: '',
    eventTime: '',
  };
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
  const eId = col(e.columns, idName, es.name, 'device id');
  const eTime = e.columns.find(isTime);
  if (!eTime || eTime.kind !== 'numeric')
    throw new Error(`events table ${es.name} has no date or datetime column`);
  const eType = e.columns.find(
    (c) => /type|mode|cause|kind/i.test(c.name) && c.kind === 'categorical',
  );
  const eDown = e.columns.find(
    (c) => /downtime|repair|duration/i.test(c.name) && c.kind === 'numeric',
  );
  const index = new Map(devices.map((d, k) => [d, k]));
  const code = (key: string) => {
    let k = index.get(key);
    if (k === undefined) {
      k = devices.length;
      devices.push(key);
      index.set(key, k);
    }
    return k;
  };
  const keyOf = (i: number): string | null =>
    eId.kind === 'categorical'
      ? eId.codes[i]! < 0
        ? null
        : eId.levels[eId.codes[i]!]!
      : Number.isNaN(eId.values[i]!)
        ? null
        : String(eId.values[i]);
  const secs = (i: number) => (eTime.type === 'date' ? eTime.values[i]! * 86400 : eTime.values[i]!);
  const rows: number[] = [];
  for (let i = 0; i < e.rows; i++)
    if (keyOf(i) !== null && !Number.isNaN(eTime.values[i]!)) rows.push(i);
  return {
    events: {
      device: Int32Array.from(rows, (i) => code(keyOf(i)!)),
      time: Float64Array.from(rows, secs),
      ...(eType && eType.kind === 'categorical'
        ? { type: Int32Array.from(rows, (i) => eType.codes[i]!) }
        : {}),
      ...(eDown && eDown.kind === 'numeric'
        ? { downtimeHours: Float64Array.from(rows, (i) => eDown.values[i]!) }
        : {}),
    },
    fingerprint: `${es.fingerprint}:${es.rowCount}`,
    roles: {
      eventId: eId.name,
      eventTime: eTime.name,
      ...(eType ? { eventType: eType.name } : {}),
      ...(eDown ? { downtime: eDown.name } : {}),
    },
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
  const idCol = col(t.columns, idName, ds.name, 'device id');
  const feats = specs
    ? specs.map((s) => col(t.columns, s.name, ds.name, 'attribute'))
    : t.columns.filter((c) => {
        const m = meta.find((x) => x.name === c.name)!;
        return c !== idCol && !m.idLike && m.type !== 'text' && !isTime(c);
      });
  const mySpecs = specs ?? describeColumns(feats);
  const enc = encodeColumns(feats, mySpecs, t.rows, `attributes table ${ds.name}`);
  const index = new Map(devices.map((d, k) => [d, k]));
  const rowOf = new Int32Array(devices.length).fill(-1);
  for (let r = 0; r < t.rows; r++) {
    const key =
      idCol.kind === 'categorical' ? idCol.levels[idCol.codes[r]!] : String(idCol.values[r]);
    const k = key === undefined ? undefined : index.get(key);
    if (k !== undefined && rowOf[k] === -1) rowOf[k] = r;
  }
  return {
    numeric: enc.numeric.map((c) => Float64Array.from(rowOf, (r) => (r < 0 ? NaN : c[r]!))),
    categorical: enc.categorical.map((c) => Int32Array.from(rowOf, (r) => (r < 0 ? -1 : c[r]!))),
    names: enc.names!,
    specs: mySpecs,
  };
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
