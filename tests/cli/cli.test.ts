// The command line as a user meets it: real files, a real workspace, exit statuses and messages.
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sightline } from '../helpers/cli.js';
import { sha256File, tempDir } from '../helpers/tmp.js';

const dir = tempDir();

describe('sightline CLI', () => {
  const ws = join(dir, 'cli.sightline');
  const csv = join(dir, 'people.csv');
  writeFileSync(
    csv,
    'id,plan,spend,joined\n1,basic,10.5,2024-01-02\n2,premium,99,2024-02-03\n3,basic,oops,2024-03-04\n4,basic,,2024-04-05\n',
  );

  it('imports with --json, naming the problem row', () => {
    const r = sightline(['import', csv, '--workspace', ws, '--type', 'spend=real', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = r.json() as {
      ok: boolean;
      imports: {
        table: string;
        rows: number;
        report: { problems: { line: number; column: string }[] };
      }[];
    };
    expect(out.ok).toBe(true);
    expect(out.imports[0]!.table).toBe('people');
    expect(out.imports[0]!.rows).toBe(3);
    expect(out.imports[0]!.report.problems[0]).toMatchObject({ line: 4, column: 'spend' });
  });

  it('lists tables and profiles one', () => {
    const t = sightline(['tables', '--workspace', ws, '--json']);
    expect(t.status, t.stderr).toBe(0);
    expect(
      (t.json().tables as { name: string; rowCount: number }[]).map((x) => [x.name, x.rowCount]),
    ).toEqual([['people', 3]]);
    const p = sightline(['profile', 'people', '--workspace', ws, '--json']);
    expect(p.status, p.stderr).toBe(0);
    const cols = p.json().columns as {
      name: string;
      profile: { count: number; missing: number };
    }[];
    expect(cols.find((c) => c.name === 'spend')!.profile).toMatchObject({ count: 3, missing: 1 });
    const text = sightline(['profile', 'people', '--workspace', ws]);
    expect(text.stdout).toContain('spend');
    expect(text.stdout).toContain('3 rows');
  });

  it('fails with the file, line and column under --on-error fail, and exit status 1', () => {
    const r = sightline([
      'import',
      csv,
      '--workspace',
      ws,
      '--table',
      'strict',
      '--type',
      'spend=real',
      '--on-error',
      'fail',
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${csv}:4: column "spend"`);
    const t = sightline(['tables', '--workspace', ws, '--json']);
    expect((t.json().tables as unknown[]).length).toBe(1);
  });

  it('says what is wrong with a usage error (exit 2) and an unknown table (exit 1)', () => {
    const u = sightline(['import', csv, '--workspace', ws, '--mode', 'merge']);
    expect(u.status).toBe(2);
    expect(u.stderr).toMatch(/--mode merge: use one of create, replace, append/);
    const t = sightline(['profile', 'nope', '--workspace', ws]);
    expect(t.status).toBe(1);
    expect(t.stderr).toMatch(/no table "nope".*tables: people/);
  });

  it('refuses a file that is not a workspace', () => {
    const r = sightline(['tables', '--workspace', csv]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/not a Sightline workspace/);
  });
});

describe('sightline sample', () => {
  it('writes the committed small datasets byte for byte with the default seed', () => {
    const out = join(dir, 'samples');
    const r = sightline(['sample', '--out', out, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const files = (r.json() as { files: { name: string; path: string; rows: number }[] }).files;
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const f of files) {
      expect(sha256File(f.path), f.name).toBe(
        sha256File(join('sample-data', 'small', basename(f.path))),
      );
    }
  });

  it('rejects a bad scale', () => {
    const r = sightline(['sample', '--out', join(dir, 'x'), '--scale', 'huge']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--scale huge/);
  });
});

describe('sightline import --schema', () => {
  it('sets types from a schema file and refuses an unknown type', () => {
    const ws = join(dir, 'schema.sightline');
    const csv = join(dir, 'zips.csv');
    writeFileSync(csv, 'zip,day,n\n02139,31/12/2024,1\n90210,01/02/2024,2\n');
    const schema = join(dir, 'schema.json');
    writeFileSync(schema, JSON.stringify({ zip: 'categorical', n: 'real' }));
    const r = sightline([
      'import',
      csv,
      '--workspace',
      ws,
      '--schema',
      schema,
      '--date-format',
      'DD/MM/YYYY',
      '--json',
    ]);
    expect(r.status, r.stderr).toBe(0);
    const cols = (
      r.json() as {
        imports: { report: { columns: { name: string; type: string; typeSource: string }[] } }[];
      }
    ).imports[0]!.report.columns;
    expect(cols.map((c) => [c.name, c.type, c.typeSource])).toEqual([
      ['zip', 'categorical', 'user'],
      ['day', 'date', 'inferred'],
      ['n', 'real', 'user'],
    ]);
    writeFileSync(schema, JSON.stringify({ zip: 'zipcode' }));
    const bad = sightline(['import', csv, '--workspace', ws, '--table', 'z2', '--schema', schema]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown type "zipcode"/);
  });
});

describe('sightline train', () => {
  it('trains a custom model with --param passed to the learner and registers it', async () => {
    const ws = join(dir, 'train.sightline');
    expect(sightline(['import', 'sample-data/small/leads.csv', '--workspace', ws]).status).toBe(0);
    const r = sightline([
      'train',
      'custom',
      '--workspace',
      ws,
      '--table',
      'leads',
      '--target',
      'converted',
      '--learner',
      'gbdt',
      '--param',
      'trees=30',
      '--folds',
      '3',
      '--json',
    ]);
    expect(r.status, r.stderr).toBe(0);
    const out = r.json() as {
      name: string;
      version: number;
      leaderboard: { learner: string; params: Record<string, unknown> }[];
      metrics: { auc: number };
    };
    expect([out.name, out.version]).toEqual(['custom', 1]);
    expect(out.leaderboard[0]!.params).toMatchObject({ trees: 30 });
    expect(out.metrics.auc).toBeGreaterThan(0.65);
    const bad = sightline([
      'train',
      'custom',
      '--workspace',
      ws,
      '--table',
      'leads',
      '--target',
      'converted',
      '--learner',
      'gbdt',
      '--param',
      'trees=-4',
    ]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/'trees' must be in \[1/);
    const unknown = sightline(['train', 'forecast', '--workspace', ws, '--table', 'leads']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown model kind "forecast"/);
  });
});
