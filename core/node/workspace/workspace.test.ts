import Database from 'better-sqlite3';
import { writeFileSync, readFileSync, openSync, writeSync, closeSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256File, tempDir } from '../../../tests/helpers/tmp.js';
import { JobRecord, listJobs } from '../jobs/record.js';
import { WorkspaceError } from './errors.js';
import { SCHEMA_VERSION } from './migrations.js';
import { quoteIdent } from './sql.js';
import { APPLICATION_ID, Workspace } from './workspace.js';

const dir = tempDir();
let n = 0;
const fresh = () => join(dir, `ws-${++n}.sightline`);

function expectCode(fn: () => unknown, code: WorkspaceError['code']): WorkspaceError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(WorkspaceError);
    expect((err as WorkspaceError).code).toBe(code);
    return err as WorkspaceError;
  }
  throw new Error(`expected a ${code} error`);
}

describe('Workspace', () => {
  it('creates a WAL-mode SQLite file with its id, schema version and metadata tables', () => {
    const path = fresh();
    const ws = Workspace.open(path, { create: true });
    expect(ws.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ws.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(ws.schemaVersion).toBe(SCHEMA_VERSION);
    const tables = (
      ws.db.prepare(`SELECT name FROM sqlite_schema WHERE type='table' ORDER BY name`).all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    expect(tables).toEqual(
      expect.arrayContaining(['sl_columns', 'sl_datasets', 'sl_jobs', 'sl_meta']),
    );
    ws.close();
    const again = Workspace.open(path);
    expect(again.listDatasets()).toEqual([]);
    again.close();
  });

  it('refuses a missing file unless asked to create it', () => {
    const path = fresh();
    expectCode(() => Workspace.open(path), 'not_found');
    expect(existsSync(path)).toBe(false);
  });

  it('refuses a file from a newer version and leaves it byte for byte as it was', () => {
    const path = fresh();
    Workspace.open(path, { create: true }).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const before = sha256File(path);
    const err = expectCode(() => Workspace.open(path), 'newer_version');
    expect(err.message).toContain(`v${SCHEMA_VERSION + 5}`);
    expect(sha256File(path)).toBe(before);
  });

  it('refuses a text file, an empty file and a foreign SQLite database without touching them', () => {
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'hello, this is not a database\n');
    const empty = join(dir, 'empty.sightline');
    writeFileSync(empty, '');
    const foreign = join(dir, 'other.db');
    const db = new Database(foreign);
    db.exec('CREATE TABLE t (a)');
    db.close();
    for (const p of [text, empty, foreign]) {
      const before = sha256File(p);
      const err = expectCode(() => Workspace.open(p), 'not_a_workspace');
      expect(err.message).toContain(p);
      expect(sha256File(p)).toBe(before);
    }
  });

  it('refuses a damaged file with a clear error and does not rewrite it', () => {
    const path = fresh();
    const ws = Workspace.open(path, { create: true });
    ws.db.exec('CREATE TABLE data (a INTEGER)');
    ws.db.pragma('wal_checkpoint(TRUNCATE)');
    ws.db.pragma('journal_mode = DELETE');
    ws.close();
    // Overwrite the schema area of page 1 (after the 100-byte header) with garbage.
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(3000, 0xa5), 0, 3000, 100);
    closeSync(fd);
    const before = readFileSync(path);
    expectCode(() => Workspace.open(path), 'corrupt');
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('marks a job left running by a dead process as interrupted on the next open', () => {
    const path = fresh();
    const ws = Workspace.open(path, { create: true });
    const job = JobRecord.start(ws, 'import', { path: 'x.csv' });
    ws.db.prepare(`UPDATE sl_jobs SET pid = ? WHERE id = ?`).run(2 ** 22 + 12345, job.id);
    ws.close();
    const again = Workspace.open(path);
    const [row] = listJobs(again);
    expect(row?.state).toBe('interrupted');
    again.close();
  });

  it('quotes every identifier', () => {
    expect(quoteIdent('x"; DROP TABLE t;--')).toBe('"x""; DROP TABLE t;--"');
    expect(() => quoteIdent('a\0b')).toThrow(/NUL/);
  });
});

describe('job records', () => {
  it('records imports and profiling runs with their outcome', async () => {
    const { importFile } = await import('../import/importer.js');
    const { profileTable } = await import('../profile.js');
    const path = fresh();
    const ws = Workspace.open(path, { create: true });
    const csv = join(dir, 'jobs.csv');
    writeFileSync(csv, 'a,b\n1,x\n2,y\n');
    await importFile(ws, csv, { table: 't' });
    await profileTable(ws, 't');
    await expect(profileTable(ws, 'missing')).rejects.toThrow(/no table/);
    await expect(importFile(ws, csv, { table: 't' })).rejects.toThrow(/already exists/);
    const jobs = listJobs(ws).reverse();
    expect(jobs.map((j) => [j.kind, j.state])).toEqual([
      ['import', 'done'],
      ['profile', 'done'],
      ['import', 'failed'],
    ]);
    expect(jobs[2]!.error).toMatch(/already exists/);
    ws.close();
  });
});
