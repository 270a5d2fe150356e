// A workspace: one SQLite file (WAL) holding imported tables and the metadata about them.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ColumnType } from '../../common/schema.js';
import { WorkspaceError } from './errors.js';
import { readSqliteHeader } from './header.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import { isReservedTableName, quoteIdent } from './sql.js';

/** PRAGMA application_id of every Sightline workspace: ASCII "SGHL". */
export const APPLICATION_ID = 0x5347484c;

export interface DatasetInfo {
  id: number;
  name: string;
  source: string;
  sourceFormat: string;
  fingerprint: string;
  rowCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface ColumnInfo {
  position: number;
  name: string;
  sourceName: string | null;
  type: ColumnType;
  dateFormat: string | null;
  role: string | null;
  idLike: boolean;
  profiledAt: string | null;
}

export interface OpenOptions {
  /** Create the file when it does not exist (default false). */
  create?: boolean;
  readonly?: boolean;
}

interface DatasetRow {
  id: number;
  name: string;
  source: string;
  source_format: string;
  fingerprint: string;
  row_count: number;
  created_at: string;
  updated_at: string;
}

interface ColumnRow {
  position: number;
  name: string;
  source_name: string | null;
  type: string;
  date_format: string | null;
  role: string | null;
  id_like: number;
  profiled_at: string | null;
}

export class Workspace {
  private constructor(
    readonly path: string,
    readonly db: Database.Database,
  ) {}

  /** Opens (or, with `create`, creates) the workspace at `path`; refuses anything else unchanged. */
  static open(path: string, options: OpenOptions = {}): Workspace {
    const full = resolve(path);
    if (!existsSync(full)) {
      if (!options.create) {
        throw new WorkspaceError(
          'not_found',
          `${path}: no such workspace (use --create or pick an existing file)`,
        );
      }
      return Workspace.create(full);
    }
    const st = statSync(full);
    if (!st.isFile())
      throw new WorkspaceError('not_a_workspace', `${path}: is a directory, not a workspace file`);
    const header = readSqliteHeader(full);
    if (header === 'empty') {
      throw new WorkspaceError(
        'not_a_workspace',
        `${path}: is an empty file, not a Sightline workspace (left unchanged)`,
      );
    }
    if (header === 'not_sqlite') {
      throw new WorkspaceError(
        'not_a_workspace',
        `${path}: is not a Sightline workspace (not an SQLite database; left unchanged)`,
      );
    }
    if (header.applicationId !== APPLICATION_ID) {
      throw new WorkspaceError(
        'not_a_workspace',
        `${path}: is an SQLite database but not a Sightline workspace (left unchanged). To bring its tables in, run: sightline import ${path} --workspace <workspace>`,
      );
    }
    if (header.userVersion > SCHEMA_VERSION) {
      throw new WorkspaceError(
        'newer_version',
        `${path}: was written by a newer Sightline (workspace schema v${header.userVersion}; this version reads up to v${SCHEMA_VERSION}). Upgrade Sightline to open it; the file was left unchanged.`,
      );
    }
    const db = openDatabase(full, path, {
      fileMustExist: true,
      readonly: options.readonly ?? false,
    });
    try {
      configure(db, !header.walMode && !options.readonly);
      const ws = new Workspace(full, db);
      // The version as SQLite sees it: after a crash the newest one may still be in the WAL only.
      const version = ws.schemaVersion;
      if (version > SCHEMA_VERSION) {
        throw new WorkspaceError(
          'newer_version',
          `${path}: was written by a newer Sightline (workspace schema v${version}; this version reads up to v${SCHEMA_VERSION}). Upgrade Sightline to open it; the file was left unchanged.`,
        );
      }
      if (!options.readonly) {
        ws.migrate(version);
        ws.markInterruptedJobs();
      }
      return ws;
    } catch (err) {
      db.close();
      throw translateSqliteError(err, path);
    }
  }

