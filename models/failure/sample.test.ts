// The committed small sample (sample-data/README.md): 50 devices × 60 days hourly, 60 failures
// whose signature builds up over the 24-72 h before them (bearing wear: vibration +3·g).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { daysFromCivil } from '../../core/common/calendar.js';
import { buildObservations } from './windows.js';
import type { FailureEvents, Telemetry } from './windows.js';

const dir = new URL('../../sample-data/small/', import.meta.url);

function rows(file: string): string[][] {
  const text = readFileSync(new URL(file, dir), 'utf8');
  return text
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
}

/** 'YYYY-MM-DD HH:MM:SS' (or a date) as seconds since 1970-01-01. */
function seconds(s: string): number {
  const [y, mo, d, h = 0, mi = 0, se = 0] = s.split(/[- :]/).map(Number) as number[];
  return daysFromCivil(y!, mo!, d!) * 86400 + h * 3600 + mi * 60 + se;
}

const num = (s: string | undefined): number =>
  s === undefined || s === '' || s === 'NA' ? NaN : Number(s);

function codes(values: string[]): { codes: Int32Array; levels: string[] } {
  const levels = [...new Set(values)];
  return { codes: Int32Array.from(values, (v) => levels.indexOf(v)), levels };
}

function load() {
  const devices = rows('devices.csv');
  const id = new Map(devices.map((r, i) => [r[0]!, i]));
  const start = seconds('2025-05-02');
  const attrs = {
    numeric: [Float64Array.from(devices, (r) => (start - seconds(r[2]!)) / (365.25 * 86400))],
    categorical: [codes(devices.map((r) => r[1]!)).codes, codes(devices.map((r) => r[3]!)).codes],
    names: ['age_years', 'model', 'site'],
  };
  const tel = rows('telemetry.csv');
  const sensorNames = ['temperature', 'vibration', 'pressure', 'rpm', 'voltage'];
  const telemetry: Telemetry = {
    device: Int32Array.from(tel, (r) => id.get(r[0]!) ?? -1),
    time: Float64Array.from(tel, (r) => seconds(r[1]!)),
    sensors: sensorNames.map((_, j) => Float64Array.from(tel, (r) => num(r[2 + j]))),
    sensorNames,
  };
  const fail = rows('failures.csv');
  const types = codes(fail.map((r) => r[2]!));
  const events: FailureEvents = {
    device: Int32Array.from(fail, (r) => id.get(r[0]!) ?? -1),
    time: Float64Array.from(fail, (r) => seconds(r[1]!)),
    type: types.codes,
    downtimeHours: Float64Array.from(fail, (r) => num(r[3])),
  };
  return { telemetry, events, attrs, types: types.levels, numReadings: tel.length };
}

function meanWhere(values: Float64Array, label: Float64Array, y: number): number {
  let sum = 0;
  let n = 0;
  values.forEach((v, r) => {
    if (label[r] === y && !Number.isNaN(v)) {
      sum += v;
      n++;
    }
  });
  return sum / n;
}

describe('the small failure sample', () => {
  const { telemetry, events, attrs, numReadings } = load();
  const started = performance.now();
  const obs = buildObservations(telemetry, events, attrs, { rul: true });
  const ms = performance.now() - started;
  const warmStart = performance.now();
  buildObservations(telemetry, events, attrs, { rul: true });
  const warm = performance.now() - warmStart;
  const col = (name: string): Float64Array => obs.data.numeric[obs.names.indexOf(name)]!;

  it('has one row per device every 6 hours', () => {
    console.log(
      `buildObservations: ${numReadings} readings → ${obs.label.length} rows in ${ms.toFixed(0)} ms (again: ${warm.toFixed(0)} ms)`,
    );
    expect(numReadings).toBe(70_833);
    // 5 sensors × 2 windows × 7 statistics, 2 counts, hours since failure, age; 3 categorical.
    expect(obs.data.numeric.length).toBe(74);
    expect(obs.data.categorical.length).toBe(3);
    expect(obs.names.length).toBe(77);
    // About a sixth of the readings, less the last day of each device (its horizon is not over).
    expect(obs.label.length).toBeGreaterThan(numReadings / 6 - 50 * 5);
    expect(obs.label.length).toBeLessThan(numReadings / 6 + 60);
    for (const c of [...obs.data.numeric, ...obs.data.categorical])
      expect(c.length).toBe(obs.label.length);
    expect(new Set(obs.device).size).toBe(50);
  });

  it('labels about four rows before each failure', () => {
    const positives = obs.label.reduce((a, y) => a + y, 0);
    const rate = positives / obs.label.length;
    expect(rate).toBeGreaterThan(0.01);
    expect(rate).toBeLessThan(0.04);
    // Every positive row's RUL is within the horizon, every negative one's beyond it or censored.
    const wrong = obs.label.filter((y, r) => {
      const rul = obs.rul![r]!;
      return y === 1 ? !(rul > 0 && rul <= 24) : rul <= 24;
    });
    expect(wrong.length).toBe(0);
  });

  it('sees the planted build-up: sensors drift before a failure', () => {
    // Bearing wear (31 of 60 failures) adds up to +3 mm/s of vibration over the last 24-72 h.
    const slopePos = meanWhere(col('vibration_slope_24h'), obs.label, 1);
    const slopeNeg = meanWhere(col('vibration_slope_24h'), obs.label, 0);
    expect(slopePos).toBeGreaterThan(0.01);
    expect(slopePos).toBeGreaterThan(5 * Math.abs(slopeNeg));
    // Bearing wear and overheating both raise temperature.
    const tempPos = meanWhere(col('temperature_slope_24h'), obs.label, 1);
    const tempNeg = meanWhere(col('temperature_slope_24h'), obs.label, 0);
    expect(tempPos).toBeGreaterThan(tempNeg);
    // Volatility grows with the signature's noise term.
    expect(meanWhere(col('vibration_std_6h'), obs.label, 1)).toBeGreaterThan(
      meanWhere(col('vibration_std_6h'), obs.label, 0),
    );
  });

  it('skips downtime: no observation starts inside a repair', () => {
    const since = col('hours_since_failure');
    // Downtime is at least 4 h, so no row is closer than that to the failure before it.
    expect(since.filter((h) => h < 4).length).toBe(0);
    expect(since.some((h) => h < 12)).toBe(true);
  });
});
