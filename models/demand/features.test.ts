import { describe, expect, it } from 'vitest';
import { daysFromCivil } from '../../core/common/calendar.js';
import { regularizePanel } from '../../core/common/forecast/index.js';
import { Rng } from '../../core/common/random.js';
import {
  buildRows,
  featureNames,
  featureSpec,
  numericFeatures,
  scaleAt,
  type SeriesView,
} from './features.js';
import { syntheticPanel } from './synthetic.fixture.js';

const { rows, holidays, categories } = syntheticPanel(2, 120, 5);
const panel = regularizePanel(rows, { categories });
const spec = featureSpec('daily', 7, { hasPrice: true, hasPromotion: true }, { holidays });
const view = (i: number): SeriesView => {
  const s = panel.series[i]!;
  return {
    itemCode: i,
    category: s.category,
    start: s.days[0]!,
    y: Array.from(s.y),
    price: s.price!,
    promotion: s.promotion!,
  };
};

describe('demand features', () => {
  it('never read the target of their own period or later', () => {
    const rng = new Rng(1);
    const names = featureNames(spec).numeric;
    const a = new Float64Array(names.length);
    const b = new Float64Array(names.length);
    for (const t of [0, 1, 6, 7, 28, 29, 60, 119]) {
      const base = view(0);
      numericFeatures(spec, base, t, a);
      const changed = { ...base, y: Array.from(base.y) };
      for (let k = t; k < changed.y.length; k++) changed.y[k] = rng.int(1000);
      // Shorter histories too: the features of t must not need y[t] to exist.
      const cut = { ...base, y: Array.from(base.y).slice(0, t) };
      numericFeatures(spec, changed, t, b);
      expect(Array.from(b)).toEqual(Array.from(a));
      numericFeatures(spec, cut, t, b);
      expect(Array.from(b)).toEqual(Array.from(a));
      const rowsA = buildRows(spec, [base], [[0, t]]);
      const rowsB = buildRows(spec, [changed], [[0, t]]);
      expect(rowsB).toEqual(rowsA);
    }
  });

  it('computes scaled lags, windows, calendar, holidays, price and promotion', () => {
    const s = view(1);
    const names = featureNames(spec).numeric;
    const out = new Float64Array(names.length);
    const t = 40;
    numericFeatures(spec, s, t, out);
    const f = (name: string): number => out[names.indexOf(name)]!;
    const y = s.y;
    const scale = scaleAt(spec, y, t);
    let mean28 = 0;
    for (let k = t - 28; k < t; k++) mean28 += y[k]! / 28;
    expect(scale).toBeCloseTo(mean28);
    expect(f('lag_1')).toBeCloseTo(y[t - 1]! / scale);
    expect(f('lag_28')).toBeCloseTo(y[t - 28]! / scale);
    expect(f('mean_28')).toBeCloseTo(1);
    expect(f('max_7')).toBeCloseTo(Math.max(...Array.from(y).slice(t - 7, t)) / scale);
    expect(f('log_scale')).toBeCloseTo(Math.log1p(scale));
    // Period 0 is Monday 2 January 2023; period 40 is Saturday 11 February.
    expect(f('day_of_week')).toBe(5);
    expect(f('day_of_month')).toBe(11);
    expect(f('month')).toBe(2);
    expect(f('promotion')).toBe(s.promotion![t]);
    expect(f('price')).toBe(s.price![t]);
    expect(lagsBefore(spec.lags)).toBe(true);
  });

  it('flags holidays on, before and after the day (daily) or counts them (monthly)', () => {
    const s = view(0);
    const names = featureNames(spec).numeric;
    const out = new Float64Array(names.length);
    const easter = daysFromCivil(2023, 4, 7) - s.start;
    numericFeatures(spec, s, easter, out);
    expect(out[names.indexOf('holiday')]).toBe(1);
    numericFeatures(spec, s, easter - 1, out);
    expect(out[names.indexOf('holiday_before')]).toBe(1);
    expect(out[names.indexOf('holiday')]).toBe(0);
    numericFeatures(spec, s, easter + 1, out);
    expect(out[names.indexOf('holiday_after')]).toBe(1);

    const monthly = featureSpec(
      'monthly',
      12,
      { hasPrice: false, hasPromotion: false },
      {
        holidays: [
          daysFromCivil(2023, 12, 25),
          daysFromCivil(2023, 12, 26),
          daysFromCivil(2024, 1, 1),
        ],
      },
    );
    const mNames = featureNames(monthly).numeric;
    expect(mNames).toContain('lag_12');
    expect(mNames).not.toContain('price');
    const m = new Float64Array(mNames.length);
    const ms: SeriesView = {
      itemCode: 0,
      category: -1,
      start: daysFromCivil(2023, 1, 1),
      y: new Array(24).fill(5),
    };
    numericFeatures(monthly, ms, 11, m);
    expect(m[mNames.indexOf('holidays_in_period')]).toBe(2);
    expect(m[mNames.indexOf('month')]).toBe(12);
    expect(m[mNames.indexOf('lag_12')]).toBeNaN();
    expect(m[mNames.indexOf('lag_11')]).toBe(1);
  });
});

function lagsBefore(lags: number[]): boolean {
  return lags.every((k) => k >= 1);
}
