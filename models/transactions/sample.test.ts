import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { daysFromCivil } from '../../core/common/calendar.js';
import { buildSnapshots, monthlyCutoffs } from './index.js';
import type { CustomerAttributes, TransactionLog } from './index.js';

const dir = join(import.meta.dirname, '../../sample-data/small');

/** Rows of a CSV without quoted fields, as string arrays (header dropped). */
function rows(file: string): string[][] {
  const lines = readFileSync(join(dir, file), 'utf8').trimEnd().split('\n');
  return lines.slice(1).map((l) => l.split(','));
}

function day(date: string): number {
  return daysFromCivil(+date.slice(0, 4), +date.slice(5, 7), +date.slice(8, 10));
}

function dateTime(ts: string): number {
  const [h, m, s] = ts.slice(11).split(':').map(Number) as [number, number, number];
  return day(ts) + (h * 3600 + m * 60 + s) / 86400;
}

function codes(values: string[], missing: string[] = []): Int32Array {
  const levels = [...new Set(values.filter((v) => !missing.includes(v)))].sort();
  return Int32Array.from(values, (v) => levels.indexOf(v));
}

function load(): { tx: TransactionLog; attrs: CustomerAttributes } {
  const cust = rows('customers.csv');
  const code = new Map(cust.map((r, i) => [r[0]!, i]));
  const col = (j: number) => cust.map((r) => r[j]!);
  const tr = rows('transactions.csv');
  const tx: TransactionLog = {
    customer: Int32Array.from(tr, (r) => code.get(r[1]!)!),
    time: Float64Array.from(tr, (r) => dateTime(r[2]!)),
    amount: Float64Array.from(tr, (r) => Number(r[3])),
  };
  // support_contacts is only known 90 days after signup; fine for these checks, but a real
  // model would have to respect that.
  const attrs: CustomerAttributes = {
    numeric: [
      Float64Array.from(col(3), Number),
      Float64Array.from(col(5), (v) => (v === '' ? NaN : Number(v))),
      Float64Array.from(col(7), Number),
    ],
    categorical: [codes(col(2)), codes(col(4), ['NA']), codes(col(6))],
    names: ['monthly_fee', 'age', 'support_contacts', 'plan', 'region', 'acquisition_channel'],
    signupDay: Float64Array.from(col(1), day),
  };
  return { tx, attrs };
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('snapshots of the small sample data', () => {
  const { tx, attrs } = load();

  it('builds monthly snapshots with a plausible churn rate', () => {
    const cutoffs = monthlyCutoffs(Math.min(...tx.time), Math.max(...tx.time), {
      observationDays: 180,
      predictionDays: 90,
    });
    expect(cutoffs[0]).toBe(day('2024-04-01'));
    expect(cutoffs.at(-1)).toBe(day('2025-04-01'));
    expect(cutoffs).toHaveLength(13);
    const s = buildSnapshots(tx, attrs, { cutoffs, label: 'churn' });
    const n = s.label.length;
    expect(n).toBeGreaterThan(13 * 800);
    expect(s.data.numeric).toHaveLength(17);
    expect(s.data.categorical).toHaveLength(3);
    for (const c of [...s.data.numeric, ...s.data.categorical]) expect(c).toHaveLength(n);
    expect(s.customer).toHaveLength(n);
    const rate = mean([...s.label]);
    expect(rate).toBeGreaterThan(0.05);
    expect(rate).toBeLessThan(0.3);
    // Planted: purchases fade before churn, so churners have been silent longer.
    const rec = s.data.numeric[s.names.indexOf('recency_days')]!;
    const churned = [...rec].filter((_, r) => s.label[r] === 1);
    const kept = [...rec].filter((_, r) => s.label[r] === 0);
    expect(mean(churned)).toBeGreaterThan(2 * mean(kept));
  });

  it("reproduces the README's recommended churn task at 2025-04-01", () => {
    const cutoff = day('2025-04-01');
    const s = buildSnapshots(tx, attrs, { cutoffs: [cutoff], observationDays: 90, label: 'churn' });
    // README population: signed up 90+ days before the cutoff, a purchase in the 90 days before.
    const pop = [...s.customer.keys()].filter(
      (r) => attrs.signupDay![s.customer[r]!]! < cutoff - 90,
    );
    expect(pop).toHaveLength(1094);
    expect(mean(pop.map((r) => s.label[r]!))).toBeCloseTo(0.112, 3);
    const f90 = s.data.numeric[s.names.indexOf('frequency_90d')]!;
    const churned = pop.filter((r) => s.label[r] === 1).map((r) => f90[r]!);
    const kept = pop.filter((r) => s.label[r] === 0).map((r) => f90[r]!);
    expect(mean(churned)).toBeCloseTo(3.2, 1);
    expect(mean(kept)).toBeCloseTo(7.8, 1);
  });
});
