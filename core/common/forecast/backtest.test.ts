import { describe, expect, it } from 'vitest';
import { backtest, naiveScale, rollingOrigins } from './backtest.js';
import { seasonalNaive } from './seasonal-naive.js';

describe('backtest', () => {
  it('places origins so the last leaves exactly one horizon', () => {
    expect(rollingOrigins(20, 4, 3, 4)).toEqual([8, 12, 16]);
    expect(rollingOrigins(20, 4, 3, 1)).toEqual([14, 15, 16]);
    expect(() => rollingOrigins(10, 4, 3, 4, 2)).toThrow(/too short/);
  });

  it('scores per step and overall, and never shows a forecaster the future', () => {
    const y = Array.from({ length: 30 }, (_, t) => 10 + (t % 5) + (t >= 20 ? 3 : 0));
    const seen: number[] = [];
    const r = backtest(
      y,
      (train, h) => {
        seen.push(train.length);
        return new Float64Array(h).fill(train[train.length - 1]!);
      },
      { horizon: 3, origins: 2, stride: 5, season: 5 },
    );
    expect(seen).toEqual([22, 27]);
    expect(r.origins).toEqual([22, 27]);
    // Step 1 from origin 22 predicts y[21] = 14 for y[22] = 15; from 27: y[26] = 14 for y[27] = 15.
    expect(r.perStep[0]!.mae).toBeCloseTo(1);
    expect(r.perStep[0]!.count).toBe(2);
    expect(r.overall.count).toBe(6);
    const abs = [1, 2, 3, 1, 2, 3];
    expect(r.overall.mae).toBeCloseTo(abs.reduce((a, b) => a + b) / 6);
    expect(r.overall.rmse).toBeCloseTo(Math.sqrt(abs.reduce((a, b) => a + b * b, 0) / 6));
    expect(r.overall.wape).toBeCloseTo(12 / (15 + 16 + 17 + 15 + 16 + 17));
    const s22 = naiveScale(y.slice(0, 22), 5);
    const s27 = naiveScale(y.slice(0, 27), 5);
    expect(r.overall.mase).toBeCloseTo((6 / s22 + 6 / s27) / 6);
  });

  it('gives seasonal naive zero error on a purely periodic series', () => {
    const y = Array.from({ length: 40 }, (_, t) => [3, 5, 9, 4][t % 4]!);
    const r = backtest(y, (train, h) => seasonalNaive(train, 4, h), { horizon: 8, season: 4 });
    expect(r.overall.mae).toBe(0);
    expect(r.overall.smape).toBe(0);
  });
});
