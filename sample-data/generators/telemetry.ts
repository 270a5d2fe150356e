// devices.csv, telemetry.csv (hourly sensor readings) and failures.csv. Each failure type has
// its own sensor signature that builds up over the 24-72 h before it; after a failure the
// device is down for some hours (no rows) and comes back repaired. README.md has the numbers.
import type { Rng } from '../../core/common/random.js';
import { dayNumber, dayOfYear, isoDate, isoDateTime, weekday } from '../calendar.js';
import { fixed, id, withCsv } from '../csv.js';
import type { WrittenFile } from '../csv.js';
import { clamp, throttle } from '../dataset.js';
import type { Dataset, GeneratorContext } from '../dataset.js';

export const TELEMETRY_SIZES = {
  small: { devices: 50, days: 60 },
  large: { devices: 300, days: 365 },
} as const;
/** Last day of readings (its 23:00 reading is the last); the first depends on the scale. */
export const TELEMETRY_END = dayNumber(2025, 6, 30);
const EARLIEST_INSTALL = dayNumber(2018, 1, 1);

export const MODELS = ['PX-100', 'PX-200', 'TX-9'] as const;
const MODEL_WEIGHT = [0.4, 0.35, 0.25];
/** Baselines by model: temperature °C, vibration mm/s RMS, pressure bar, rpm. */
const BASE_TEMP = [62, 66, 71];
const BASE_VIB = [2.2, 2.6, 3.1];
const BASE_PRESSURE = [6.0, 7.5, 5.0];
const BASE_RPM = [1480, 1780, 2960];
const MODEL_HAZARD = [1.0, 0.8, 1.3];

export const SITES = ['Dayton', 'Tulsa', 'Fresno', 'Macon'] as const;
const SITE_AMBIENT = [0, 2, 4, -1];
const SITE_VOLTAGE = [0, -2, 1, 0];

export const FAILURE_TYPES = ['bearing_wear', 'overheating', 'seal_leak', 'electrical'] as const;
/** Probability of each failure type, by model. */
const FAILURE_MIX = [
  [0.5, 0.2, 0.2, 0.1],
  [0.3, 0.25, 0.3, 0.15],
  [0.35, 0.3, 0.1, 0.25],
];
/** Mean time between failures of a 3-year-old PX-100, in hours. */
const MTBF_HOURS = 60 * 24;
const LEAD_MIN_HOURS = 24;
const LEAD_MAX_HOURS = 72;
const DOWNTIME_MIN_HOURS = 4;
const DOWNTIME_MAX_HOURS = 36;
/** Distractor: short vibration spikes that are not followed by a failure. */
const P_SPIKE_PER_HOUR = 1 / (15 * 24);
const P_EMPTY_READING = 0.003;
const P_NA_READING = 0.001;
const AR = 0.7;

interface Device {
  rng: Rng;
  model: number;
  site: number;
  install: number;
  dTemp: number;
  vibScale: number;
  dPressure: number;
  dRpm: number;
}

interface Failure {
  device: number;
  /** Hours since the first reading (fractional). */
  at: number;
  type: number;
  lead: number;
  severity: number;
  downtime: number;
}

function drawDevice(rng: Rng, firstDay: number): Device {
  return {
    rng,
    model: rng.weighted(MODEL_WEIGHT),
    site: rng.int(SITES.length),
    install: rng.intBetween(EARLIEST_INSTALL, firstDay - 30),
    dTemp: rng.normal(0, 1.5),
    vibScale: Math.exp(rng.normal(0, 0.1)),
    dPressure: rng.normal(0, 0.15),
    dRpm: rng.normal(0, 10),
  };
}

/**
 * Failure times: after each (re)start the time to failure is exponential with hourly hazard
 * MODEL_HAZARD · exp(0.15·(age in years − 3)) / MTBF_HOURS, age taken at the restart. Failures
 * up to LEAD_MAX_HOURS past the end are kept so their build-up shows in the last readings.
 */
