// The command line as a user meets it: real files, a real workspace, exit statuses and messages.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeModel } from '../../core/common/onnx/index.js';
import { Workspace } from '../../core/node/workspace/workspace.js';
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

describe('sightline models, evaluate, predict', () => {
  it('versions, promotes, compares, exports and scores a model as a user would', () => {
    const ws = join(dir, 'registry.sightline');
    expect(sightline(['import', 'sample-data/small/leads.csv', '--workspace', ws]).status).toBe(0);
    const trainArgs = (trees: string) => [
      'train',
      'custom',
      '--workspace',
      ws,
      '--table',
      'leads',
      '--target',
      'converted',
      '--id',
      'lead_id',
      '--learner',
      'gbdt',
      '--param',
      `trees=${trees}`,
      '--folds',
      '3',
      '--name',
      'leads',
      '--json',
    ];
    expect(sightline(trainArgs('20')).json()).toMatchObject({ name: 'leads', version: 1 });
    expect(sightline(trainArgs('40')).json()).toMatchObject({ name: 'leads', version: 2 });

    const list = sightline(['models', '--workspace', ws, '--json']).json() as {
      models: { name: string; version: number; stage: string; metrics: { auc: number } }[];
    };
    expect(list.models.map((m) => [m.name, m.version, m.stage])).toEqual([
      ['leads', 2, 'candidate'],
      ['leads', 1, 'candidate'],
    ]);
    expect(sightline(['models', 'promote', 'leads@1', '--workspace', ws]).status).toBe(0);
    expect(sightline(['models', 'promote', 'leads@2', '--workspace', ws]).status).toBe(0);
    const stages = (
      sightline(['models', '--workspace', ws, '--json']).json().models as { stage: string }[]
    ).map((m) => m.stage);
    expect(stages).toEqual(['production', 'archived']);
    const cmp = sightline([
      'models',
      'compare',
      'leads@1',
      'leads@2',
      '--workspace',
      ws,
      '--json',
    ]).json() as {
      metrics: { metric: string; difference: number }[];
      sameData: boolean;
      sameParams: boolean;
    };
    expect(cmp.sameData).toBe(true);
    expect(cmp.sameParams).toBe(false);
    expect(cmp.metrics.find((m) => m.metric === 'auc')!.difference).not.toBeNaN();
    const missing = sightline(['models', 'promote', 'leads@9', '--workspace', ws]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(
      /leads@9: no such version \(versions of leads: 2 production, 1 archived\)/,
    );

    // evaluate: metrics keyed by name at the model's threshold
    const ev = sightline([
      'evaluate',
      '--model',
      'leads',
      '--workspace',
      ws,
      '--table',
      'leads',
      '--json',
    ]);
    expect(ev.status, ev.stderr).toBe(0);
    const evj = ev.json() as { model: string; metrics: Record<string, number>; threshold: number };
    expect(evj.model).toBe('leads@2'); // the production version
    for (const m of ['auc', 'pr_auc', 'logloss', 'brier', 'precision', 'recall', 'fpr', 'f1'])
      expect(evj.metrics[m], m).toBeTypeOf('number');
    expect(evj.metrics.auc).toBeGreaterThan(0.7);

    // export, then score an input file with the exported artifact and no workspace
    const file = join(dir, 'leads-model.json');
    expect(sightline(['models', 'export', 'leads@2', '-o', file, '--workspace', ws]).status).toBe(
      0,
    );
    const out = join(dir, 'scores.csv');
    const pr = sightline([
      'predict',
      '--model',
      file,
      '--input',
      'sample-data/small/leads.csv',
      '-o',
      out,
    ]);
    expect(pr.status, pr.stderr).toBe(0);
    expect(pr.stdout).toMatch(/Wrote 5,000 predictions of leads@2/);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'lead_id,positive_probability,predicted_positive,risk_level,risk_factors,model_version',
    );
    expect(lines).toHaveLength(5001);
    expect(lines[1]).toMatch(
      /^L000001,0\.\d+,(true|false),(low|medium|high|critical),.+: [+−]0\.\d\d/,
    );

    // the same rows from the workspace table and from the file score identically
    const out2 = join(dir, 'scores2.jsonl');
    expect(
      sightline([
        'predict',
        '--model',
        'leads@2',
        '--workspace',
        ws,
        '--table',
        'leads',
        '-o',
        out2,
      ]).status,
    ).toBe(0);
    const first = JSON.parse(readFileSync(out2, 'utf8').split('\n')[0]!) as Record<string, unknown>;
    expect(String(first.positive_probability)).toBe(lines[1]!.split(',')[1]);

    // a standalone scorer: written, checked against the engine, importable with no dependencies
    const mjs = join(dir, 'leads-scorer.mjs');
    const ex = sightline([
      'export',
      '--model',
      'leads@2',
      '--format',
      'scorer',
      '--out',
      mjs,
      '--workspace',
      ws,
      '--json',
    ]);
    expect(ex.status, ex.stderr).toBe(0);
    expect(ex.json()).toMatchObject({ parity: { rows: 2000, passed: true } });
    expect(readFileSync(mjs, 'utf8')).not.toMatch(/^import /m);

    // ONNX: checked in onnxruntime-node, the report in the file's metadata and in the workspace
    const onnx = join(dir, 'leads.onnx');
    const ox = sightline(['export', '-m', 'leads@2', '-f', 'onnx', '-o', onnx, '-w', ws, '--json']);
    expect(ox.status, ox.stderr).toBe(0);
    const report = (ox.json() as { parity: { maxAbsDifference: number; passed: boolean } }).parity;
    expect(report.passed).toBe(true);
    expect(report.maxAbsDifference).toBeLessThanOrEqual(1e-5);
    const meta = Object.fromEntries(
      decodeModel(readFileSync(onnx)).metadataProps.map((p) => [p.key, p.value]),
    );
    expect(meta).toMatchObject({ kind: 'custom', parity_passed: 'true' });
    const check = Workspace.open(ws);
    try {
      const rows = check.db.prepare('SELECT format, parity FROM sl_exports ORDER BY id').all() as {
        format: string;
        parity: string | null;
      }[];
      expect(rows.map((r) => r.format)).toEqual(['json', 'scorer', 'onnx']);
      expect(JSON.parse(rows[2]!.parity!)).toMatchObject({ passed: true });
    } finally {
      check.close();
    }

    // a value the model cannot read is reported with its line and never scored
    const head = readFileSync('sample-data/small/leads.csv', 'utf8').split('\n').slice(0, 6);
    head[3] = head[3]!.replace(/^(([^,]*,){5})[^,]*/, '$1thirty');
    const badCsv = join(dir, 'bad-leads.csv');
    writeFileSync(badCsv, `${head.join('\n')}\n`);
    const badOut = join(dir, 'bad-scores.csv');
    const rej = sightline(['predict', '-m', 'leads@2', '-w', ws, '-i', badCsv, '-o', badOut]);
    expect(rej.status, rej.stderr).toBe(0);
    expect(rej.stderr).toMatch(
      /1 row of .* was not scored:\n {2}line 4, column "company_size": "thirty"/,
    );
    expect(readFileSync(badOut, 'utf8').trim().split('\n')).toHaveLength(1 + 4);

    const bad = sightline(['predict', '--model', 'nope', '--workspace', ws, '--table', 'leads']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/no model named "nope" in this workspace \(models: leads\)/);
  }, 120_000);
});
