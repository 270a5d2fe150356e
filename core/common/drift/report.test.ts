import { describe, expect, it } from 'vitest';
import { falseAlarms } from './false-alarm.fixture.js';
import { buildReference } from './reference.js';
import { driftReport, type DriftReport } from './report.js';
import { LEVELS, synthetic, type Shift } from './synthetic.fixture.js';

const REF = synthetic(20_000, 1);
const PROFILE = buildReference(REF, {
  predictions: REF.predictions,
  categoryLevels: LEVELS,
  seed: 3,
});

function report(rows: number, shift: Shift, seed = 2): DriftReport {
  const cur = synthetic(rows, seed, shift);
  return driftReport(PROFILE, cur, { categoryLevels: LEVELS, predictions: cur.predictions });
}

describe('driftReport: identical distributions', () => {
  // 200 seeds × 10 features, a fresh 5000-row reference per seed. The level is 0.05 for the
  // p-value tests (n ≤ 1000); the margin 0.025 is three standard errors of a rate over
  // 800–1200 tests. Above 1000 rows the distances sit far below their 0.1 thresholds.
  it('keeps false alarms at the documented level', { timeout: 120_000 }, () => {
    const [small, large] = falseAlarms(200, 5000, [500, 5000]);
    expect(small!.numericDrift).toBeLessThanOrEqual(0.075);
    expect(small!.categoricalDrift).toBeLessThanOrEqual(0.075);
    expect(small!.anyAlarm).toBeLessThanOrEqual(0.075);
    expect(small!.datasetDrift).toBeLessThanOrEqual(0.01);
    expect(small!.missingFlagged).toBeLessThanOrEqual(0.01);
    expect(large!.numericDrift).toBeLessThanOrEqual(0.01);
    expect(large!.categoricalDrift).toBeLessThanOrEqual(0.01);
    expect(large!.anyAlarm).toBeLessThanOrEqual(0.01);
    expect(large!.datasetDrift).toBe(0);
  });

  it('chooses tests up to 1000 rows and distances above', () => {
    const small = report(800, {});
    expect(small.features.map((f) => f.method)).toEqual([
      ...Array(6).fill('ks'),
      ...Array(4).fill('chisquare'),
    ]);
    const large = report(5000, {});
    expect(large.features.map((f) => f.method)).toEqual([
      ...Array(6).fill('wasserstein'),
      ...Array(4).fill('jensenshannon'),
    ]);
    expect(large.verdict).toBe('ok');
  });
});

describe('driftReport: detection', () => {
  for (const rows of [500, 5000]) {
    it(`finds a shifted mean and a changed variance (${rows} rows)`, () => {
      const r = report(rows, { mean: 0.5, scale: 1.6 });
      expect(r.features[0]!.verdict).toBe('drift');
      expect(r.features[1]!.verdict).toBe('drift');
      expect(r.features[0]!.mean!.current).toBeGreaterThan(0.35);
      expect(r.features.slice(2).every((f) => f.verdict !== 'drift')).toBe(true);
      // The prediction depends on feature 0, so it drifts too.
      expect(r.prediction!.verdict).toBe('drift');
    });

    it(`finds a changed category mix (${rows} rows)`, () => {
      const r = report(rows, { mix: [0.2, 0.25, 0.15, 0.12, 0.28] });
      const c0 = r.features.find((f) => f.name === 'c0')!;
      expect(c0.verdict).toBe('drift');
      expect(c0.kind).toBe('categorical');
    });

    it(`flags a missing-rate change (${rows} rows)`, () => {
      const r = report(rows, { missing: 0.3 });
      const n2 = r.features[2]!;
      expect(n2.missing.flagged).toBe(true);
      expect(n2.verdict).not.toBe('ok');
      expect(r.dataset.missingFlagged).toEqual(['n2']);
      expect(n2.missing.change).toBeGreaterThan(0.15);
    });
  }

  it('names categories the reference never saw', () => {
    const cur = synthetic(800, 5);
    cur.categorical[0]![0] = 5;
    cur.categorical[0]![1] = 5;
    const r = driftReport(PROFILE, cur, {
      categoryLevels: [[...LEVELS[0]!, 'new'], ...LEVELS.slice(1)],
    });
    expect(r.features[6]!.newLevels).toEqual(['new']);
  });

  it('gives the data-set verdict by the (weighted) share of drifting features', () => {
    const cur = synthetic(5000, 6, { mean: 1, scale: 2 });
    const plain = driftReport(PROFILE, cur, { categoryLevels: LEVELS });
    expect(plain.dataset.share).toBeCloseTo(0.2, 10);
    expect(plain.dataset.drift).toBe(false);
    expect(plain.verdict).toBe('watch');
    const weighted = driftReport(PROFILE, cur, {
      categoryLevels: LEVELS,
      importance: { n0: 3, n1: 2, c0: 1, n5: 1 },
    });
    expect(weighted.dataset.share).toBeCloseTo(5 / 7, 10);
    expect(weighted.dataset.drift).toBe(true);
    expect(weighted.verdict).toBe('drift');
    const strict = driftReport(PROFILE, cur, {
      categoryLevels: LEVELS,
      thresholds: { datasetShare: 0.2 },
    });
    expect(strict.dataset.drift).toBe(true);
  });

  it('decides by PSI under method psi', () => {
    const cur = synthetic(5000, 7, { mean: 1 });
    const r = driftReport(PROFILE, cur, { categoryLevels: LEVELS, method: 'psi' });
    expect(r.features[0]!.method).toBe('psi');
    expect(r.features[0]!.psi).toBeGreaterThan(0.25);
    expect(r.features[0]!.verdict).toBe('drift');
    expect(r.features.slice(1).every((f) => f.verdict === 'ok')).toBe(true);
  });

  it('is deterministic and checks its input', () => {
    expect(JSON.stringify(report(3000, { mean: 0.2 }))).toBe(
      JSON.stringify(report(3000, { mean: 0.2 })),
    );
    const cur = synthetic(100, 1);
    expect(() => driftReport(PROFILE, { ...cur, names: ['x', ...cur.names!.slice(1)] })).toThrow(
      /feature 0 is 'x'/,
    );
    expect(() => driftReport(PROFILE, cur, { thresholds: { pvalue: 0.1 } as never })).toThrow(
      /unknown drift threshold 'pvalue'; valid: smallSampleRows/,
    );
  });
});