function drawFailures(d: Device, index: number, firstDay: number, hours: number): Failure[] {
  const rng = d.rng;
  const out: Failure[] = [];
  let t = 0;
  for (;;) {
    const ageYears = (firstDay + t / 24 - d.install) / 365.25;
    const hazard =
      ((MODEL_HAZARD[d.model] as number) * Math.exp(0.15 * (ageYears - 3))) / MTBF_HOURS;
    const at = t + rng.exponential(hazard);
    if (at >= hours + LEAD_MAX_HOURS) return out;
    const f: Failure = {
      device: index,
      at,
      type: rng.weighted(FAILURE_MIX[d.model] as number[]),
      lead: rng.uniform(LEAD_MIN_HOURS, LEAD_MAX_HOURS),
      severity: Math.exp(rng.normal(0, 0.2)),
      downtime: rng.uniform(DOWNTIME_MIN_HOURS, DOWNTIME_MAX_HOURS),
    };
    out.push(f);
    t = at + f.downtime;
  }
}

/** Operating load: day shift on weekdays, lighter nights and weekends. */
function load(day: number, hour: number): number {
  const dayShift = hour >= 6 && hour < 22;
  return weekday(day) >= 5 ? (dayShift ? 0.6 : 0.5) : dayShift ? 1.0 : 0.7;
}

/** One reading field, occasionally missing (empty or NA) as a real historian export has. */
function field(rng: Rng, value: string): string {
  const u = rng.next();
  return u < P_EMPTY_READING ? '' : u < P_EMPTY_READING + P_NA_READING ? 'NA' : value;
}

async function writeDevice(
  w: { row(line: string): Promise<void> },
  d: Device,
  deviceId: string,
  failures: readonly Failure[],
  firstDay: number,
  hours: number,
  stamps: readonly string[],
): Promise<void> {
  const rng = d.rng;
  let arT = 0;
  let arV = 0;
  let arP = 0;
  let arR = 0;
  let arU = 0;
  let spikeLeft = 0;
  let spikeSize = 0;
  let next = 0; // index of the first failure not yet passed
  for (let h = 0; h < hours; h++) {
    while (
      next < failures.length &&
      (failures[next] as Failure).at + (failures[next] as Failure).downtime <= h
    )
      next++;
    const f = failures[next];
    const day = firstDay + Math.floor(h / 24);
    const hour = h % 24;
    // The AR noise runs on through downtime, so a device's draws do not depend on its gaps.
    arT = AR * arT + rng.normal(0, 0.4);
    arV = AR * arV + rng.normal(0, 0.08);
    arP = AR * arP + rng.normal(0, 0.04);
    arR = AR * arR + rng.normal(0, 5);
    arU = AR * arU + rng.normal(0, 0.8);
    if (spikeLeft === 0 && rng.bernoulli(P_SPIKE_PER_HOUR)) {
      spikeLeft = rng.intBetween(1, 3);
      spikeSize = rng.uniform(1.05, 1.95);
    }
    const spike = spikeLeft > 0 ? spikeSize : 0;
    if (spikeLeft > 0) spikeLeft--;
    if (f !== undefined && h >= f.at) continue; // down for repair: no reading
    const ld = load(day, hour);
    const ageYears = (day - d.install) / 365.25;
    const ambient =
      (SITE_AMBIENT[d.site] as number) +
      2.5 * Math.cos((2 * Math.PI * (hour - 15)) / 24) +
      6 * Math.cos((2 * Math.PI * (dayOfYear(day) - 200)) / 365.25);
    let temp = (BASE_TEMP[d.model] as number) + d.dTemp + 0.3 * ambient + 6 * (ld - 0.8) + arT;
    let vib =
      (BASE_VIB[d.model] as number) * d.vibScale * (0.85 + 0.15 * ld) * (1 + 0.05 * ageYears) +
      arV +
      spike;
    let pressure = (BASE_PRESSURE[d.model] as number) + d.dPressure + 0.3 * (ld - 0.8) + arP;
    let rpm = (BASE_RPM[d.model] as number) * (0.97 + 0.03 * ld) + d.dRpm + arR;
    let voltage = 230 + (SITE_VOLTAGE[d.site] as number) + arU;
    if (f !== undefined) {
      // Build-up before the failure: u runs 0 → 1 over the lead time, the signature as u^1.5.
      const u = clamp((h - (f.at - f.lead)) / f.lead, 0, 1);
      const g = u * Math.sqrt(u) * f.severity;
      if (g > 0) {
        switch (f.type) {
          case 0: // bearing_wear
            vib += 3.0 * g + rng.normal(0, 0.3 * g);
            temp += 5 * g;
            break;
          case 1: // overheating
            temp += 15 * g;
            rpm *= 1 - 0.03 * g;
            vib += 0.4 * g;
            break;
          case 2: // seal_leak
            pressure += -1.0 * g + rng.normal(0, 0.25 * g);
            break;
          default: // electrical
            voltage += -10 * g + rng.normal(0, 5 * g);
            rpm += rng.normal(0, 15 * g);
        }
      }
    }
    await w.row(
      `${deviceId},${stamps[h]},${field(rng, fixed(temp, 1))},${field(rng, fixed(vib, 3))},${field(rng, fixed(pressure, 2))},${field(rng, fixed(rpm, 0))},${field(rng, fixed(voltage, 1))}`,
    );
  }
}

