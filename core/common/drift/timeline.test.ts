import { describe, expect, it } from 'vitest';
import { daysFromCivil } from '../calendar.js';
import type { RawData } from '../raw-data.js';
import { buildReference } from './reference.js';
import { LEVELS, synthetic } from './synthetic.fixture.js';
import { timelineReport, windowStart } from './timeline.js';

const MONDAY = daysFromCivil(2024, 1, 1); // a Monday
const PER_DAY = 200;
const DAYS = 70;

/** Ten weeks of data from 2024-01-01; the last `driftWeeks` weeks shifted. */
function tenWeeks(driftWeeks: number): {
  data: RawData;
  time: Float64Array;
  predictions: Float64Array;
  labels: Float64Array;
} {
  const calm = synthetic(PER_DAY * DAYS, 11);
  const moved = synthetic(PER_DAY * DAYS, 12, {
    mean: 1,
    scale: 2,
    mix: [0.1, 0.1, 0.1, 0.1, 0.6],
  });
  const rows = PER_DAY * DAYS;
  const time = new Float64Array(rows);
  const labels = new Float64Array(rows);
  const from = (10 - driftWeeks) * 7 * PER_DAY;
  const pick = (i: number) => (i >= from ? moved : calm);
  const data: RawData = {
    numeric: calm.numeric.map((_, j) =>
      Float64Array.from({ length: rows }, (_, i) => pick(i).numeric[j]![i]!),
    ),
    categorical: calm.categorical.map((_, j) =>
      Int32Array.from({ length: rows }, (_, i) => pick(i).categorical[j]![i]!),
    ),
  };
  const predictions = Float64Array.from({ length: rows }, (_, i) => pick(i).predictions[i]!);
  for (let i = 0; i < rows; i++) {
    time[i] = MONDAY + Math.floor(i / PER_DAY) + 0.5;
    // Labels track the prediction before the drift and stop doing so after it.
    labels[i] = i >= from ? 1 - predictions[i]! : predictions[i]!;
  }
  return { data, time, predictions, labels };
}

const ref = synthetic(20_000, 10);
const profile = buildReference(ref, {
  predictions: ref.predictions,
  categoryLevels: LEVELS,
  seed: 1,
  baselineMetrics: { mae: 0.02 },
});
const mae = {
  name: 'mae',
  biggerIsBetter: false,
  fn: (y: Float64Array, p: Float64Array) => {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += Math.abs(y[i]! - p[i]!);
    return s / y.length;
  },
};

describe('windowStart', () => {
  it('starts weeks on Monday and months on the 1st', () => {
    expect(windowStart(0, 'week')).toBe(-3); // 1970-01-01 was a Thursday
    expect(windowStart(MONDAY + 6, 'week')).toBe(MONDAY);
    expect(windowStart(MONDAY + 7, 'week')).toBe(MONDAY + 7);
    expect(windowStart(daysFromCivil(2024, 2, 29), 'month')).toBe(daysFromCivil(2024, 2, 1));
    expect(windowStart(-1, 'day')).toBe(-1);
  });
});

describe('timelineReport', () => {
  it('reports each week and recommends retraining after two drifting weeks', () => {
    const { data, time, predictions } = tenWeeks(2);
    const t = timelineReport(profile, data, time, 'week', {
      categoryLevels: LEVELS,
      predictions,
      thresholds: { datasetShare: 0.25 },
    });
    expect(t.windows.map((w) => w.label)).toEqual(
      Array.from({ length: 10 }, (_, k) => {
        const d = new Date((MONDAY + 7 * k) * 86_400_000);
        return d.toISOString().slice(0, 10);
      }),
    );
    expect(t.windows.every((w) => w.rows === 7 * PER_DAY)).toBe(true);
    expect(t.windows.map((w) => w.report.dataset.drift)).toEqual([
      ...Array(8).fill(false),
      true,
      true,
    ]);
    expect(t.retrain).toBe(true);
    expect(t.reasons[0]).toMatch(/data-set drift in the last 2 windows/);
  });

  it('does not recommend retraining for one drifting week', () => {
    const { data, time } = tenWeeks(1);
    const t = timelineReport(profile, data, time, 'week', {
      categoryLevels: LEVELS,
      thresholds: { datasetShare: 0.25 },
    });
    expect(t.windows[9]!.report.dataset.drift).toBe(true);
    expect(t.retrain).toBe(false);
  });

  it('compares the metric per window with the baseline', () => {
    const { data, time, predictions, labels } = tenWeeks(1);
    const t = timelineReport(profile, data, time, 'month', {
      categoryLevels: LEVELS,
      predictions,
      labels,
      metric: mae,
    });
    expect(t.windows.map((w) => w.label)).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(t.baseline).toBe(0.02);
    expect(t.windows[0]!.metric).toBe(0);
    expect(t.windows[0]!.metricChange).toBeCloseTo(0.02, 12);
    expect(t.windows[2]!.metricChange!).toBeLessThan(-0.05);
    expect(t.retrain).toBe(true);
    expect(t.reasons[0]).toMatch(/^mae in 2024-03/);
  });
});
