// Point-in-time observations for device-failure models: one row per device every `strideHours`
// (at a reading time t), with trailing-window statistics of each sensor, the time since the
// last failure and the device's attributes, all from readings and events at or before t; the
// label and remaining useful life look after t.
import type { RawData } from '../../core/common/raw-data.js';
import { orderByDevice } from './device-order.js';
import { WINDOW_STATS, windowCounts, windowStats } from './window-stats.js';
import type { Scratch, SensorSeries } from './window-stats.js';

export interface Telemetry {
  /** Device code per reading (−1 or NaN time: the reading is ignored). */
  device: Int32Array;
  /** Seconds since 1970-01-01; rows may come in any order. */
  time: Float64Array;
  /** One column per sensor, NaN = missing. */
  sensors: Float64Array[];
  sensorNames: string[];
}

export interface FailureEvents {
  device: Int32Array;
  /** Moment of failure, seconds since 1970-01-01. */
  time: Float64Array;
  /** Failure type code (−1 = unknown); adds the categorical feature `last_failure_type`. */
  type?: Int32Array;
  /** Hours the device is down after the failure; observations inside it are skipped. */
  downtimeHours?: Float64Array;
}

export interface ObservationOptions {
  /** Trailing windows, in hours; default [6, 24]. */
  windowsHours?: number[];
  /** Hours between a device's observations; default 6. */
  strideHours?: number;
  /** The label asks for a failure in (t, t + horizon]; default 24 hours. */
  horizonHours?: number;
  /** Also return `rul`, the hours to the next failure. */
  rul?: boolean;
  /** End of the observed period (seconds); default the last telemetry reading. */
  endTime?: number;
  /**
   * Keep observations whose horizon runs past `endTime`. Their label is then only a lower
   * bound (a failure after the data ends is not seen), so by default they are dropped.
   */
  keepIncompleteHorizon?: boolean;
}

export interface Observations {
  /** Features, numeric columns then categorical ones, named by `names`. */
  data: RawData;
  /** 1 if the device fails in (t, t + horizon], else 0. */
  label: Float64Array;
  /** Device code per row: the group for grouped cross-validation. */
  device: Int32Array;
  /** Observation time t per row, seconds since 1970-01-01. */
  time: Float64Array;
  /**
   * Hours from t to the device's next failure; NaN when no failure is recorded after t. NaN is
   * right-censored, not "never fails": the device ran at least until the end of the data.
   */
  rul?: Float64Array;
  names: string[];
}

/** Name of a window statistic feature, e.g. `vibration_slope_24h`. */
export function featureName(sensor: string, stat: string, windowHours: number): string {
  return `${sensor}_${stat}_${windowHours}h`;
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new RangeError(message);
}

/**
 * Builds one row per device every `strideHours`. Rules:
 * - Observation times are reading times: a device's first reading, then each reading at least
 *   `strideHours` after the previous observation. Rows come device by device, in time order.
 * - Features use only readings and events with time ≤ t; a window of W hours is (t − W, t].
 *   Missing readings are skipped; `readings_{W}h` counts all readings in the window.
 * - A reading time inside a failure's downtime [failure, failure + downtime) is not an
 *   observation (the device is being repaired); the next reading after it is.
 * - Observations whose horizon ends after `endTime` are dropped unless keepIncompleteHorizon.
 * - Windows do not restart at a failure: `hours_since_failure` tells the model one was recent.
 */
