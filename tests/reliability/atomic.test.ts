// The pieces crash safety rests on, one by one: a workspace is whole from the moment it exists,
// export files are replaced atomically, SQLite's failures are named, and a job's progress write
// never fails the job.
import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JobRecord, listJobs } from '../../core/node/jobs/record.js';
import { FileWriteError, writeFileAtomic } from '../../core/node/workspace/atomic-file.js';
import { WorkspaceError } from '../../core/node/workspace/errors.js';
import { readSqliteHeader } from '../../core/node/workspace/header.js';
import { SCHEMA_VERSION } from '../../core/node/workspace/migrations.js';
import {
  APPLICATION_ID,
  translateSqliteError,
  Workspace,
} from '../../core/node/workspace/workspace.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir('sightline-atomic-');

describe('a new workspace', () => {
  it('has its identity in the main file from the start, with no temporary files left', () => {
    const path = join(dir, 'new.sightline');
    const ws = Workspace.open(path, { create: true });
    try {
      // While the connection is open (as when a process is killed), the raw header that the next
      // open reads already says "Sightline workspace, schema vN" — in WAL mode it used to be in
      // the -wal file only until a checkpoint, and the file was refused after a crash.
      const header = readSqliteHeader(path);
      expect(header).toMatchObject({
        applicationId: APPLICATION_ID,
        userVersion: SCHEMA_VERSION,
        walMode: true,
      });
      expect(readdirSync(dir).filter((f) => f.includes('.creating-'))).toEqual([]);
    } finally {
      ws.close();
    }
  });
});

describe('writeFileAtomic', () => {
  it('replaces a file whole', () => {
    const path = join(dir, 'out.json');
    writeFileSync(path, '{"old":true}');
    writeFileAtomic(path, '{"new":true}');
    expect(readFileSync(path, 'utf8')).toBe('{"new":true}');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('names the file and leaves nothing behind when it cannot write', () => {
    const path = join(dir, 'no-such-folder', 'out.json');
    let error: unknown;
    try {
      writeFileAtomic(path, 'x');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(FileWriteError);
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toMatch(/its folder does not exist \(ENOENT\)/);
    expect(existsSync(path)).toBe(false);
  });
});

describe('translateSqliteError', () => {
  const err = (code: string, message: string) => Object.assign(new Error(message), { code });
  it.each([
    ['SQLITE_FULL', 'disk_full', /the disk is full/],
    ['SQLITE_BUSY', 'locked', /another process is writing to it/],
    ['SQLITE_BUSY_SNAPSHOT', 'locked', /another process is writing to it/],
    ['SQLITE_READONLY_DBMOVED', 'read_only', /cannot write the workspace/],
    ['SQLITE_IOERR_WRITE', 'io_error', /reading or writing the workspace failed/],
    ['SQLITE_CORRUPT', 'corrupt', /damaged/],
  ])('%s becomes a %s error naming the workspace', (code, expected, text) => {
    const e = translateSqliteError(err(code, 'x'), '/w.sightline') as WorkspaceError;
    expect(e).toBeInstanceOf(WorkspaceError);
    expect(e.code).toBe(expected);
    expect(e.message).toMatch(/^\/w\.sightline: /);
    expect(e.message).toMatch(text);
  });

  it('leaves other errors alone', () => {
    const e = new Error('plain');
    expect(translateSqliteError(e, '/w')).toBe(e);
  });
});

describe('job records', () => {
  it('skip a progress write while another process holds the write lock', () => {
    const path = join(dir, 'jobs.sightline');
    const ws = Workspace.open(path, { create: true });
    const other = new Database(path);
    try {
      const job = JobRecord.start(ws, 'train:custom', {});
      ws.db.pragma('busy_timeout = 0');
      other.exec('BEGIN IMMEDIATE');
      expect(() => job.progress({ step: 1 })).not.toThrow();
      expect(() => job.finishQuietly('failed', { error: 'stopped' })).not.toThrow();
      other.exec('ROLLBACK');
      job.finish('done', {});
      expect(listJobs(ws)[0]!.state).toBe('done');
    } finally {
      other.close();
      ws.close();
    }
  });

  it.runIf(process.platform === 'linux')(
    'read interrupted when their process id now belongs to a younger process',
    () => {
      const path = join(dir, 'reused.sightline');
      let ws = Workspace.open(path, { create: true });
      const insert = ws.db.prepare(
        `INSERT INTO sl_jobs (id, kind, params, state, pid, created_at, updated_at) VALUES (?, 'import', '{}', 'running', ?, ?, ?)`,
      );
      const long = '2000-01-01T00:00:00.000Z';
      const recent = new Date().toISOString();
      // This process is alive, but it started long after 2000: the first job is not its own.
      insert.run('reused', process.pid, long, long);
      insert.run('mine', process.pid, recent, recent);
      ws.close();
      ws = Workspace.open(path);
      try {
        const state = (id: string) => listJobs(ws).find((j) => j.id === id)!.state;
        expect(state('reused')).toBe('interrupted');
        expect(state('mine')).toBe('running');
      } finally {
        ws.close();
      }
    },
  );

  it('start with a clear error when the workspace is locked', () => {
    const path = join(dir, 'locked.sightline');
    const ws = Workspace.open(path, { create: true });
    const other = new Database(path);
    try {
      ws.db.pragma('busy_timeout = 0');
      other.exec('BEGIN IMMEDIATE');
      expect(() => JobRecord.start(ws, 'import', {})).toThrow(/the workspace is busy/);
      other.exec('ROLLBACK');
    } finally {
      other.close();
      ws.close();
    }
  });
});
