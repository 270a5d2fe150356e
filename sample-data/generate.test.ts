// Reproducibility and format of the generated files: same seed → same bytes, the committed
// small files are exactly what the generator writes, and every column looks as README.md says.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';
import { generateSamples } from './generate.js';
import type { WrittenFile } from './generate.js';

const COMMITTED = fileURLToPath(new URL('./small/', import.meta.url));
const README = fileURLToPath(new URL('./README.md', import.meta.url));

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATETIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;
const HOURLY = /^\d{4}-\d{2}-\d{2} ([01]\d|2[0-3]):00:00$/;
const oneOf = (...xs: string[]) => new RegExp(`^(${xs.join('|')})$`);

/** Every file, in order, with each column's pattern (missing values included where documented). */
const SCHEMA: Record<string, { rows: number; columns: Record<string, RegExp> }> = {
  'customers.csv': {
    rows: 2000,
    columns: {
      customer_id: /^C\d{6}$/,
      signup_date: DATE,
      plan: oneOf('basic', 'standard', 'premium'),
      monthly_fee: /^\d+\.\d{2}$/,
      region: oneOf('North', 'South', 'East', 'West', 'Central', 'NA'),
      age: /^([1-8]\d|)$/,
      acquisition_channel: oneOf('organic', 'paid_search', 'referral', 'social', 'partner'),
      support_contacts: /^\d+$/,
    },
  },
  'transactions.csv': {
    rows: 43385,
    columns: {
      transaction_id: /^T\d{7}$/,
      customer_id: /^C\d{6}$/,
      timestamp: DATETIME,
      amount: /^-?\d+\.\d{2}$/,
      channel: oneOf('web', 'app', 'store'),
    },
  },
  'sales.csv': {
    rows: 32442,
    columns: {
      date: DATE,
      store: oneOf('S1', 'S2', 'S3'),
      item_id: /^I\d{3}$/,
      category: oneOf('beverages', 'snacks', 'dairy', 'household', 'personal_care', 'seasonal'),
      price: /^(\d+\.\d{2}|)$/,
      promotion: /^[01]$/,
      quantity: /^\d+$/,
    },
  },
  'holidays.csv': {
    rows: 52,
    columns: { date: DATE, holiday: /^[a-z_]+$/, name: /^[A-Z][A-Za-z'. ]+$/ },
  },
  'devices.csv': {
    rows: 50,
    columns: {
      device_id: /^D\d{4}$/,
      model: oneOf('PX-100', 'PX-200', 'TX-9'),
      install_date: DATE,
      site: oneOf('Dayton', 'Tulsa', 'Fresno', 'Macon'),
    },
  },
  'telemetry.csv': {
    rows: 70833,
    columns: {
      device_id: /^D\d{4}$/,
      timestamp: HOURLY,
      temperature: /^(\d+\.\d|NA|)$/,
      vibration: /^(-?\d+\.\d{3}|NA|)$/,
      pressure: /^(\d+\.\d{2}|NA|)$/,
      rpm: /^(\d+|NA|)$/,
      voltage: /^(\d+\.\d|NA|)$/,
    },
  },
  'failures.csv': {
    rows: 60,
    columns: {
      device_id: /^D\d{4}$/,
      timestamp: DATETIME,
      failure_type: oneOf('bearing_wear', 'overheating', 'seal_leak', 'electrical'),
      downtime_hours: /^\d+\.\d$/,
    },
  },
  'leads.csv': {
    rows: 5000,
    columns: {
      lead_id: /^L\d{6}$/,
      created_date: DATE,
      source: oneOf(
        'organic_search',
        'paid_search',
        'referral',
        'webinar',
        'trade_show',
        'cold_outbound',
      ),
      industry: oneOf(
        'software',
        'finance',
        'healthcare',
        'manufacturing',
        'retail',
        'logistics',
        'education',
      ),
      country: /^[A-Z]{2}$/,
      company_size: /^(\d+|NA)$/,
      pages_viewed: /^(\d+|)$/,
      email_opens: /^\d+$/,
      days_since_first_touch: /^\d+$/,
      demo_requested: /^[01]$/,
      notes: /^[^\r]*$/,
      converted: oneOf('yes', 'no'),
    },
  },
};
const NAMES = Object.keys(SCHEMA);

let dirA = '';
let dirB = '';
let dirOther = '';
let filesA: WrittenFile[] = [];
const progress = new Map<string, { done: number; total: number; calls: number }>();

const sha256 = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
const hashes = async (dir: string, names: readonly string[]) =>
  Object.fromEntries(await Promise.all(names.map(async (n) => [n, await sha256(join(dir, n))])));

beforeAll(async () => {
  const temp = (s: string) => mkdtemp(join(tmpdir(), `sightline-samples-${s}-`));
  [dirA, dirB, dirOther] = await Promise.all([temp('a'), temp('b'), temp('other')]);
  const [a] = await Promise.all([
    generateSamples({
      outDir: dirA,
      scale: 'small',
      onProgress: (dataset, done, total) => {
        const p = progress.get(dataset) ?? { done: 0, total, calls: 0 };
        progress.set(dataset, { done: Math.max(p.done, done), total, calls: p.calls + 1 });
      },
    }),
    generateSamples({ outDir: dirB, scale: 'small', seed: 42 }),
    generateSamples({ outDir: dirOther, scale: 'small', seed: 7 }),
  ]);
  filesA = a.files;
});

afterAll(async () => {
  for (const d of [dirA, dirB, dirOther]) if (d) await rm(d, { recursive: true, force: true });
});

describe('generateSamples', () => {
  it('writes the documented files and reports their real size', async () => {
    expect(filesA.map((f) => f.name)).toEqual(NAMES);
    expect((await readdir(dirA)).sort()).toEqual([...NAMES].sort()); // no .partial left over
    for (const f of filesA) {
      expect(f.path).toBe(join(dirA, f.name));
      expect(f.bytes).toBe((await readFile(f.path)).length);
      expect(f.rows).toBe(SCHEMA[f.name]?.rows);
    }
  });

  it('gives byte-identical files for the same seed and different ones for another', async () => {
    const a = await hashes(dirA, NAMES);
    expect(await hashes(dirB, NAMES)).toEqual(a);
    const other = await hashes(dirOther, NAMES);
    for (const name of NAMES) {
      if (name === 'holidays.csv') expect(other[name]).toBe(a[name]);
      else expect(other[name]).not.toBe(a[name]);
    }
  });

  it('matches the committed sample-data/small files (run write-small.ts after a change)', async () => {
    expect((await readdir(COMMITTED)).sort()).toEqual([...NAMES].sort());
    expect(await hashes(COMMITTED, NAMES)).toEqual(await hashes(dirA, NAMES));
    const total = filesA.reduce((s, f) => s + f.bytes, 0);
    expect(total).toBeLessThan(10_000_000);
  });

  it('has the documented header, row count and column formats in every file', async () => {
    for (const name of NAMES) {
      const bytes = await readFile(join(dirA, name));
      const content = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      expect(content.endsWith('\n')).toBe(true);
      expect(content.includes('\r')).toBe(false);
      const [header, ...rows] = parseCsv(content);
      const spec = SCHEMA[name]!;
      const columns = Object.keys(spec.columns);
      expect(header, name).toEqual(columns);
      expect(rows.length, name).toBe(spec.rows);
      for (const row of rows) {
        expect(row.length).toBe(columns.length);
        for (let c = 0; c < columns.length; c++) {
          const pattern = spec.columns[columns[c]!]!;
          if (!pattern.test(row[c]!)) {
            throw new Error(`${name} ${columns[c]}: unexpected value ${JSON.stringify(row[c])}`);
          }
        }
      }
    }
  });

  it('contains the documented wrinkles', async () => {
    const read = async (name: string) => {
      const [header, ...rows] = parseCsv(await readFile(join(dirA, name), 'utf8'));
      return (column: string) => rows.map((r) => r[header!.indexOf(column)]!);
    };
    const customers = await read('customers.csv');
    expect(customers('age')).toContain('');
    expect(customers('region')).toContain('NA');
    expect((await read('transactions.csv'))('amount').some((a) => a.startsWith('-'))).toBe(true);
    expect((await read('sales.csv'))('price')).toContain('');
    const telemetry = await read('telemetry.csv');
    expect(telemetry('vibration')).toContain('');
    expect(telemetry('temperature')).toContain('NA');
    const leads = await read('leads.csv');
    expect(leads('company_size')).toContain('NA');
    expect(leads('pages_viewed')).toContain('');
    const notes = leads('notes');
    expect(notes.some((n) => n.includes(','))).toBe(true);
    expect(notes.some((n) => n.includes('"'))).toBe(true);
    expect(notes.some((n) => n.includes('\n'))).toBe(true);
    expect(notes.some((n) => /[\u0080-\uffff]/.test(n))).toBe(true);
    // A leads.csv line count is not its row count: quoted notes hold line breaks.
    const lines = (await readFile(join(dirA, 'leads.csv'), 'utf8')).split('\n').length - 2;
    expect(lines).toBeGreaterThan(5000);
  });

  it('lists every file with its rows and bytes in README.md', async () => {
    const readme = await readFile(README, 'utf8');
    const n = (x: number) => x.toLocaleString('en-US');
    for (const f of filesA)
      expect(readme).toContain(`| ${f.name} | ${n(f.rows)} | ${n(f.bytes)} |`);
  });

  it('reports progress per dataset up to done = total', () => {
    expect([...progress.keys()].sort()).toEqual(
      ['customers', 'leads', 'sales', 'telemetry', 'transactions'].sort(),
    );
    for (const [name, p] of progress) {
      expect(p.done, name).toBe(p.total);
      expect(p.calls, name).toBeLessThan(250);
    }
  });

  it('rejects a bad seed or scale', async () => {
    await expect(generateSamples({ outDir: dirOther, scale: 'small', seed: 1.5 })).rejects.toThrow(
      RangeError,
    );
    await expect(generateSamples({ outDir: dirOther, scale: 'medium' as 'small' })).rejects.toThrow(
      RangeError,
    );
  });
});
