import { describe, expect, it } from 'vitest';
import { Rng } from '../../core/common/random.js';
import { FEATURE_NAMES, buildScoringRows, buildSnapshots } from './index.js';
import type { CustomerAttributes, TransactionLog } from './index.js';

function log(rows: [customer: number, time: number, amount: number][]): TransactionLog {
  return {
    customer: Int32Array.from(rows, (r) => r[0]),
    time: Float64Array.from(rows, (r) => r[1]),
    amount: Float64Array.from(rows, (r) => r[2]),
  };
}

/** Feature values of one row, by name. */
function rowOf(data: { numeric: Float64Array[]; names?: string[] }, r: number) {
  return Object.fromEntries(data.numeric.map((col, j) => [data.names![j]!, col[r]!]));
}

// Customer 0: steady buyer with a NaN amount and a refund; 1: silent since day 500; 2: one
// purchase the day before the cutoff; 3: first purchase after the cutoff. Deliberately unsorted.
const tiny = log([
  [0, 980, 40],
  [0, 700, 50],
  [1, 500, 100],
  [0, 850, 20],
  [0, 900.5, 30],
  [0, 950, NaN],
  [0, 985, -40],
  [2, 999, 25],
  [0, 1010, 10],
  [3, 1005, 60],
]);
const attrs: CustomerAttributes = {
  numeric: [Float64Array.from([30, 40, 50, NaN])],
  categorical: [Int32Array.from([1, 0, 2, -1])],
  names: ['age', 'plan'],
  signupDay: Float64Array.from([600, NaN, 999, 1000]),
};

describe('buildSnapshots on a tiny log', () => {
  const churn = buildSnapshots(tiny, attrs, {
    cutoffs: [900, 1000],
    label: 'churn',
    logEnd: 1100,
  });

  it('keeps customers active at each cutoff, ordered by cutoff then customer', () => {
    expect([...churn.cutoff]).toEqual([900, 1000, 1000]);
    expect([...churn.customer]).toEqual([0, 0, 2]);
    expect(churn.names).toEqual([...FEATURE_NAMES, 'age', 'plan']);
    expect(churn.data.numeric).toHaveLength(FEATURE_NAMES.length + 1);
    expect([...churn.data.categorical[0]!]).toEqual([1, 1, 2]);
  });

  it('computes hand-checked features from records before the cutoff only', () => {
    const gaps = [50.5, 49.5, 30];
    const mean = 130 / 3;
    const std = Math.sqrt(gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / 3);
    const f = rowOf(churn.data, 1);
    const expected: Record<string, number> = {
      recency_days: 20,
      frequency: 4,
      monetary_total: 50,
      monetary_mean: 12.5,
      frequency_30d: 1,
      frequency_90d: 2,
      monetary_90d: 0,
      spend_trend: -1,
      gap_mean: mean,
      gap_std: std,
      overdue_ratio: 20 / mean,
      tenure_days: 400,
      lifetime_purchases: 5,
      lifetime_spend: 100,
      age: 30,
    };
    for (const [name, v] of Object.entries(expected)) expect(f[name], name).toBeCloseTo(v, 10);

    const g = rowOf(churn.data, 2);
    expect(g).toMatchObject({
      recency_days: 1,
      frequency: 1,
      monetary_total: 25,
      monetary_mean: 25,
      frequency_30d: 1,
      monetary_90d: 25,
      spend_trend: 1,
      gap_mean: NaN,
      gap_std: NaN,
      overdue_ratio: NaN,
      tenure_days: 1,
      lifetime_purchases: 1,
      lifetime_spend: 25,
      age: 50,
    });

    const early = rowOf(churn.data, 0);
    // At 900 the window is [720, 900): only day 850 is in it; day 700 counts for lifetime only.
    expect(early).toMatchObject({
      recency_days: 50,
      frequency: 1,
      monetary_90d: 20,
      spend_trend: 1,
      gap_mean: NaN,
      tenure_days: 300,
      lifetime_purchases: 2,
      lifetime_spend: 70,
    });
  });

  it('uses the first purchase for tenure when there is no (or a later) signup day', () => {
    const noSignup = buildSnapshots(tiny, undefined, {
      cutoffs: [1000],
      label: 'churn',
      logEnd: 1100,
    });
    expect(rowOf(noSignup.data, 0).tenure_days).toBe(300);
    expect(noSignup.names).toEqual([...FEATURE_NAMES]);
  });

  it('labels churn and spend from the prediction window', () => {
    expect([...churn.label]).toEqual([0, 0, 1]);
    const spend = buildSnapshots(tiny, attrs, {
      cutoffs: [900, 1000],
      label: 'spend',
      logEnd: 1100,
    });
    expect([...spend.label]).toEqual([30, 10, 0]);
    const short = buildSnapshots(tiny, attrs, {
      cutoffs: [900],
      label: 'spend',
      predictionDays: 50,
      logEnd: 1100,
    });
    // [900, 950): 900.5 only (the NaN purchase on day 950 is outside and would add 0 anyway).
    expect([...short.label]).toEqual([30]);
  });

  it('refuses a prediction window the log does not cover, and bad input', () => {
    expect(() => buildSnapshots(tiny, attrs, { cutoffs: [1000], label: 'churn' })).toThrow(
      /after the log/,
    );
    expect(() => buildSnapshots(log([[5, 1, 1]]), attrs, { cutoffs: [], label: 'churn' })).toThrow(
      /attributes cover 4 customers/,
    );
    expect(() =>
      buildSnapshots(log([[-1, 1, 1]]), undefined, { cutoffs: [], label: 'churn' }),
    ).toThrow();
  });

  it('scores every customer who has purchased, silent ones included', () => {
    const s = buildScoringRows(tiny, attrs, { asOf: 1000 });
    expect([...s.customer]).toEqual([0, 1, 2]);
    expect(rowOf(s.data, 1)).toMatchObject({ recency_days: 500, frequency: 0, monetary_mean: NaN });
    const s0 = rowOf(s.data, 0);
    const t0 = rowOf(churn.data, 1);
    expect(s0).toEqual(t0);
  });
});