  /**
   * Builds a new workspace under a temporary name and links it into place complete, so a crash
   * while creating never leaves a file that is there but is not yet a workspace (in WAL mode the
   * header with the application id would sit in the -wal file until a checkpoint).
   */
  private static create(full: string): Workspace {
    const tmp = `${full}.creating-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      const db = openDatabase(tmp, full, {});
      try {
        configure(db, false);
        db.pragma(`application_id = ${APPLICATION_ID}`);
        const ws = new Workspace(full, db);
        ws.migrate(0);
        db.prepare(`INSERT INTO sl_meta (key, value) VALUES ('created_at', ?)`).run(now());
        db.pragma('journal_mode = WAL');
      } catch (err) {
        throw translateSqliteError(err, full);
      } finally {
        db.close();
      }
      try {
        linkSync(tmp, full);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        // EEXIST: another process created it meanwhile, and that one is opened below.
        if (code !== 'EEXIST') renameSync(tmp, full);
      }
    } finally {
      for (const f of [tmp, `${tmp}-journal`, `${tmp}-wal`, `${tmp}-shm`])
        rmSync(f, { force: true });
    }
    return Workspace.open(full);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  private migrate(from: number): void {
    for (const m of MIGRATIONS) {
      if (m.version <= from) continue;
      this.db.transaction(() => {
        this.db.exec(m.sql);
        this.db.pragma(`user_version = ${m.version}`);
      })();
    }
  }

  /**
   * Jobs left 'running' by a process that no longer exists were interrupted (a crash or a kill).
   * A process that started after the job was created is not the one that ran it (its id was
   * reused, e.g. after a reboot), so such a job is interrupted too.
   */
  private markInterruptedJobs(): void {
    const running = this.db
      .prepare(`SELECT id, pid, created_at FROM sl_jobs WHERE state = 'running'`)
      .all() as {
      id: string;
      pid: number | null;
      created_at: string;
    }[];
    const update = this.db.prepare(
      `UPDATE sl_jobs SET state = 'interrupted', error = 'the process running this job stopped before it finished', updated_at = ?, finished_at = ? WHERE id = ?`,
    );
    for (const job of running) {
      if (job.pid !== null && processAlive(job.pid, Date.parse(job.created_at))) continue;
      const t = now();
      update.run(t, t, job.id);
    }
  }

  tableExists(name: string): boolean {
    return (
      this.db
        .prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ? COLLATE NOCASE`)
        .get(name) !== undefined
    );
  }

  /** Checks a user table name before it is created. */
  checkNewTableName(name: string): void {
    if (name.length === 0) throw new WorkspaceError('bad_name', 'a table name cannot be empty');
    if (isReservedTableName(name)) {
      throw new WorkspaceError(
        'bad_name',
        `table name ${JSON.stringify(name)} is reserved (names starting sl_ or sqlite_ belong to the workspace)`,
      );
    }
    quoteIdent(name);
  }

  listDatasets(): DatasetInfo[] {
    const rows = this.db
      .prepare(`SELECT * FROM sl_datasets ORDER BY name COLLATE NOCASE`)
      .all() as DatasetRow[];
    return rows.map(toDataset);
  }

  getDataset(name: string): DatasetInfo | undefined {
    const row = this.db
      .prepare(`SELECT * FROM sl_datasets WHERE name = ? COLLATE NOCASE`)
      .get(name) as DatasetRow | undefined;
    return row ? toDataset(row) : undefined;
  }

  /** The dataset called `name`, or a clear error listing the tables there are. */
  requireDataset(name: string): DatasetInfo {
    const ds = this.getDataset(name);
    if (ds) return ds;
    const names = this.listDatasets().map((d) => d.name);
    throw new WorkspaceError(
      'no_such_table',
      `no table ${JSON.stringify(name)} in ${this.path}` +
        (names.length ? ` (tables: ${names.join(', ')})` : ' (it has no tables yet)'),
    );
  }

  getColumns(datasetId: number): ColumnInfo[] {
    const rows = this.db
      .prepare(
        `SELECT position, name, source_name, type, date_format, role, id_like, profiled_at FROM sl_columns WHERE dataset_id = ? ORDER BY position`,
      )
      .all(datasetId) as ColumnRow[];
    return rows.map((r) => ({
      position: r.position,
      name: r.name,
      sourceName: r.source_name,
      type: r.type as ColumnType,
      dateFormat: r.date_format,
      role: r.role,
      idLike: r.id_like === 1,
      profiledAt: r.profiled_at,
    }));
  }

  getImportReport(datasetId: number): unknown {
    const row = this.db
      .prepare(`SELECT import_report FROM sl_datasets WHERE id = ?`)
      .get(datasetId) as { import_report: string } | undefined;
    return row ? JSON.parse(row.import_report) : undefined;
  }
}

