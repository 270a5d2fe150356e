import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import {
  bgNbdLogLikelihood,
  expectedTransactions,
  expectedTransactionsNew,
  fitBgNbd,
  probabilityAlive,
  type BgNbdParams,
} from './bgnbd.js';
import { cdnowSummary } from './cdnow.fixture.js';
import { hyp2f1 } from './special.js';

const PUBLISHED: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/** lifetimes' formula as written there, without the Euler transform used in bgnbd.ts. */
function lifetimesConditional(
  { r, alpha, a, b }: BgNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  const z = t / (alpha + T + t);
  const hyp = hyp2f1(r + x, b + x, a + b + x - 1, z);
  const numerator =
    ((a + b + x - 1) / (a - 1)) * (1 - hyp * ((alpha + T) / (alpha + t + T)) ** (r + x));
  const alive = x > 0 ? (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x) : 0;
  return numerator / (1 + alive);
}

describe('BG/NBD on CDNOW (39-week calibration, weeks)', () => {
  const s = cdnowSummary();
  const fit = fitBgNbd(s);

  it('reproduces the published parameters within 1 %', () => {
    expect(fit.converged).toBe(true);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(fit[k] / PUBLISHED[k] - 1)).toBeLessThan(0.01);
    }
    // A maximum: the fit beats the rounded published values, and its reported likelihood is the data's.
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgNbdLogLikelihood(PUBLISHED, s));
    expect(fit.logLikelihood).toBeCloseTo(bgNbdLogLikelihood(fit, s), 8);
    expect(JSON.parse(JSON.stringify(fit))).toEqual(fit);
  });

  it('predicts holdout purchases within the bound measured on this sample', () => {
    let predicted = 0;
    let unconditional = 0;
    let actual = 0;
    for (let i = 0; i < s.customer.length; i++) {
      predicted += expectedTransactions(fit, 39, s.frequency[i]!, s.recency[i]!, s.T[i]!);
      unconditional +=
        expectedTransactionsNew(fit, s.T[i]! + 39) - expectedTransactionsNew(fit, s.T[i]!);
      actual += s.holdout!.frequency[i]!;
    }
    // Measured: 1,653 predicted vs 1,882 actual purchase days (ratio 0.879). The model's own
    // unconditional forecast for the same weeks is 1,669, so the 12 % shortfall is the model
    // (a busier holdout on this 1/10 sample than the calibration fit implies), not the
    // conditional formula; the bound pins it to ±3 points of that measurement.
    expect(actual).toBe(1882);
    expect(predicted / actual).toBeGreaterThan(0.85);
    expect(predicted / actual).toBeLessThan(0.91);
    expect(Math.abs(predicted / unconditional - 1)).toBeLessThan(0.02);
  });

  it("agrees with lifetimes' untransformed formula for every customer", () => {
    for (let i = 0; i < s.customer.length; i++) {
      const [x, tx, T] = [s.frequency[i]!, s.recency[i]!, s.T[i]!];
      const ours = expectedTransactions(fit, 39, x, tx, T);
      expect(ours / lifetimesConditional(fit, 39, x, tx, T)).toBeCloseTo(1, 10);
    }
  });
});

describe('BG/NBD predictions', () => {
  const p = PUBLISHED;

  it('P(alive) is 1 at frequency 0 and falls with time since the last purchase', () => {
    expect(probabilityAlive(p, 0, 0, 30)).toBe(1);
    const recent = probabilityAlive(p, 3, 30, 31);
    const lapsed = probabilityAlive(p, 3, 5, 31);
    expect(recent).toBeGreaterThan(lapsed);
    expect(recent).toBeLessThan(1);
    expect(lapsed).toBeGreaterThan(0);
    expect(probabilityAlive(p, 3, 5, 60)).toBeLessThan(lapsed);
  });

  it('expected transactions increase with t and start at 0', () => {
    expect(expectedTransactions(p, 0, 2, 10, 30)).toBe(0);
    expect(expectedTransactionsNew(p, 0)).toBe(0);
    let prevCond = 0;
    let prevNew = 0;
    for (const t of [0.5, 1, 5, 10, 39, 52, 100, 500]) {
      const cond = expectedTransactions(p, t, 2, 10, 30);
      const fresh = expectedTransactionsNew(p, t);
      expect(cond).toBeGreaterThan(prevCond);
      expect(fresh).toBeGreaterThan(prevNew);
      [prevCond, prevNew] = [cond, fresh];
    }
  });

  it('a customer just acquired (x = 0, T = 0) expects what a new customer does', () => {
    for (const t of [1, 10, 78]) {
      expect(expectedTransactions(p, t, 0, 0, 0)).toBeCloseTo(expectedTransactionsNew(p, t), 12);
    }
  });

  it('stays finite and ordered for heavy buyers', () => {
    const heavy = expectedTransactions(p, 39, 200, 38, 39);
    expect(Number.isFinite(heavy)).toBe(true);
    expect(heavy).toBeGreaterThan(expectedTransactions(p, 39, 100, 38, 39));
  });

  it('expectedTransactionsNew matches a simulation of the BG/NBD process', () => {
    const rng = new Rng(2005);
    const t = 52;
    const n = 200_000;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const lambda = rng.gamma(p.r, 1 / p.alpha);
      const g = rng.gamma(p.a);
      const dropout = g / (g + rng.gamma(p.b));
      for (let s = rng.exponential(lambda); s <= t; s += rng.exponential(lambda)) {
        total++;
        if (rng.bernoulli(dropout)) break;
      }
    }
    // Standard error of the mean is about 0.6 % here; allow 3 %.
    expect(total / n / expectedTransactionsNew(p, t)).toBeCloseTo(1, 1);
    expect(Math.abs(total / n / expectedTransactionsNew(p, t) - 1)).toBeLessThan(0.03);
  });
});
