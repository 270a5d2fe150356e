// Explanations by sensor: a failure model has dozens of features per sensor (each statistic of
// each window), so per-feature TreeSHAP values are summed per sensor before they are shown.
import { WINDOW_STATS } from './window-stats.js';
import type { WindowStat } from './window-stats.js';

export interface FeatureInfo {
  sensor: string;
  stat: WindowStat;
  windowHours: number;
}

const PATTERN = new RegExp(`^(.+)_(${WINDOW_STATS.join('|')})_(\\d+(?:\\.\\d+)?)h$`);

/** The sensor, statistic and window of a feature named by buildObservations, or undefined. */
export function featureInfo(featureName: string): FeatureInfo | undefined {
  const m = PATTERN.exec(featureName);
  if (!m) return undefined;
  return { sensor: m[1]!, stat: m[2] as WindowStat, windowHours: Number(m[3]) };
}

/** The sensor a feature is computed from; undefined for readings counts, time since failure, attributes. */
export function sensorOf(featureName: string): string | undefined {
  return featureInfo(featureName)?.sensor;
}

export interface Trend {
  direction: 'rising' | 'falling' | 'flat';
  windowHours: number;
}

export interface SensorContribution {
  sensor: string;
  /** Sum of the contributions of all the sensor's features (raw-margin units, e.g. log-odds). */
  contribution: number;
  /** Direction of the sensor over its longest window, when the row's values were given. */
  trend?: Trend;
}

/**
 * Sums one row's TreeSHAP contributions (one per feature in `names`; a trailing bias slot is
 * ignored) per sensor and returns the k sensors with the largest sum, largest first: the
 * sensors that pushed the risk up most. Features not tied to a sensor are left out. With the
 * row's feature `values`, each sensor also gets the sign of its slope over its longest window.
 */
export function topSensors(
  names: string[],
  contributions: ArrayLike<number>,
  k: number,
  values?: ArrayLike<number>,
): SensorContribution[] {
  if (contributions.length < names.length) {
    throw new RangeError(`${contributions.length} contributions for ${names.length} features`);
  }
  const bySensor = new Map<string, SensorContribution>();
  const slopeWindow = new Map<string, number>();
  names.forEach((name, j) => {
    const info = featureInfo(name);
    if (!info) return;
    const entry = bySensor.get(info.sensor) ?? { sensor: info.sensor, contribution: 0 };
    entry.contribution += contributions[j]!;
    bySensor.set(info.sensor, entry);
    const v = values?.[j];
    const longer = info.windowHours > (slopeWindow.get(info.sensor) ?? -Infinity);
    if (info.stat === 'slope' && v !== undefined && !Number.isNaN(v) && longer) {
      slopeWindow.set(info.sensor, info.windowHours);
      const direction = v > 0 ? 'rising' : v < 0 ? 'falling' : 'flat';
      entry.trend = { direction, windowHours: info.windowHours };
    }
  });
  return [...bySensor.values()]
    .sort((a, b) => b.contribution - a.contribution || a.sensor.localeCompare(b.sensor))
    .slice(0, Math.max(0, k));
}

/** One line for a sensor, e.g. "vibration (rising over 24 h): +0.31". */
export function describeSensor(sensor: string, contribution: number, trend?: Trend): string {
  const sign = contribution >= 0 ? '+' : '-';
  const amount = `${sign}${Math.abs(contribution).toFixed(2)}`;
  return trend
    ? `${sensor} (${trend.direction} over ${trend.windowHours} h): ${amount}`
    : `${sensor}: ${amount}`;
}
