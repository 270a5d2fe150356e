import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parquetWriteFile } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/helpers/tmp.js';
import { rows } from '../../../tests/helpers/workspace.js';
import { Workspace } from '../workspace/workspace.js';
import { importFile } from './importer.js';

const dir = tempDir();
let k = 0;
function file(content: string | Buffer, ext = 'csv'): string {
  const p = join(dir, `f-${++k}.${ext}`);
  writeFileSync(p, content);
  return p;
}
const ws = () => Workspace.open(join(dir, `ws-${++k}.sightline`), { create: true });

const expected = [
  { id: 1, name: 'ann', score: 3.5, joined: '2024-01-31', active: 1 },
  { id: 2, name: 'bob', score: -1, joined: '2024-02-29', active: 0 },
];
const csv = (d: string, nl = '\n') =>
  ['id', 'name', 'score', 'joined', 'active'].join(d) +
  nl +
  ['1', 'ann', '3.5', '2024-01-31', 'yes'].join(d) +
  nl +
  ['2', 'bob', '-1.0', '2024-02-29', 'no'].join(d) +
  nl;

describe('importFile: delimited text', () => {
  it.each([
    ['comma', ','],
    ['tab', '\t'],
    ['semicolon', ';'],
    ['pipe', '|'],
  ])('sniffs the %s delimiter and infers types', async (_name, d) => {
    const w = ws();
    const [r] = await importFile(w, file(csv(d)), { table: 't' });
    expect(r!.report.details.delimiter).toBe(d);
    expect(r!.report.columns.map((c) => c.type)).toEqual([
      'integer',
      'categorical',
      'real',
      'date',
      'boolean',
    ]);
    expect(rows(w, 't')).toEqual(expected);
  });

  it('reads CRLF, a UTF-8 BOM, UTF-16 with BOM, Windows-1252 and gzip alike', async () => {
    const latin = Buffer.from(csv(',', '\r\n').replace('ann', 'Zo\u00eb'), 'latin1');
    const variants: [string, Buffer][] = [
      ['crlf', Buffer.from(csv(',', '\r\n'))],
      ['bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv(','))])],
      [
        'utf16le',
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv(',', '\r\n'), 'utf16le')]),
      ],
      ['gzip', gzipSync(Buffer.from(csv(',')))],
    ];
    for (const [name, bytes] of variants) {
      const w = ws();
      const [r] = await importFile(w, file(bytes, name === 'gzip' ? 'csv.gz' : 'csv'), {
        table: 't',
      });
      expect(rows(w, 't'), name).toEqual(expected);
      if (name === 'gzip') expect(r!.report.details.compressed).toBe('gzip');
      if (name === 'utf16le') expect(r!.report.details.encoding).toBe('utf-16le');
    }
    const w = ws();
    const [r] = await importFile(w, file(latin), { table: 't' });
    expect(r!.report.details.encoding).toBe('windows-1252');
    expect(rows(w, 't')[0]!.name).toBe('Zoë');
  });

  it('honours --type, --date-format and --no-header', async () => {
    const w = ws();
    const [r] = await importFile(w, file('zip,day\n01234,31/12/2024\n90210,01/02/2024\n'), {
      table: 't',
      types: { zip: 'categorical' },
      dateFormat: 'DD/MM/YYYY',
    });
    expect(r!.report.columns.map((c) => [c.type, c.typeSource])).toEqual([
      ['categorical', 'user'],
      ['date', 'inferred'],
    ]);
    expect(rows(w, 't')).toEqual([
      { zip: '01234', day: '2024-12-31' },
      { zip: '90210', day: '2024-02-01' },
    ]);
    const [n] = await importFile(w, file('1,2\n3,4\n'), { table: 'nh', header: false });
    expect(n!.report.columns.map((c) => c.name)).toEqual(['column_1', 'column_2']);
    expect(n!.rows).toBe(2);
  });

  it('widens an integer column to real when a later value needs it', async () => {
    const w = ws();
    const lines = ['v'];
    for (let i = 0; i < 50; i++) lines.push(String(i));
    lines.push('2.5');
    const [r] = await importFile(w, file(`${lines.join('\n')}\n`), { table: 't', sampleRows: 10 });
    expect(r!.report.columns[0]!.type).toBe('real');
    expect(r!.report.problemCount).toBe(0);
    expect(w.getColumns(r!.datasetId)[0]!.type).toBe('real');
  });

  it('records the dataset, its columns and a fingerprint; replace and append work', async () => {
    const w = ws();
    const f = file(csv(','));
    const [r] = await importFile(w, f, { table: 'people' });
    const ds = w.requireDataset('people');
    expect(ds.rowCount).toBe(2);
    expect(ds.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(w.getColumns(ds.id).map((c) => c.name)).toEqual([
      'id',
      'name',
      'score',
      'joined',
      'active',
    ]);
    expect(w.getImportReport(ds.id)).toMatchObject({ rowsImported: 2, table: 'people' });
    await importFile(w, f, { table: 'people', mode: 'append' });
    expect(w.requireDataset('people').rowCount).toBe(4);
    await importFile(w, f, { table: 'people', mode: 'replace' });
    expect(w.requireDataset('people').rowCount).toBe(2);
    expect(r!.report.fingerprint).toBe(ds.fingerprint);
  });

  it('reports progress in bytes and rows', async () => {
    const w = ws();
    const body = Array.from({ length: 100_000 }, (_, i) => `${i},${i % 13}`).join('\n');
    const seen: { bytesRead: number; rows: number }[] = [];
    await importFile(w, file(`a,b\n${body}\n`), { table: 't', onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)!.rows).toBe(100_000);
    for (let i = 1; i < seen.length; i++)
      expect(seen[i]!.rows).toBeGreaterThanOrEqual(seen[i - 1]!.rows);
  });
});

