import { describe, expect, it } from 'vitest';
import { buildObservations } from './windows.js';
import type { FailureEvents, Observations, Telemetry } from './windows.js';

const H = 3600;
const T0 = 1_735_689_600; // 2025-01-01 00:00:00

/** One device with hourly readings at the given hours. */
function series(hours: number[], values: number[], device = 0): Telemetry {
  return {
    device: Int32Array.from(hours, () => device),
    time: Float64Array.from(hours, (h) => T0 + h * H),
    sensors: [Float64Array.from(values)],
    sensorNames: ['v'],
  };
}

const noEvents: FailureEvents = { device: new Int32Array(0), time: new Float64Array(0) };

function column(obs: Observations, name: string): number[] {
  const j = obs.names.indexOf(name);
  expect(j).toBeGreaterThanOrEqual(0);
  return [...obs.data.numeric[j]!];
}

describe('window statistics', () => {
  // Hours 0-6, the reading at hour 2 missing.
  const tel = series([0, 1, 2, 3, 4, 5, 6], [1, 2, NaN, 4, 8, 5, 6]);
  const obs = buildObservations(tel, noEvents, undefined, { keepIncompleteHorizon: true });
  const at = (name: string): number[] => column(obs, name);

  it('observes every stride at reading times', () => {
    expect([...obs.time]).toEqual([T0, T0 + 6 * H]);
    expect([...obs.device]).toEqual([0, 0]);
  });

  it('computes the 6 h window (t − 6 h, t] by hand', () => {
    // Hour 6: readings at hours 1, 3, 4, 5, 6 = 2, 4, 8, 5, 6 (hour 0 is outside, hour 2 missing).
    expect(at('v_mean_6h')[1]).toBeCloseTo(5, 12);
    expect(at('v_std_6h')[1]).toBeCloseTo(Math.sqrt(5), 12); // squared deviations 20, n − 1 = 4
    expect(at('v_min_6h')[1]).toBe(2);
    expect(at('v_max_6h')[1]).toBe(8);
    expect(at('v_slope_6h')[1]).toBeCloseTo(12 / 14.8, 12); // Stx = 12, Stt = 14.8
    expect(at('v_last_6h')[1]).toBe(6);
    expect(at('v_change_6h')[1]).toBe(4);
    expect(at('readings_6h')[1]).toBe(6); // the missing reading still counts as a reading
  });

  it('computes the 24 h window by hand', () => {
    // Hour 6: hours 0, 1, 3, 4, 5, 6 = 1, 2, 4, 8, 5, 6.
    expect(at('v_mean_24h')[1]).toBeCloseTo(26 / 6, 12);
    expect(at('v_std_24h')[1]).toBeCloseTo(Math.sqrt(20 / 3), 12); // (146 − 26²/6) / 5
    expect(at('v_min_24h')[1]).toBe(1);
    expect(at('v_max_24h')[1]).toBe(8);
    expect(at('v_slope_24h')[1]).toBeCloseTo(148 / 161, 12); // (74/3) / (161/6)
    expect(at('v_last_24h')[1]).toBe(6);
    expect(at('v_change_24h')[1]).toBe(5);
    expect(at('readings_24h')[1]).toBe(7);
  });

  it('needs two readings for std, slope and change', () => {
    expect([at('v_mean_6h')[0], at('v_min_6h')[0], at('v_last_6h')[0]]).toEqual([1, 1, 1]);
    expect([at('v_std_6h')[0], at('v_slope_6h')[0], at('v_change_6h')[0]]).toEqual([NaN, NaN, NaN]);
    expect(at('hours_since_failure')).toEqual([NaN, NaN]);
  });

  it('gives the same answer whatever the row order', () => {
    const perm = [4, 0, 6, 2, 1, 5, 3];
    const shuffled: Telemetry = {
      device: Int32Array.from(perm, (i) => tel.device[i]!),
      time: Float64Array.from(perm, (i) => tel.time[i]!),
      sensors: [Float64Array.from(perm, (i) => tel.sensors[0]![i]!)],
      sensorNames: ['v'],
    };
    const again = buildObservations(shuffled, noEvents, undefined, { keepIncompleteHorizon: true });
    expect(again.data).toEqual(obs.data);
  });

  it('adds the device attributes', () => {
    const attrs = {
      numeric: [Float64Array.of(3.5)],
      categorical: [Int32Array.of(2)],
      names: ['age', 'model'],
    };
    const withAttrs = buildObservations(tel, noEvents, attrs, { keepIncompleteHorizon: true });
    expect(column(withAttrs, 'age')).toEqual([3.5, 3.5]);
    const j = withAttrs.names.indexOf('model') - withAttrs.data.numeric.length;
    expect([...withAttrs.data.categorical[j]!]).toEqual([2, 2]);
  });
});