/** A random log over days 0 … 400 for 40 customers, with refunds, NaN amounts and datetimes. */
function randomLog(rng: Rng): [number, number, number][] {
  const rows: [number, number, number][] = [];
  for (let c = 0; c < 40; c++) {
    const start = rng.uniform(0, 300);
    const stop = rng.uniform(start, 420);
    for (let t = start; t < stop; t += rng.exponential(1 / 12)) {
      const a = rng.bernoulli(0.05)
        ? NaN
        : rng.bernoulli(0.05)
          ? -20
          : Math.round(rng.uniform(1, 99));
      rows.push([c, Math.round(t * 24) / 24, a]);
    }
  }
  return rows;
}

describe('point-in-time correctness', () => {
  const rng = new Rng(7);
  const base = randomLog(rng);
  const signupDay = Float64Array.from({ length: 40 }, () => rng.uniform(-100, 200));
  const a: CustomerAttributes = {
    numeric: [Float64Array.from({ length: 40 }, (_, c) => c)],
    categorical: [],
    names: ['id'],
    signupDay,
  };
  const cutoffs = [120, 150.5, 200, 270, 300];

  it.each(cutoffs)('features at cutoff %s ignore every record at or after it', (cut) => {
    const opts = { cutoffs: [cut], label: 'churn' as const, logEnd: 500 };
    const before = buildSnapshots(log(base), a, opts);
    // Change amounts, drop some and add others at or after the cutoff, then shuffle the log.
    const changed: [number, number, number][] = [];
    for (const r of base) {
      if (r[1] < cut) changed.push(r);
      else if (!rng.bernoulli(0.3))
        changed.push([r[0], r[1], rng.bernoulli(0.5) ? -r[2] : r[2] * 3]);
    }
    for (let i = 0; i < 200; i++) changed.push([rng.int(40), cut + rng.uniform(0, 150), 10]);
    changed.push([3, cut, 1000]);
    rng.shuffle(changed);
    const after = buildSnapshots(log(changed), a, opts);
    expect(before.customer.length).toBeGreaterThan(5);
    expect(after.customer).toEqual(before.customer);
    expect(after.cutoff).toEqual(before.cutoff);
    expect(after.data).toEqual(before.data);
    const scoreBefore = buildScoringRows(log(base), a, { asOf: cut });
    const scoreAfter = buildScoringRows(log(changed), a, { asOf: cut });
    expect(scoreAfter).toEqual(scoreBefore);
  });

  it('gives the same rows whether built at several cutoffs at once or one at a time', () => {
    const all = buildSnapshots(log(base), a, { cutoffs, label: 'spend', logEnd: 500 });
    const one = buildSnapshots(log(base), a, { cutoffs: [200], label: 'spend', logEnd: 500 });
    const rows = [...all.cutoff.keys()].filter((r) => all.cutoff[r] === 200);
    expect(rows.map((r) => all.customer[r])).toEqual([...one.customer]);
    expect(rows.map((r) => all.label[r])).toEqual([...one.label]);
    expect(rows.map((r) => all.data.numeric[7]![r])).toEqual([...one.data.numeric[7]!]);
  });
});
