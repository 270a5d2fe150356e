// Telemetry, failure events and device attributes from loaded columns, as the failure kind's
// window builder (windows.ts) reads them. Pure (no Node): telemetry.ts reads the columns from
// the workspace, the standalone scorer (models/export) from the rows it is given.
import { describeColumns, encodeColumns, type InputColumn } from '../common/columns.js';
import type { TypedColumn } from '../common/tx-log.js';
import type { FailureEvents, Telemetry } from './windows.js';

export type { TypedColumn };

export interface TelemetryRoles {
  id: string;
  time: string;
  sensors: string[];
  eventId: string;
  eventTime: string;
  eventType?: string;
  downtime?: string;
}

export function col(
  cols: readonly TypedColumn[],
  name: string,
  table: string,
  role: string,
): TypedColumn {
  const c =
    cols.find((x) => x.name === name) ??
    cols.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!c)
    throw new Error(
      `table ${JSON.stringify(table)} has no ${role} column ${JSON.stringify(name)} (columns: ${cols.map((x) => x.name).join(', ')})`,
    );
  return c;
}

export const isTime = (c: { type: string }) => c.type === 'date' || c.type === 'datetime';

/** Telemetry from the chosen columns; device codes follow `devices` (extended with new ids). */
export function telemetryFromColumns(
  rows: number,
  idCol: TypedColumn,
  timeCol: TypedColumn,
  sensorCols: readonly TypedColumn[],
  devices: string[] = [],
): { telemetry: Telemetry; roles: TelemetryRoles; devices: string[] } {
  if (timeCol.kind !== 'numeric')
    throw new Error(`${timeCol.name} is not a date or datetime column`);
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
  const keyOf = (c: TypedColumn, i: number): string | null =>
    c.kind === 'categorical'
      ? c.codes[i]! < 0
        ? null
        : c.levels[c.codes[i]!]!
      : Number.isNaN(c.values[i]!)
        ? null
        : String(c.values[i]);
  const toSeconds = (c: TypedColumn & { kind: 'numeric' }, i: number) =>
    c.type === 'date' ? c.values[i]! * 86400 : c.values[i]!;
  const keep: number[] = [];
  const device = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
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
  return { telemetry, roles, devices: names };
}

/** Failure events from loaded columns (`devices` is extended with devices seen only here). */
export function eventsFromColumns(
  e: { rows: number; columns: readonly TypedColumn[] },
  table: string,
  idName: string,
  devices: string[],
): {
  events: FailureEvents;
  roles: Pick<TelemetryRoles, 'eventId' | 'eventTime' | 'eventType' | 'downtime'>;
} {
  const es = { name: table };
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
    roles: {
      eventId: eId.name,
      eventTime: eTime.name,
      ...(eType ? { eventType: eType.name } : {}),
      ...(eDown ? { downtime: eDown.name } : {}),
    },
  };
}

/** Device attributes from loaded columns (without specs: all but the id, dates and `leftOut`). */
export function deviceAttributesFromColumns(
  t: { rows: number; columns: readonly TypedColumn[] },
  table: string,
  idName: string,
  devices: string[],
  specs?: InputColumn[],
  leftOut: (c: TypedColumn) => boolean = () => false,
): { numeric: Float64Array[]; categorical: Int32Array[]; names: string[]; specs: InputColumn[] } {
  const ds = { name: table };
  const idCol = col(t.columns, idName, ds.name, 'device id');
  const feats = specs
    ? specs.map((s) => col(t.columns, s.name, ds.name, 'attribute'))
    : t.columns.filter((c) => c !== idCol && !leftOut(c) && !isTime(c));
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
