// Jobs as rows in the workspace: written outside the job's own transaction, so a failed or
// cancelled job is on record while the data it touched is rolled back, and a job left 'running'
// by a dead process is seen as interrupted on the next open.
import { randomUUID } from 'node:crypto';
import type { Workspace } from '../workspace/workspace.js';
import { now, translateSqliteError } from '../workspace/workspace.js';

export type JobState = 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

export interface JobRow {
  id: string;
  kind: string;
  params: unknown;
  state: JobState;
  progress: unknown;
  result: unknown;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export class JobRecord {
  private lastWrite = 0;

  private constructor(
    private readonly ws: Workspace,
    readonly id: string,
  ) {}

  static start(ws: Workspace, kind: string, params: unknown): JobRecord {
    const id = randomUUID();
    const t = now();
    try {
      ws.db
        .prepare(
          `INSERT INTO sl_jobs (id, kind, params, state, pid, created_at, updated_at) VALUES (?, ?, ?, 'running', ?, ?, ?)`,
        )
        .run(id, kind, JSON.stringify(params), process.pid, t, t);
    } catch (err) {
      // The first write of a job: a locked, full or read-only workspace shows here, by name.
      throw translateSqliteError(err, ws.path);
    }
    return new JobRecord(ws, id);
  }

  /**
   * Records progress at most twice a second; it is for a reader after a crash, not for the UI, so
   * a write that cannot happen now (another process holds the write lock, the disk is full) is
   * skipped rather than failing the job.
   */
  progress(p: unknown): void {
    const t = Date.now();
    if (t - this.lastWrite < 500 || this.ws.db.inTransaction) return;
    this.lastWrite = t;
    try {
      this.ws.db
        .prepare(`UPDATE sl_jobs SET progress = ?, updated_at = ? WHERE id = ?`)
        .run(JSON.stringify(p), now(), this.id);
    } catch (err) {
      if (!isSqliteError(err)) throw err;
    }
  }

  /**
   * `finish` for a job that already failed: if even this write fails (disk full, workspace
   * locked), the job's own error is the one to report, and the row, left 'running', reads
   * 'interrupted' on the next open.
   */
  finishQuietly(
    state: Exclude<JobState, 'running' | 'interrupted' | 'done'>,
    outcome: { error?: string },
  ): void {
    try {
      this.finish(state, outcome);
    } catch (err) {
      if (!isSqliteError(err)) throw err;
    }
  }

  finish(
    state: Exclude<JobState, 'running' | 'interrupted'>,
    outcome: { result?: unknown; error?: string },
  ): void {
    const t = now();
    this.ws.db
      .prepare(
        `UPDATE sl_jobs SET state = ?, result = ?, error = ?, updated_at = ?, finished_at = ? WHERE id = ?`,
      )
      .run(
        state,
        outcome.result === undefined ? null : JSON.stringify(outcome.result),
        outcome.error ?? null,
        t,
        t,
        this.id,
      );
  }
}

function isSqliteError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

export function listJobs(ws: Workspace, limit = 50): JobRow[] {
  const rows = ws.db
    .prepare(`SELECT * FROM sl_jobs ORDER BY created_at DESC, rowid DESC LIMIT ?`)
    .all(limit) as {
    id: string;
    kind: string;
    params: string;
    state: JobState;
    progress: string | null;
    result: string | null;
    error: string | null;
    created_at: string;
    finished_at: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    params: JSON.parse(r.params),
    state: r.state,
    progress: r.progress ? JSON.parse(r.progress) : null,
    result: r.result ? JSON.parse(r.result) : null,
    error: r.error,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  }));
}
