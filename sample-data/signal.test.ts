// The planted signal of README.md is really in freshly generated small files: each assertion
// fails if the generator stops producing the effect README.md documents. Bounds sit well
// inside what seeds 1-7 and 42 all give (README.md lists the seed-42 values).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSamples } from './generate.js';
import { churnSignal, leadsSignal, salesSignal, telemetrySignal } from './signal.js';

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sightline-signal-'));
  await generateSamples({ outDir: dir, scale: 'small' });
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('customers and transactions', () => {
  it('churn after the 2025-04-01 cutoff is predictable from behaviour before it', async () => {
    const s = await churnSignal(dir);
    expect(s.population).toBeGreaterThan(900);
    expect(s.churnRate).toBeGreaterThan(0.06);
    expect(s.churnRate).toBeLessThan(0.2);
    // Frequency fades before churn: churned customers bought less in the last 90 days.
    expect(s.last90Churned).toBeLessThan(0.6 * s.last90Retained);
    expect(s.aucRecency).toBeGreaterThan(0.72);
    expect(s.aucLast90).toBeGreaterThan(0.72);
    // Static drivers.
    expect(s.supportChurned).toBeGreaterThan(1.15 * s.supportRetained);
    expect(s.aucSupport).toBeGreaterThan(0.54);
    expect(s.churnRateByPlan.basic).toBeGreaterThan(1.3 * (s.churnRateByPlan.standard ?? 1));
  });

  it('spend follows plan and past spend, purchases are seasonal, refunds are rare', async () => {
    const s = await churnSignal(dir);
    expect(s.futureSpendByPlan.premium).toBeGreaterThan(4 * (s.futureSpendByPlan.basic ?? 1));
    expect(s.futureSpendByPlan.standard).toBeGreaterThan(1.8 * (s.futureSpendByPlan.basic ?? 1));
    expect(s.aucSpendHigh).toBeGreaterThan(0.8);
    expect(s.decemberVsJunePurchases).toBeGreaterThan(1.3);
    expect(s.refundShare).toBeGreaterThan(0.002);
    expect(s.refundShare).toBeLessThan(0.012);
  });
});

describe('sales', () => {
  it('promotions, discounts, weekends and Black Friday sell more; Christmas has no rows', async () => {
    const s = await salesSignal(dir);
    expect(s.regularItems).toBeGreaterThan(35);
    expect(s.intermittentItems).toBeGreaterThan(8);
    expect(s.medianPromoLift).toBeGreaterThan(1.8);
    expect(s.medianDeepDiscountLift).toBeGreaterThan(1.1);
    expect(s.saturdayVsTuesday).toBeGreaterThan(1.4);
    expect(s.blackFridayVsNovemberFridays).toBeGreaterThan(1.25);
    expect(s.christmasDayRows).toBe(0);
  });
});

describe('telemetry and failures', () => {
  it('each failure type is preceded by its own sensor signature', async () => {
    const s = await telemetrySignal(dir);
    expect(s.failures).toBeGreaterThan(40);
    const e = s.excess;
    expect(e['bearing_wear.vibration']).toBeGreaterThan(1.5);
    expect(e['bearing_wear.temperature']).toBeGreaterThan(2.5);
    expect(e['overheating.temperature']).toBeGreaterThan(8);
    expect(e['seal_leak.pressure']).toBeLessThan(-0.5);
    expect(e['electrical.voltage']).toBeLessThan(-4);
    // Signatures are specific: a seal leak does not shake, an electrical fault does not heat.
    expect(Math.abs(e['seal_leak.vibration'] ?? 1)).toBeLessThan(0.2);
    expect(Math.abs(e['electrical.temperature'] ?? 1)).toBeLessThan(1.5);
    expect(s.aucVibration24h).toBeGreaterThan(0.65);
  });
});

describe('leads', () => {
  it('conversion follows the documented logit, interactions included', async () => {
    const s = await leadsSignal(dir);
    expect(s.leads).toBe(5000);
    expect(s.conversionRate).toBeGreaterThan(0.12);
    expect(s.conversionRate).toBeLessThan(0.25);
    expect(s.pagesConverted).toBeGreaterThan(1.3 * s.pagesNotConverted);
    expect(s.conversionByDemo.demo).toBeGreaterThan(2.5 * s.conversionByDemo.noDemo);
    const src = s.conversionBySource;
    expect(src.referral).toBeGreaterThan(2 * (src.cold_outbound ?? 1));
    // A demo lifts the odds of companies with 200+ employees more than of smaller ones.
    expect(s.demoOddsRatioLarge).toBeGreaterThan(1.4 * s.demoOddsRatioSmall);
    expect(s.aucPages).toBeGreaterThan(0.6);
    expect(s.aucTrueLogit).toBeGreaterThan(0.74);
    expect(s.aucTrueLogit).toBeLessThan(0.84);
  });
});