async function generate(ctx: GeneratorContext): Promise<WrittenFile[]> {
  const size = TELEMETRY_SIZES[ctx.scale];
  const firstDay = TELEMETRY_END - size.days + 1;
  const hours = size.days * 24;
  const devices = Array.from({ length: size.devices }, (_, i) =>
    drawDevice(ctx.rng.fork(`device-${i + 1}`), firstDay),
  );
  const failures = devices.map((d, i) => drawFailures(d, i, firstDay, hours));
  const stamps = Array.from({ length: hours }, (_, h) =>
    isoDateTime(firstDay + Math.floor(h / 24), (h % 24) * 3600),
  );

  const devicesFile = await withCsv(
    ctx.outDir,
    'devices.csv',
    ['device_id', 'model', 'install_date', 'site'],
    async (w) => {
      for (let i = 0; i < devices.length; i++) {
        const d = devices[i] as Device;
        await w.row(
          `${id('D', i + 1, 4)},${MODELS[d.model]},${isoDate(d.install)},${SITES[d.site]}`,
        );
      }
    },
  );

  const tick = throttle((done, total) => ctx.progress('telemetry', done, total), devices.length);
  const telemetryFile = await withCsv(
    ctx.outDir,
    'telemetry.csv',
    ['device_id', 'timestamp', 'temperature', 'vibration', 'pressure', 'rpm', 'voltage'],
    async (w) => {
      for (let i = 0; i < devices.length; i++) {
        await writeDevice(
          w,
          devices[i] as Device,
          id('D', i + 1, 4),
          failures[i] as Failure[],
          firstDay,
          hours,
          stamps,
        );
        tick(i + 1);
      }
    },
  );

  const observed = failures
    .flat()
    .filter((f) => f.at < hours)
    .sort((a, b) => a.at - b.at || a.device - b.device);
  const failuresFile = await withCsv(
    ctx.outDir,
    'failures.csv',
    ['device_id', 'timestamp', 'failure_type', 'downtime_hours'],
    async (w) => {
      for (const f of observed) {
        const seconds = Math.floor(f.at * 3600);
        const stamp = isoDateTime(firstDay + Math.floor(seconds / 86400), seconds % 86400);
        await w.row(
          `${id('D', f.device + 1, 4)},${stamp},${FAILURE_TYPES[f.type]},${fixed(f.downtime, 1)}`,
        );
      }
    },
  );
  return [devicesFile, telemetryFile, failuresFile];
}

export const telemetryDataset: Dataset = { name: 'telemetry', generate };
