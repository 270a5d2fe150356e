// The global model on a synthetic daily panel (weekly seasonality, promotions, holidays).
import { describe, expect, it } from 'vitest';
import { regularizePanel } from '../../core/common/forecast/index.js';
import { forecastDemand, type DemandModel, trainDemand, trendOf } from './model.js';
import { syntheticPanel } from './synthetic.fixture.js';

const { rows, holidays, categories } = syntheticPanel();
const panel = regularizePanel(rows, { categories });
// Fewer, larger steps than the defaults keep the test quick (each fit is ~3 × faster).
const params = { trees: 100, learning_rate: 0.1 };
const model = trainDemand(panel, { holidays, params, backtest: { horizon: 14, origins: 3 } });

describe('trainDemand on a synthetic panel', () => {
  it('backtests three methods over three origins', () => {
    const b = model.backtest!;
    expect(panel).toMatchObject({ frequency: 'daily', season: 7, length: 364 });
    expect(b.origins).toEqual([322, 336, 350]);
    expect(b.itemsScored).toEqual([6, 6, 6]);
    for (const m of Object.values(b.methods)) {
      expect(m.perStep).toHaveLength(14);
      expect(m.overall.count).toBe(3 * 6 * 14);
    }
  });

  it('beats seasonal naive and Holt-Winters on WAPE and MASE', () => {
    const { gbdt, seasonalNaive, holtWinters } = model.backtest!.methods;
    // Measured: GBDT 17.4 %, seasonal naive 40.0 %, Holt-Winters 36.6 %.
    expect(gbdt.overall.wape).toBeLessThan(0.75 * seasonalNaive.overall.wape);
    expect(gbdt.overall.wape).toBeLessThan(holtWinters.overall.wape);
    expect(gbdt.overall.mase).toBeLessThan(seasonalNaive.overall.mase);
    expect(gbdt.overall.wape).toBeLessThan(0.22);
  });

  it('forecasts with ordered intervals, sums and trends', () => {
    const f = forecastDemand(model, 14);
    expect(f.level).toBe(0.8);
    expect(f.items.map((i) => i.item)).toEqual([100, 101, 102, 103, 104, 105]);
    for (const it of f.items) {
      expect(it.periods).toHaveLength(14);
      expect(it.periods[0]!.day).toBe(panel.start + 364);
      for (const p of it.periods) {
        expect(p.lower).toBeLessThanOrEqual(p.forecast);
        expect(p.upper).toBeGreaterThanOrEqual(p.forecast);
        expect(p.lower).toBeGreaterThanOrEqual(0);
      }
      const first7 = it.periods.slice(0, 7).reduce((a, p) => a + p.forecast, 0);
      expect(it.sum7).toBeCloseTo(first7);
      expect(it.sum30).toBeGreaterThan(it.sum7);
      expect(['increasing', 'flat', 'decreasing']).toContain(it.trend);
      expect(it.seasonalNaive).toHaveLength(14);
      expect(it.holtWinters).toHaveLength(14);
    }
    // The weekly pattern survives: Saturdays (1.5×) above Mondays (0.8×) for every item.
    const dow = (day: number): number => (((day + 3) % 7) + 7) % 7;
    for (const it of f.items) {
      const sat = it.periods.find((p) => dow(p.day) === 5)!.forecast;
      const mon = it.periods.find((p) => dow(p.day) === 0)!.forecast;
      expect(sat).toBeGreaterThan(mon);
    }
  });

  it('lifts the forecast when a promotion is planned', () => {
    const plain = forecastDemand(model, 7);
    // A planned promotion comes with its price cut, as in the history (20 % off).
    const base = Math.max(...Array.from(panel.series[2]!.price!));
    const plan = {
      promotion: new Array<number>(7).fill(1),
      price: new Array<number>(7).fill(0.8 * base),
    };
    const promo = forecastDemand(model, 7, new Map([[102, plan]]));
    const sum = (m: typeof plain, item: number): number =>
      m.items.find((i) => i.item === item)!.sum7;
    expect(sum(promo, 102)).toBeGreaterThan(1.3 * sum(plain, 102));
    expect(sum(promo, 100)).toBeCloseTo(sum(plain, 100));
  });

  it('survives a JSON round trip and is deterministic', () => {
    const copy = JSON.parse(JSON.stringify(model)) as DemandModel;
    expect(forecastDemand(copy, 10)).toEqual(forecastDemand(model, 10));
    const again = trainDemand(panel, { holidays, params, backtest: false, holtWinters: false });
    expect(again.mean).toEqual(model.mean);
  });
});

describe('trendOf', () => {
  it('labels changes beyond ±5 % of the recent level', () => {
    expect(trendOf([10, 10, 10, 10], [10.4, 10.4], 2)).toMatchObject({ trend: 'flat' });
    expect(trendOf([10, 10, 10, 10], [11, 11], 2)).toMatchObject({ trend: 'increasing' });
    expect(trendOf([10, 10, 10, 10], [9, 9], 2).trend).toBe('decreasing');
    expect(trendOf([0, 0], [1, 0], 2).trend).toBe('increasing');
    expect(trendOf([0, 0], [0, 0], 2).trend).toBe('flat');
  });
});
