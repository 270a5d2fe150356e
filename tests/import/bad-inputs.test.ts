// The corpus of bad inputs: each case asserts its documented outcome (docs/import.md) and that
// nothing else in the workspace changed.
import { randomBytes } from 'node:crypto';
import { truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../core/node/import/importer.js';
import { tempDir } from '../helpers/tmp.js';
import { expectImportFails, rows, snapshot, workspaceWithTable } from '../helpers/workspace.js';

const dir = tempDir();
let k = 0;
function file(content: string | Buffer, ext = 'csv'): string {
  const p = join(dir, `in-${++k}.${ext}`);
  writeFileSync(p, content);
  return p;
}

describe('bad inputs', () => {
  it('malformed quotes: an unterminated quoted field fails with its line, and nothing changes', async () => {
    const ws = await workspaceWithTable(dir);
    const f = file('a,b,c\n1,2,3\n4,"five,6\n7,8,9\n');
    const err = await expectImportFails(ws, f, { table: 't' });
    expect(err.code).toBe('unterminated_quote');
    expect(err.message).toContain(`${f}:3`);
    expect(ws.tableExists('t')).toBe(false);
  });

  it('a stray quote inside an unquoted field is kept as a character', async () => {
    const ws = await workspaceWithTable(dir);
    const [r] = await importFile(ws, file('a,b\n1,say "hi\n2,ok\n'), { table: 't' });
    expect(r!.rows).toBe(2);
    expect(rows(ws, 't')[0]).toEqual({ a: 1, b: 'say "hi' });
  });

  it('ragged rows: skipped by default and reported with line numbers', async () => {
    const ws = await workspaceWithTable(dir);
    const f = file('a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n');
    const [r] = await importFile(ws, f, { table: 't' });
    expect(r!.rows).toBe(2);
    expect(r!.report.problemCount).toBe(2);
    expect(r!.report.problems.map((p) => [p.line, p.kind])).toEqual([
      [3, 'field_count'],
      [4, 'field_count'],
    ]);
    expect(rows(ws, 't').map((x) => x.a)).toEqual([1, 10]);
  });

  it('ragged rows with --on-error fail stop at the first, naming file and line; with null, short rows are padded', async () => {
    const ws = await workspaceWithTable(dir);
    const f = file('a,b,c\n1,2,3\n4,5\n6,7,8,9\n');
    const err = await expectImportFails(ws, f, { table: 't', onError: 'fail' });
    expect(err.code).toBe('row_problem');
    expect(err.message).toContain(`${f}:3`);
    const [r] = await importFile(ws, f, { table: 't', onError: 'null' });
    expect(rows(ws, 't')).toEqual([
      { a: 1, b: 2, c: 3 },
      { a: 4, b: 5, c: null },
    ]);
    expect(r!.report.rowsSkipped).toBe(1);
  });

  it('an empty file is refused and nothing is created', async () => {
    const ws = await workspaceWithTable(dir);
    const err = await expectImportFails(ws, file(''), { table: 't' });
    expect(err.code).toBe('empty');
  });

  it('a header-only file creates an empty table of text columns and says so', async () => {
    const ws = await workspaceWithTable(dir);
    const [r] = await importFile(ws, file('a,b,c\n'), { table: 't' });
    expect(r!.rows).toBe(0);
    expect(r!.report.columns.map((c) => c.name)).toEqual(['a', 'b', 'c']);
    expect(r!.report.notes.join(' ')).toMatch(/no data rows/);
    expect(ws.requireDataset('t').rowCount).toBe(0);
  });

  it('a binary file is refused as binary', async () => {
    const ws = await workspaceWithTable(dir);
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      randomBytes(4096),
    ]);
    const err = await expectImportFails(ws, file(png, 'png'), { table: 't' });
    expect(err.code).toBe('binary');
  });

  it('a 10 MB single line streams through as one value', async () => {
    const ws = await workspaceWithTable(dir);
    const big = 'x'.repeat(10 * 1024 * 1024);
    const [r] = await importFile(ws, file(`id,payload\n1,${big}`), { table: 't' });
    expect(r!.rows).toBe(1);
    const got = ws.db.prepare(`SELECT length(payload) AS n FROM t`).get() as { n: number };
    expect(got.n).toBe(big.length);
  });

  it('mixed encodings: valid UTF-8 stays UTF-8 and stray Latin-1 bytes read as Windows-1252', async () => {
    const ws = await workspaceWithTable(dir);
    const f = file(
      Buffer.concat([
        Buffer.from('name,city\ncafé,Zürich\n', 'utf8'),
        Buffer.from('na\xefve,M\xfcnchen\n', 'latin1'),
      ]),
    );
    const [r] = await importFile(ws, f, { table: 't' });
    expect(rows(ws, 't')).toEqual([
      { name: 'café', city: 'Zürich' },
      { name: 'naïve', city: 'München' },
    ]);
    expect(r!.report.details.invalidUtf8Bytes).toBe(2);
  });

  it('huge and malformed numbers are row problems, never silent zeros or infinities', async () => {
    const ws = await workspaceWithTable(dir);
    const lines = ['id,amount'];
    for (let i = 1; i <= 30; i++) lines.push(`${i},${i}.5`);
    lines.push('31,1e400', '32,12..5', '33,0x1F', '34,-7.25');
    // The bad values come after the rows types are inferred from, as they would in a large file.
    const [r] = await importFile(ws, file(`${lines.join('\n')}\n`), { table: 't', sampleRows: 30 });
    expect(r!.report.columns[1]!.type).toBe('real');
    expect(r!.report.problemCount).toBe(3);
    expect(r!.report.problems.map((p) => [p.line, p.column])).toEqual([
      [32, 'amount'],
      [33, 'amount'],
      [34, 'amount'],
    ]);
    expect(r!.rows).toBe(31);
    const vals = rows(ws, 't').map((x) => x.amount);
    expect(vals).not.toContain(Infinity);
    expect(vals.at(-1)).toBe(-7.25);
  });

  it('integers beyond 2^53 are stored exactly', async () => {
    const ws = await workspaceWithTable(dir);
    await importFile(ws, file('id,big\n1,9007199254740993\n2,-9223372036854775808\n3,12\n'), {
      table: 't',
    });
    const got = ws.db.prepare('SELECT big FROM t ORDER BY rowid').safeIntegers(true).all() as {
      big: bigint;
    }[];
    expect(got.map((g) => g.big)).toEqual([9007199254740993n, -9223372036854775808n, 12n]);
  });

  it("the usual missing markers ('', NA, null, N/A) become NULL without breaking the column's type", async () => {
    const ws = await workspaceWithTable(dir);
    const [r] = await importFile(ws, file('id,n\n1,5\n2,\n3,NA\n4,null\n5,N/A\n6,7\n'), {
      table: 't',
    });
    expect(r!.report.columns[1]!.type).toBe('integer');
    expect(rows(ws, 't').map((x) => x.n)).toEqual([5, null, null, null, null, 7]);
    expect(r!.report.problemCount).toBe(0);
  });

  it('duplicate and empty headers get unique names, noted in the report', async () => {
    const ws = await workspaceWithTable(dir);
    const [r] = await importFile(ws, file('a,,A,a,b\n1,2,3,4,5\n'), { table: 't' });
    expect(r!.report.columns.map((c) => c.name)).toEqual(['a', 'column_2', 'A_2', 'a_3', 'b']);
    expect(r!.report.renamedColumns.map((x) => x.reason)).toEqual([
      'empty',
      'duplicate',
      'duplicate',
    ]);
    expect(rows(ws, 't')).toEqual([{ a: 1, column_2: 2, A_2: 3, a_3: 4, b: 5 }]);
  });

  it('SQL-significant header names become columns with exactly those names', async () => {
    const ws = await workspaceWithTable(dir);
    const before = rows(ws, 'keep');
    const names = ['x"; DROP TABLE keep;--', 'select', 'a.b', '[c]', "'q'", 'from where'];
    const header = names.map((n) => `"${n.replaceAll('"', '""')}"`).join(',');
    const [r] = await importFile(ws, file(`${header}\n1,2,3,4,5,6\n`), { table: 'order by; --' });
    expect(r!.report.columns.map((c) => c.name)).toEqual(names);
    expect(Object.keys(rows(ws, 'order by; --')[0]!)).toEqual(names);
    expect(rows(ws, 'keep')).toEqual(before);
  });

  it('a file that vanishes mid-import fails and leaves the workspace unchanged', async () => {
    const ws = await workspaceWithTable(dir);
    const body = Array.from({ length: 200_000 }, (_, i) => `${i},${i * 2},name${i % 7}`).join('\n');
    const f = file(`a,b,c\n${body}\n`);
    let removed = false;
    const err = await expectImportFails(ws, f, {
      table: 't',
      onProgress: () => {
        if (!removed) {
          removed = true;
          unlinkSync(f);
        }
      },
    });
    expect(err.code).toBe('changed');
    expect(err.message).toMatch(/disappeared/);
  });

  it('a file cut short mid-import fails and leaves the workspace unchanged', async () => {
    const ws = await workspaceWithTable(dir);
    const body = Array.from({ length: 400_000 }, (_, i) => `${i},${i * 2},name${i % 7}`).join('\n');
    const f = file(`a,b,c\n${body}\n`);
    let cut = false;
    const err = await expectImportFails(ws, f, {
      table: 't',
      onProgress: () => {
        if (!cut) {
          cut = true;
          truncateSync(f, 100_000);
        }
      },
    });
    expect(err.code).toBe('changed');
  });

  it('a damaged gzip file fails clearly', async () => {
    const ws = await workspaceWithTable(dir);
    const gz = gzipSync(
      Buffer.from(`a,b\n${Array.from({ length: 50_000 }, (_, i) => `${i},${i}`).join('\n')}\n`),
    );
    const err = await expectImportFails(ws, file(gz.subarray(0, gz.length >> 1), 'csv.gz'), {
      table: 't',
    });
    expect(err.code).toBe('format');
    expect(err.message).toMatch(/gzip/);
  });

  it('cancelling rolls everything back', async () => {
    const ws = await workspaceWithTable(dir);
    const body = Array.from({ length: 300_000 }, (_, i) => `${i},${i * 2}`).join('\n');
    const ac = new AbortController();
    const err = await expectImportFails(ws, file(`a,b\n${body}\n`), {
      table: 't',
      signal: ac.signal,
      onProgress: () => ac.abort(),
    });
    expect(err.code).toBe('cancelled');
  });

  it('create refuses an existing table; a failed replace keeps the old table', async () => {
    const ws = await workspaceWithTable(dir);
    const err = await expectImportFails(ws, file('id,name,score\n9,zed,1\n'), { table: 'keep' });
    expect(err.code).toBe('table_exists');
    const bad = await expectImportFails(ws, file('id,name\n1,"open\n'), {
      table: 'keep',
      mode: 'replace',
    });
    expect(bad.code).toBe('unterminated_quote');
    expect(rows(ws, 'keep')).toHaveLength(3);
  });

  it('a failed append keeps the table as it was', async () => {
    const ws = await workspaceWithTable(dir);
    const before = snapshot(ws);
    const err = await expectImportFails(ws, file('id,name,other\n4,dee,1\n'), {
      table: 'keep',
      mode: 'append',
    });
    expect(err.code).toBe('schema');
    expect(snapshot(ws)).toBe(before);
  });
});