describe('labels and remaining useful life', () => {
  const hours = Array.from({ length: 101 }, (_, h) => h);
  const tel = series(hours, hours);
  // Failures at 30.5 h (down 2 h) and at 84 h (down 5 h), on device 0.
  const events: FailureEvents = {
    device: Int32Array.of(0, 0),
    time: Float64Array.of(T0 + 30.5 * H, T0 + 84 * H),
    type: Int32Array.of(1, 3),
    downtimeHours: Float64Array.of(2, 5),
  };

  it('labels a failure in (t, t + 24 h] and drops rows whose horizon passes the data', () => {
    const obs = buildObservations(tel, events, undefined, { rul: true });
    const t = [...obs.time].map((s) => (s - T0) / H);
    expect(t).toEqual([0, 6, 12, 18, 24, 30, 36, 42, 48, 54, 60, 66, 72]); // 72 + 24 ≤ 100
    expect([...obs.label]).toEqual([0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1]);
    expect([...obs.rul!]).toEqual([30.5, 24.5, 18.5, 12.5, 6.5, 0.5, 48, 42, 36, 30, 24, 18, 12]);
    const since = column(obs, 'hours_since_failure');
    expect(since).toEqual([...Array(6).fill(NaN), 5.5, 11.5, 17.5, 23.5, 29.5, 35.5, 41.5]);
    const j = obs.names.indexOf('last_failure_type') - obs.data.numeric.length;
    expect([...obs.data.categorical[j]!]).toEqual([...Array(6).fill(-1), ...Array(7).fill(1)]);
  });

  it('skips downtime, counts a failure at t as past, and leaves RUL censored after the last', () => {
    const obs = buildObservations(tel, events, undefined, {
      rul: true,
      keepIncompleteHorizon: true,
    });
    const t = [...obs.time].map((s) => (s - T0) / H);
    // 84 is inside [84, 89): the next observation is the first reading after the repair.
    expect(t.slice(-4)).toEqual([72, 78, 89, 95]);
    expect([...obs.label].slice(-4)).toEqual([1, 1, 0, 0]);
    expect([...obs.rul!].slice(-4)).toEqual([12, 6, NaN, NaN]);
    expect(column(obs, 'hours_since_failure').slice(-2)).toEqual([5, 11]);
    const atFailure = buildObservations(
      tel,
      { device: Int32Array.of(0), time: Float64Array.of(T0 + 84 * H) },
      undefined,
      {
        keepIncompleteHorizon: true,
      },
    );
    const r = [...atFailure.time].indexOf(T0 + 84 * H);
    expect(atFailure.label[r]).toBe(0);
    expect(column(atFailure, 'hours_since_failure')[r]).toBe(0);
  });

  it('gives a device without failures label 0 and a censored RUL', () => {
    const obs = buildObservations(series(hours, hours, 1), events, undefined, { rul: true });
    expect(obs.device.every((d) => d === 1)).toBe(true);
    expect(obs.label.every((y) => y === 0)).toBe(true);
    expect(obs.rul!.every(Number.isNaN)).toBe(true);
  });
});