function openDatabase(full: string, shown: string, opts: Database.Options): Database.Database {
  try {
    return new Database(full, opts);
  } catch (err) {
    throw translateSqliteError(err, shown);
  }
}

function configure(db: Database.Database, setWal: boolean): void {
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  // Reading the schema touches page 1 and sqlite_schema: a damaged file fails here, before any write.
  db.prepare('SELECT count(*) FROM sqlite_schema').get();
  if (setWal) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
}

/**
 * Maps SQLite's codes (extended ones included, e.g. SQLITE_BUSY_SNAPSHOT, SQLITE_READONLY_DBMOVED)
 * to workspace errors that name the file; anything else is returned as it is.
 */
export function translateSqliteError(err: unknown, path: string): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return err;
  const message = (err as Error).message;
  const is = (base: string) => code === base || code.startsWith(`${base}_`);
  if (is('SQLITE_CORRUPT') || is('SQLITE_NOTADB')) {
    return new WorkspaceError(
      'corrupt',
      `${path}: the workspace file is damaged (${message}); it was left unchanged`,
    );
  }
  if (is('SQLITE_BUSY') || is('SQLITE_LOCKED')) {
    return new WorkspaceError(
      'locked',
      `${path}: the workspace is busy: another process is writing to it (${message}). Nothing was changed; try again when it has finished.`,
    );
  }
  if (is('SQLITE_FULL')) {
    return new WorkspaceError(
      'disk_full',
      `${path}: the disk is full (${message}). Nothing was saved; the workspace is as it was. Free some space and try again.`,
    );
  }
  if (is('SQLITE_READONLY') || is('SQLITE_CANTOPEN') || is('SQLITE_PERM')) {
    const where = is('SQLITE_CANTOPEN')
      ? 'its folder is missing, read-only or not yours to write'
      : 'the file or its folder is read-only, or not yours to write';
    return new WorkspaceError(
      'read_only',
      `${path}: cannot write the workspace (${message}): ${where}; it was left unchanged`,
    );
  }
  if (is('SQLITE_IOERR')) {
    return new WorkspaceError(
      'io_error',
      `${path}: reading or writing the workspace failed (${message}); the change was not saved`,
    );
  }
  return err;
}

function toDataset(r: DatasetRow): DatasetInfo {
  return {
    id: r.id,
    name: r.name,
    source: r.source,
    sourceFormat: r.source_format,
    fingerprint: r.fingerprint,
    rowCount: r.row_count,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Whether process `pid` exists and may be the one that created a job at `jobCreated` (ms). */
function processAlive(pid: number, jobCreated: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const started = processStartedAt(pid);
  // Slack for the boot time, which is in whole seconds, and for small clock adjustments.
  return started === undefined || !(started > jobCreated + 5000);
}

/** When process `pid` started (ms since the epoch), where the system says (Linux /proc). */
function processStartedAt(pid: number): number | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime, in clock ticks since boot) counts from the state, field 3, after "(comm)".
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const btime = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    if (!Number.isFinite(ticks) || !Number.isFinite(btime)) return undefined;
    // USER_HZ, the unit of /proc times, is 100 on every Linux architecture.
    return (btime + ticks / 100) * 1000;
  } catch {
    return undefined;
  }
}

export function now(): string {
  return new Date().toISOString();
}
