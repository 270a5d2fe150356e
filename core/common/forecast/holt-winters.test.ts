import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import { fitHoltWinters, forecastHoltWinters, holtWintersMean } from './holt-winters.js';
import { forecastSeasonalNaive, seasonalNaive } from './seasonal-naive.js';

const pattern = [10, 14, 20, 16, 12, 8];

describe('seasonal naive', () => {
  it('repeats the last season and widens its interval every season', () => {
    const y = [1, 2, 3, 4, 5, 6, 7];
    expect(Array.from(seasonalNaive(y, 3, 5))).toEqual([5, 6, 7, 5, 6]);
    const f = forecastSeasonalNaive(y, 3, 7);
    const w = (h: number): number => f.upper[h]! - f.lower[h]!;
    expect(w(0)).toBeCloseTo(w(2));
    expect(w(3) / w(0)).toBeCloseTo(Math.SQRT2);
    expect(w(6) / w(0)).toBeCloseTo(Math.sqrt(3));
  });
});

describe('Holt-Winters', () => {
  it('recovers a pure additive seasonal series with a linear trend', () => {
    const y = Array.from({ length: 48 }, (_, t) => 100 + 0.5 * t + pattern[t % 6]!);
    const m = fitHoltWinters(y, 6, { seasonal: 'add', damped: false });
    const f = holtWintersMean(m, 12);
    for (let h = 0; h < 12; h++)
      expect(f[h]).toBeCloseTo(100 + 0.5 * (48 + h) + pattern[h % 6]!, 1);
    expect(m.sse).toBeLessThan(1e-3);
  });

  it('recovers a pure multiplicative seasonal series and prefers it under auto', () => {
    const y = Array.from({ length: 60 }, (_, t) => (50 + 2 * t) * (pattern[t % 6]! / 13.333));
    const m = fitHoltWinters(y, 6);
    expect(m.seasonal).toBe('mul');
    const f = holtWintersMean(m, 6);
    for (let h = 0; h < 6; h++) {
      const truth = (50 + 2 * (60 + h)) * (pattern[h % 6]! / 13.333);
      expect(Math.abs(f[h]! - truth) / truth).toBeLessThan(0.01);
    }
  });

  it('keeps its smoothing weights inside (0, 1) and fits a damped trend when asked', () => {
    const rng = new Rng(3);
    const y = Array.from(
      { length: 72 },
      (_, t) => 200 + t + 5 * pattern[t % 6]! + rng.normal(0, 4),
    );
    const m = fitHoltWinters(y, 6, { seasonal: 'add', damped: true });
    for (const w of [m.alpha, m.beta, m.gamma]) expect(w > 0 && w < 1).toBe(true);
    expect(m.damped).toBe(true);
    expect(m.phi).toBeGreaterThan(0.8);
    expect(m.phi).toBeLessThanOrEqual(0.98);
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });

  it('has intervals that widen with the horizon, contain the mean, and are deterministic', () => {
    const rng = new Rng(9);
    // A random-walk level: each shock persists, so uncertainty accumulates with the horizon.
    let level = 100;
    const y = Array.from({ length: 60 }, (_, t) => {
      level += rng.normal(0, 2);
      return level + pattern[t % 6]! + rng.normal(0, 1);
    });
    const m = fitHoltWinters(y, 6, { seasonal: 'add' });
    const f = forecastHoltWinters(m, 18, { seed: 1 });
    expect(f.level).toBe(0.8);
    for (let h = 0; h < 18; h++) {
      expect(f.lower[h]).toBeLessThan(f.mean[h]!);
      expect(f.upper[h]).toBeGreaterThan(f.mean[h]!);
    }
    const width = (h: number): number => f.upper[h]! - f.lower[h]!;
    expect(width(17)).toBeGreaterThan(1.5 * width(0));
    expect(width(11)).toBeGreaterThan(width(5));
    const again = forecastHoltWinters(fitHoltWinters(y, 6, { seasonal: 'add' }), 18, { seed: 1 });
    expect(Array.from(again.lower)).toEqual(Array.from(f.lower));
    expect(Array.from(again.upper)).toEqual(Array.from(f.upper));
    const wider = forecastHoltWinters(m, 18, { seed: 1, level: 0.95 });
    expect(wider.upper[0]! - wider.lower[0]!).toBeGreaterThan(width(0));
  });

  it('refuses multiplicative seasonality on non-positive data and too-short series', () => {
    const y = Array.from({ length: 24 }, (_, t) => pattern[t % 6]! - 10);
    expect(() => fitHoltWinters(y, 6, { seasonal: 'mul' })).toThrow(/> 0/);
    expect(fitHoltWinters(y, 6).seasonal).toBe('add');
    expect(() => fitHoltWinters([1, 2, 3], 6)).toThrow(/two seasons/);
  });
});
