// The published drinks benchmark: hold out the last 24 months, forecast them from the end of
// the training data, score WAPE (reference: seasonal naive 8.3 %, Holt-Winters 4.5 %).
import { describe, expect, it } from 'vitest';
import { backtest } from './backtest.js';
import { loadDrinks } from '../../../tests/fixtures/drinks/drinks.js';
import { detectFrequency } from './frequency.js';
import { fitHoltWinters, holtWintersMean } from './holt-winters.js';
import { seasonalNaive } from './seasonal-naive.js';

const { days, y } = loadDrinks();

describe('drinks (FRED S4248SM144NCEN)', () => {
  it('is monthly with 309 values', () => {
    expect(y.length).toBe(309);
    expect(detectFrequency(days)).toEqual({ frequency: 'monthly', season: 12 });
  });

  const snaive = backtest(y, (train, h) => seasonalNaive(train, 12, h), {
    horizon: 24,
    origins: 1,
    season: 12,
  });
  const hw = backtest(y, (train, h) => holtWintersMean(fitHoltWinters(train, 12), h), {
    horizon: 24,
    origins: 1,
    season: 12,
  });

  it('reproduces the seasonal naive WAPE of 8.3 %', () => {
    expect(snaive.origins).toEqual([285]);
    // Measured 8.296 %.
    expect(Math.abs(snaive.overall.wape - 0.083)).toBeLessThan(0.002);
    // Two years out, last year's values miss by more than the in-sample seasonal naive does.
    expect(snaive.overall.mase).toBeGreaterThan(1);
  });

  it('beats the published Holt-Winters WAPE of 4.5 %', () => {
    // AICc picks multiplicative seasonality with a damped trend; measured 4.18 %.
    expect(hw.overall.wape).toBeLessThanOrEqual(0.045);
    expect(hw.overall.wape).toBeGreaterThan(0.04);
    expect(hw.overall.mase).toBeLessThan(snaive.overall.mase);
    expect(hw.overall.smape).toBeLessThan(snaive.overall.smape);
    expect(hw.perStep).toHaveLength(24);
  });
});