describe('point in time', () => {
  // A small deterministic generator (no test depends on its exact numbers).
  let state = 12345;
  const rand = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };

  function telemetry(): Telemetry & { rows: number } {
    const device: number[] = [];
    const time: number[] = [];
    const a: number[] = [];
    const b: number[] = [];
    for (let d = 0; d < 3; d++) {
      for (let h = 0; h < 300; h++) {
        device.push(d);
        time.push(T0 + h * H + Math.floor(rand() * 600) + d * 7);
        a.push(rand() < 0.05 ? NaN : 50 + 10 * rand());
        b.push(rand() < 0.05 ? NaN : 1000 + rand());
      }
    }
    // Shuffle the rows.
    const idx = device.map((_, i) => i).sort(() => rand() - 0.5);
    return {
      device: Int32Array.from(idx, (i) => device[i]!),
      time: Float64Array.from(idx, (i) => time[i]!),
      sensors: [Float64Array.from(idx, (i) => a[i]!), Float64Array.from(idx, (i) => b[i]!)],
      sensorNames: ['a', 'b'],
      rows: idx.length,
    };
  }

  it('features at t do not change when every reading and event after t changes', () => {
    const tel = telemetry();
    const events: FailureEvents = {
      device: Int32Array.of(0, 1, 2, 1, 0),
      time: Float64Array.of(T0 + 40 * H, T0 + 90 * H, T0 + 150 * H, T0 + 200 * H, T0 + 260 * H),
      type: Int32Array.of(0, 1, 2, 0, 1),
      downtimeHours: Float64Array.of(3, 0, 10, 4, 2),
    };
    const opts = {
      keepIncompleteHorizon: true,
      rul: true,
      windowsHours: [6, 24, 48],
      strideHours: 2,
    };
    const before = buildObservations(tel, events, undefined, opts);
    // The cut is an observation time of device 0, so a failure one second later must not leak.
    const cut = before.time.find((t, r) => before.device[r] === 0 && t > T0 + 170 * H)!;

    // After the cut: new values, a third of the readings gone, other failures.
    const keep = [...tel.time.keys()].filter((i) => tel.time[i]! <= cut || rand() > 0.33);
    const changed: Telemetry = {
      device: Int32Array.from(keep, (i) => tel.device[i]!),
      time: Float64Array.from(keep, (i) => tel.time[i]!),
      sensors: tel.sensors.map((s) =>
        Float64Array.from(keep, (i) => (tel.time[i]! <= cut ? s[i]! : rand() * 1e4 - 5e3)),
      ),
      sensorNames: tel.sensorNames,
    };
    const changedEvents: FailureEvents = {
      device: Int32Array.of(0, 1, 2, 0, 2, 1),
      time: Float64Array.of(T0 + 40 * H, T0 + 90 * H, T0 + 150 * H, cut + 1, cut + 5 * H, cut + 9),
      type: Int32Array.of(0, 1, 2, 3, 3, 3),
      downtimeHours: Float64Array.of(3, 0, 10, 40, 1, 2),
    };
    const after = buildObservations(changed, changedEvents, undefined, opts);

    const upToCut = (o: Observations): number[] =>
      [...o.time.keys()].filter((r) => o.time[r]! <= cut);
    const rowsBefore = upToCut(before);
    const rowsAfter = upToCut(after);
    expect(rowsBefore.length).toBeGreaterThan(150);
    const pick = (o: Observations, rows: number[]) => ({
      device: rows.map((r) => o.device[r]),
      time: rows.map((r) => o.time[r]),
      numeric: o.data.numeric.map((c) => rows.map((r) => c[r])),
      categorical: o.data.categorical.map((c) => rows.map((r) => c[r])),
    });
    expect(pick(after, rowsAfter)).toEqual(pick(before, rowsBefore));
    // The labels near the cut do look ahead, so they are allowed to (and here do) change.
    expect(rowsAfter.map((r) => after.label[r])).not.toEqual(
      rowsBefore.map((r) => before.label[r]),
    );
  });
});