export function buildObservations(
  telemetry: Telemetry,
  events: FailureEvents,
  attrs?: RawData,
  options: ObservationOptions = {},
): Observations {
  const windows = options.windowsHours ?? [6, 24];
  const stride = (options.strideHours ?? 6) * 3600;
  const horizon = (options.horizonHours ?? 24) * 3600;
  const { device, time, sensors, sensorNames } = telemetry;
  const n = device.length;
  check(time.length === n, `telemetry has ${n} devices but ${time.length} times`);
  check(sensors.length === sensorNames.length, 'one sensor name per sensor column');
  sensors.forEach((c, j) => check(c.length === n, `sensor ${j} has ${c.length} rows, not ${n}`));
  check(events.time.length === events.device.length, 'events: device and time differ in length');
  check(windows.length > 0 && windows.every((w) => w > 0), 'windowsHours must be positive');
  check(stride > 0 && horizon > 0, 'strideHours and horizonHours must be positive');

  let numDevices = 0;
  for (let i = 0; i < n; i++) numDevices = Math.max(numDevices, device[i]! + 1);
  const readings = orderByDevice(device, time, numDevices);
  const failures = orderByDevice(events.device, events.time, numDevices);
  const { order, start } = readings;
  let endTime = options.endTime ?? -Infinity;
  if (options.endTime === undefined) for (const i of order) endTime = Math.max(endTime, time[i]!);

  // Pass 1: the observation times, as positions in `order`.
  const obsPos = new Int32Array(order.length);
  const obsStart = new Int32Array(numDevices + 1);
  let numObs = 0;
  for (let d = 0; d < numDevices; d++) {
    let next = -Infinity;
    let e = failures.start[d]!;
    let downUntil = -Infinity;
    for (let p = start[d]!; p < start[d + 1]!; p++) {
      const t = time[order[p]!]!;
      if (t < next) continue;
      for (; e < failures.start[d + 1]! && events.time[failures.order[e]!]! <= t; e++) {
        const k = failures.order[e]!;
        const down = events.downtimeHours?.[k] ?? 0;
        if (down > 0) downUntil = Math.max(downUntil, events.time[k]! + down * 3600);
      }
      if (t < downUntil) continue;
      next = t + stride;
      if (t + horizon <= endTime || options.keepIncompleteHorizon) obsPos[numObs++] = p;
    }
    obsStart[d + 1] = numObs;
  }

  // Columns, numeric then categorical.
  const names: string[] = [];
  const numeric: Float64Array[] = [];
  const categorical: Int32Array[] = [];
  const col = (name: string): Float64Array => {
    names.push(name);
    const c = new Float64Array(numObs);
    numeric.push(c);
    return c;
  };
  const statCols = sensorNames.map((s) =>
    windows.map((w) => WINDOW_STATS.map((stat) => col(featureName(s, stat, w)))),
  );
  const countCols = windows.map((w) => col(`readings_${w}h`));
  const sinceFailure = col('hours_since_failure');
  const attrNames = attrs?.names ?? [];
  const attrNumeric = (attrs?.numeric ?? []).map((_, j) => col(attrNames[j] ?? `attr_${j}`));
  const numNumeric = attrs?.numeric.length ?? 0;
  const catCol = (name: string): Int32Array => {
    names.push(name);
    const c = new Int32Array(numObs).fill(-1);
    categorical.push(c);
    return c;
  };
  const lastType = events.type ? catCol('last_failure_type') : undefined;
  const attrCategorical = (attrs?.categorical ?? []).map((_, j) =>
    catCol(attrNames[numNumeric + j] ?? `attr_${numNumeric + j}`),
  );
  const label = new Float64Array(numObs);
  const rowDevice = new Int32Array(numObs);
  const rowTime = new Float64Array(numObs);
  const rul = options.rul ? new Float64Array(numObs) : undefined;

  // Pass 2: per device, features from sorted readings.
  let longest = 0;
  for (let d = 0; d < numDevices; d++) longest = Math.max(longest, start[d + 1]! - start[d]!);
  const obsT = new Float64Array(longest);
  const allT = new Float64Array(longest);
  const series: SensorSeries = {
    t: new Float64Array(longest),
    x: new Float64Array(longest),
    length: 0,
    offset: 0,
  };
  const scratch: Scratch = { minQ: new Int32Array(longest), maxQ: new Int32Array(longest) };
  for (let d = 0; d < numDevices; d++) {
    const at = obsStart[d]!;
    const k = obsStart[d + 1]! - at;
    if (k === 0) continue;
    const p0 = start[d]!;
    const m = start[d + 1]! - p0;
    const origin = time[order[p0]!]!;
    for (let j = 0; j < m; j++) allT[j] = time[order[p0 + j]!]! - origin;
    for (let o = 0; o < k; o++) obsT[o] = allT[obsPos[at + o]! - p0]!;
    windows.forEach((w, wi) => windowCounts(allT, m, obsT, k, w * 3600, countCols[wi]!, at));
    sensors.forEach((values, s) => {
      series.length = 0;
      for (let j = 0; j < m; j++) {
        const v = values[order[p0 + j]!]!;
        if (Number.isNaN(v)) continue;
        if (series.length === 0) series.offset = v;
        series.t[series.length] = allT[j]!;
        series.x[series.length++] = v - series.offset;
      }
      windows.forEach((w, wi) => {
        windowStats(series, obsT, k, w * 3600, statCols[s]![wi]!, at, scratch);
      });
    });
    let e = failures.start[d]!;
    const eEnd = failures.start[d + 1]!;
    for (let o = 0; o < k; o++) {
      const r = at + o;
      const t = obsT[o]! + origin;
      rowDevice[r] = d;
      rowTime[r] = t;
      while (e < eEnd && events.time[failures.order[e]!]! <= t) e++;
      const prev = e > failures.start[d]! ? failures.order[e - 1]! : -1;
      sinceFailure[r] = prev >= 0 ? (t - events.time[prev]!) / 3600 : NaN;
      if (lastType && prev >= 0) lastType[r] = events.type![prev]!;
      const nextT = e < eEnd ? events.time[failures.order[e]!]! : Infinity;
      label[r] = nextT <= t + horizon ? 1 : 0;
      if (rul) rul[r] = nextT === Infinity ? NaN : (nextT - t) / 3600;
    }
    attrNumeric.forEach((c, j) => c.fill(attrs!.numeric[j]![d] ?? NaN, at, at + k));
    attrCategorical.forEach((c, j) => c.fill(attrs!.categorical[j]![d] ?? -1, at, at + k));
  }

  const data: RawData = { numeric, categorical, names };
  const result: Observations = { data, label, device: rowDevice, time: rowTime, names };
  if (rul) result.rul = rul;
  return result;
}