describe('importFile: other formats', () => {
  it('reads JSON Lines, keeping nested values as JSON and reporting unknown later keys', async () => {
    const w = ws();
    const lines = [
      '{"id": 1, "tags": ["a", "b"], "score": 2.5}',
      '{"id": 2, "score": null}',
      '{"id": 3, "score": 1, "extra": true}',
    ];
    const [r] = await importFile(w, file(`${lines.join('\n')}\n`, 'jsonl'), {
      table: 't',
      sampleRows: 2,
    });
    expect(r!.report.format).toBe('jsonl');
    expect(rows(w, 't').slice(0, 2)).toEqual([
      { id: 1, tags: '["a","b"]', score: 2.5 },
      { id: 2, tags: null, score: null },
    ]);
    expect(r!.report.problems[0]).toMatchObject({ line: 3, kind: 'record' });
  });

  it('reads every table of an SQLite database, or the one named', async () => {
    const src = join(dir, 'src.db');
    const db = new Database(src);
    db.exec(`CREATE TABLE orders (id INTEGER, amount REAL, day TEXT); CREATE TABLE shops (name TEXT);
      INSERT INTO orders VALUES (1, 9.5, '2024-03-01'), (2, NULL, '2024-03-02'); INSERT INTO shops VALUES ('north');`);
    db.close();
    const w = ws();
    const res = await importFile(w, src);
    expect(res.map((r) => r.table).sort()).toEqual(['orders', 'shops']);
    expect(rows(w, 'orders')).toEqual([
      { id: 1, amount: 9.5, day: '2024-03-01' },
      { id: 2, amount: null, day: '2024-03-02' },
    ]);
    const w2 = ws();
    const one = await importFile(w2, src, { sourceTable: 'shops', table: 'stores' });
    expect(one.map((r) => r.table)).toEqual(['stores']);
  });

  it('reads Parquet', async () => {
    const p = join(dir, 'data.parquet');
    parquetWriteFile({
      filename: p,
      columnData: [
        { name: 'id', data: [1, 2, 3], type: 'INT32' },
        { name: 'price', data: [1.5, 2.25, null], type: 'DOUBLE' },
        { name: 'city', data: ['Oslo', 'Lima', 'Oslo'], type: 'STRING' },
      ],
    });
    const w = ws();
    const [r] = await importFile(w, p, { table: 't' });
    expect(r!.report.format).toBe('parquet');
    expect(rows(w, 't')).toEqual([
      { id: 1, price: 1.5, city: 'Oslo' },
      { id: 2, price: 2.25, city: 'Lima' },
      { id: 3, price: null, city: 'Oslo' },
    ]);
  });
});

describe('importFile: the worker path', () => {
  it('gives the same table and report as reading in one thread, for a file above the worker threshold', async () => {
    const lines = ['id,amount,plan,big,day'];
    for (let i = 0; i < 120_000; i++) {
      const amount = i > 20_000 && i % 5000 === 7 ? 'oops' : (i * 0.37).toFixed(2);
      const big = i % 1000 === 0 ? '9007199254740993' : String(i);
      lines.push(
        `${i},${amount},${['basic', 'plus', 'pro'][i % 3]},${big},2024-0${(i % 9) + 1}-1${i % 10}`,
      );
    }
    const f = file(`${lines.join('\n')}\n`);
    const a = ws();
    const b = ws();
    const [ra] = await importFile(a, f, { table: 't', parallel: true });
    const [rb] = await importFile(b, f, { table: 't', parallel: false });
    expect(ra!.rows).toBe(120_000 - lines.filter((l) => l.includes('oops')).length);
    expect(ra!.report.problemCount).toBe(20);
    expect(ra!.report.problems).toEqual(rb!.report.problems);
    expect(ra!.report.columns).toEqual(rb!.report.columns);
    expect(ra!.report.fingerprint).toBe(rb!.report.fingerprint);
    const dump = (w: Workspace) =>
      w.db.prepare('SELECT * FROM t ORDER BY rowid').safeIntegers(true).raw(true).all();
    expect(dump(a)).toEqual(dump(b));
    expect(a.db.prepare('SELECT big FROM t WHERE id = 1000').safeIntegers(true).get()).toEqual({
      big: 9007199254740993n,
    });
  });

  it('carries a --on-error fail stop from the worker with its line and column', async () => {
    const lines = ['id,amount'];
    for (let i = 0; i < 400_000; i++) lines.push(`${i},${i === 300_000 ? 'bad' : i}`);
    const f = file(`${lines.join('\n')}\n`);
    const w = ws();
    await expect(importFile(w, f, { table: 't', onError: 'fail' })).rejects.toThrow(
      `${f}:300002: column "amount"`,
    );
    expect(w.tableExists('t')).toBe(false);
  });
});
