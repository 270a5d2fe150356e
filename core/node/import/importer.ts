// The import pipeline: read a sample, settle names and types, then stream every row into a new or
// existing table inside one savepoint, so a failed or cancelled import leaves the workspace as it
// was. Row problems follow the on-error policy and are counted in the report.
import { statSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { inferColumn, makeConverter } from '../../common/infer/index.js';
import { SQL_TYPE, type ColumnType } from '../../common/schema.js';
import { JobRecord } from '../jobs/record.js';
import { quoteIdent } from '../workspace/sql.js';
import { now, translateSqliteError, type Workspace } from '../workspace/workspace.js';
import { DelimitedSource } from './delimited.js';
import { detectFormat, type SourceFormat } from './detect.js';
import { ImportError } from './errors.js';
import { tableNameFromPath, uniqueColumnNames } from './headers.js';
import { JsonLinesSource } from './jsonl.js';
import { ParquetSource } from './parquet.js';
import { BatchEncoder, type ColumnSpec, type EncodeCounters } from './encode.js';
import type { ToWorker, WorkerInput, WorkerMessage } from './import-worker.js';
import { decodeDetails, decodeFile, decodeProgress } from './decode.js';
import { TableWriter } from './table-writer.js';
import {
  type ColumnReport,
  type ImportMode,
  type ImportReport,
  type OnError,
  type RowProblem,
} from './report.js';
import { SqliteTableSource, listSqliteTables } from './sqlite-source.js';
import type { RawValue, RecordBatch, RecordSource } from './source.js';

export interface ImportOptions {
  /** Destination table; default: the file's base name (or the source table's name). */
  table?: string;
  mode?: ImportMode;
  onError?: OnError;
  /** Types set before import, by column name as written in the file. */
  types?: Record<string, ColumnType>;
  dateFormat?: string;
  encoding?: string;
  delimiter?: string;
  header?: boolean;
  format?: SourceFormat;
  /** For an SQLite source: the table to bring in (default: every table). */
  sourceTable?: string;
  /** Rows read before types are inferred (default 10,000). */
  sampleRows?: number;
  /** Parse large delimited files in a worker thread (default true). */
  parallel?: boolean;
  onProgress?: (p: ImportProgress) => void;
  signal?: AbortSignal;
}

export interface ImportProgress {
  table: string;
  bytesRead: number;
  bytesTotal: number;
  rows: number;
}

export interface ImportResult {
  table: string;
  datasetId: number;
  rows: number;
  report: ImportReport;
}

const DEFAULT_SAMPLE_ROWS = 10_000;

/** Imports a file (every table of it, for an SQLite database) in one transaction. */
export async function importFile(
  ws: Workspace,
  path: string,
  options: ImportOptions = {},
): Promise<ImportResult[]> {
  const format = options.format ?? (await detectFormat(path));
  const job = JobRecord.start(ws, 'import', { path, ...withoutCallbacks(options) });
  const results: ImportResult[] = [];
  const leaveBulkMode = enterBulkMode(ws);
  ws.db.exec('SAVEPOINT sl_import_file');
  try {
    if (format === 'sqlite') {
      const tables = options.sourceTable ? [options.sourceTable] : listSqliteTables(path);
      if (tables.length === 0)
        throw new ImportError('empty', `${path}: the SQLite database has no tables`, {
          file: path,
        });
      if (options.table && tables.length > 1) {
        throw new ImportError(
          'options',
          `${path}: has ${tables.length} tables (${tables.join(', ')}); --table needs --source-table to pick one`,
        );
      }
      for (const t of tables) {
        results.push(
          await importSource(
            ws,
            path,
            new SqliteTableSource(path, t),
            { ...options, table: options.table ?? t },
            job,
          ),
        );
      }
    } else {
      results.push(await importSource(ws, path, openSource(path, format, options), options, job));
    }
    ws.db.exec('RELEASE sl_import_file');
  } catch (err) {
    rollBackImport(ws);
    const cancelled = err instanceof ImportError && err.code === 'cancelled';
    leaveBulkMode();
    const error = translateSqliteError(err, ws.path);
    job.finishQuietly(cancelled ? 'cancelled' : 'failed', { error: (error as Error).message });
    throw error;
  }
  leaveBulkMode();
  job.finish('done', { result: results.map((r) => ({ table: r.table, rows: r.rows })) });
  return results;
}

/**
 * Undoes the import's savepoint. After some errors (a full disk, an I/O error) SQLite has already
 * rolled the whole transaction back, and the savepoint no longer exists.
 */
function rollBackImport(ws: Workspace): void {
  if (!ws.db.inTransaction) return;
  try {
    ws.db.exec('ROLLBACK TO sl_import_file');
    ws.db.exec('RELEASE sl_import_file');
  } catch (err) {
    if (!ws.db.inTransaction) return;
    throw err;
  }
}

/**
 * A bulk load in WAL mode writes every page twice (to the WAL, then to the file at checkpoint).
 * When this connection is the only one, the import runs with a rollback journal instead — as
 * atomic, and for a new table it journals almost nothing — and WAL is restored afterwards. When
 * another connection holds the file, the switch is refused and the import stays in WAL.
 */
function enterBulkMode(ws: Workspace): () => void {
  if (ws.db.inTransaction) return () => {};
  try {
    if (ws.db.pragma('journal_mode', { simple: true }) !== 'wal') return () => {};
    if (ws.db.pragma('journal_mode = DELETE', { simple: true }) !== 'delete') return () => {};
  } catch {
    return () => {};
  }
  // WAL is safe from corruption on power loss with synchronous = NORMAL; a rollback journal
  // needs FULL for that (a few more fsyncs per import, not per row).
  ws.db.pragma('synchronous = FULL');
  return () => {
    ws.db.pragma('synchronous = NORMAL');
    try {
      ws.db.pragma('journal_mode = WAL');
    } catch {
      // Another process opened the file meanwhile; the next open restores WAL.
    }
  };
}

function withoutCallbacks(o: ImportOptions): Record<string, unknown> {
  const { onProgress: _p, signal: _s, ...rest } = o;
  return rest;
}

export function openSource(path: string, format: SourceFormat, o: ImportOptions): RecordSource {
  const decode = {
    ...(o.encoding ? { encoding: o.encoding } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
  };
  switch (format) {
    case 'csv':
      return new DelimitedSource(path, {
        ...decode,
        ...(o.delimiter ? { delimiter: o.delimiter } : {}),
        ...(o.header !== undefined ? { header: o.header } : {}),
      });
    case 'jsonl':
      return new JsonLinesSource(path, decode, o.sampleRows ?? DEFAULT_SAMPLE_ROWS);
    case 'parquet':
      return new ParquetSource(path);
    case 'sqlite':
      if (!o.sourceTable)
        throw new ImportError('options', `${path}: name the table to read with sourceTable`);
      return new SqliteTableSource(path, o.sourceTable);
  }
}

interface ColumnPlan extends ColumnSpec {
  sourceName: string;
  idLike: boolean;
  notes: string[];
}

interface Outcome {
  counters: EncodeCounters;
  problems: RowProblem[];
  notes: string[][];
  types: ColumnType[];
  details: Record<string, unknown>;
  fingerprint: string;
}

/** Delimited files at least this large are parsed in a worker thread while this one inserts. */
export const PARALLEL_MIN_BYTES = 4 * 1024 * 1024;

async function importSource(
  ws: Workspace,
  path: string,
  source: RecordSource,
  o: ImportOptions,
  job: JobRecord,
): Promise<ImportResult> {
  const started = Date.now();
  const startStat = statSync(path);
  const table = o.table ?? tableNameFromPath(path);
  const mode = o.mode ?? 'create';
  const onError = o.onError ?? 'skip';
  ws.checkNewTableName(table);
  const exists = ws.tableExists(table);
  if (mode === 'create' && exists) {
    throw new ImportError(
      'table_exists',
      `table ${JSON.stringify(table)} already exists in the workspace; use --mode replace or --mode append`,
    );
  }
  if (mode === 'append' && !exists) {
    throw new ImportError(
      'options',
      `table ${JSON.stringify(table)} does not exist; --mode append adds to an existing table`,
    );
  }
  if (exists && !ws.getDataset(table)) {
    throw new ImportError(
      'options',
      `table ${JSON.stringify(table)} exists but is not a dataset of this workspace`,
    );
  }

  // 1. Sample.
  const sampleRows = o.sampleRows ?? DEFAULT_SAMPLE_ROWS;
  const batches = source.batches();
  const sample: RecordBatch[] = [];
  let sampled = 0;
  let exhausted = false;
  while (sampled < sampleRows) {
    const next = await batches.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    sample.push(next.value);
    sampled += next.value.rows.length;
  }
  source.freezeColumns?.();
  const rawNames = source.columns().slice();
  if (rawNames.length === 0) {
    throw new ImportError('empty', `${path}: has no header and no rows; nothing to import`, {
      file: path,
    });
  }
  if (rawNames.length > 2000) {
    throw new ImportError(
      'too_many_columns',
      `${path}: has ${rawNames.length} columns; a workspace table holds at most 2000`,
      { file: path },
    );
  }
  const { names, renames } = uniqueColumnNames(rawNames);
  const notes: string[] = [];

  // 2. Types.
  const plans = planColumns(ws, table, mode, names, rawNames, sample, o, notes, path);

  // 3. Table.
  if (mode === 'replace' && exists) {
    ws.db.exec(`DROP TABLE ${quoteIdent(table)}`);
    ws.db.prepare(`DELETE FROM sl_datasets WHERE name = ? COLLATE NOCASE`).run(table);
  }
  let targetColumns = plans.map((p) => p.name);
  if (mode === 'append') {
    const existing = ws.getColumns(ws.requireDataset(table).id);
    targetColumns = plans.map(
      (p) => existing.find((c) => c.name.toLowerCase() === p.name.toLowerCase())!.name,
    );
  } else {
    const cols = plans.map((p) => `${quoteIdent(p.name)} ${SQL_TYPE[p.type]}`).join(', ');
    ws.db.exec(`CREATE TABLE ${quoteIdent(table)} (${cols})`);
  }

  // 4. Rows.
  const writer = new TableWriter(ws.db, table, targetColumns);
  const report = (p: { bytesRead: number; bytesTotal: number }): void => {
    const progress = {
      table,
      bytesRead: p.bytesRead,
      bytesTotal: p.bytesTotal,
      rows: writer.written,
    };
    o.onProgress?.(progress);
    job.progress(progress);
  };
  const specs: ColumnSpec[] = plans.map((p) => ({
    name: p.name,
    type: p.type,
    typeSource: p.typeSource,
    dateFormat: p.dateFormat,
  }));
  const parallel =
    source instanceof DelimitedSource &&
    !exhausted &&
    o.parallel !== false &&
    startStat.size >= PARALLEL_MIN_BYTES;
  let outcome: Outcome;
  if (parallel) {
    await batches.return(undefined);
    outcome = await encodeInWorker(path, o, specs, onError, writer, report);
  } else {
    const encoder = new BatchEncoder(specs, onError, source.unit, path);
    for (const b of sample) writer.write(encoder.encode(b));
    sample.length = 0;
    report(source.progress());
    if (!exhausted) {
      for (;;) {
        checkCancel(o.signal, path);
        const next = await batches.next();
        if (next.done) break;
        writer.write(encoder.encode(next.value));
        report(source.progress());
      }
    }
    outcome = {
      counters: encoder.counters,
      problems: encoder.problems,
      notes: encoder.notes,
      types: encoder.columns.map((c) => c.type),
      details: source.describe(),
      fingerprint: await source.fingerprint(),
    };
  }
  writer.flush();
  checkCancel(o.signal, path);
  checkUnchanged(path, startStat);
  plans.forEach((p, i) => {
    p.type = outcome.types[i]!;
    p.notes.push(...outcome.notes[i]!);
  });

  const c = outcome.counters;
  if (c.rowsRead === 0) notes.push('the file has a header but no data rows');
  const importReport: ImportReport = {
    source: resolve(path),
    format: source.format,
    details: outcome.details,
    table,
    mode,
    onError,
    rowsRead: c.rowsRead,
    rowsImported: writer.rows,
    rowsSkipped: c.rowsSkipped,
    valuesNulled: c.valuesNulled,
    blankLines: c.blankLines,
    problemCount: c.problemCount,
    problems: outcome.problems,
    renamedColumns: renames,
    columns: plans.map((p) => ({
      name: p.name,
      type: p.type,
      typeSource: p.typeSource,
      ...(p.dateFormat ? { dateFormat: p.dateFormat } : {}),
      idLike: p.idLike,
      notes: p.notes,
    })),
    notes,
    sampleRows: Math.min(sampled, sampleRows),
    durationMs: Date.now() - started,
    fingerprint: outcome.fingerprint,
  };
  const datasetId = recordDataset(ws, table, mode, importReport, plans);
  report(source.progress());
  return { table, datasetId, rows: writer.rows, report: importReport };
}

function checkCancel(signal: AbortSignal | undefined, path: string): void {
  if (signal?.aborted)
    throw new ImportError('cancelled', `${path}: import cancelled; the workspace is unchanged`, {
      file: path,
    });
}

/**
 * Parsing allocates millions of short-lived strings; with V8's default nursery the scavenges cost
 * about as much as the parsing, so the worker gets a larger young generation.
 */
const WORKER_YOUNG_GENERATION_MB = Number(process.env.SL_YOUNG_MB ?? 64);

function startWorker(workerData: WorkerInput): Worker {
  const resourceLimits = { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB };
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./import-worker.js', import.meta.url), {
      workerData,
      resourceLimits,
    });
  }
  // Running from source (tests, tsx): the worker registers tsx's loader before loading the TypeScript.
  const url = new URL('./import-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url)}); });`;
  return new Worker(boot, { eval: true, workerData, resourceLimits });
}

/** Text chunks sent to the worker but not yet taken by its parser. */
const MAX_TEXT_IN_FLIGHT = 4;

async function encodeInWorker(
  path: string,
  o: ImportOptions,
  columns: ColumnSpec[],
  onError: OnError,
  writer: TableWriter,
  report: (p: { bytesRead: number; bytesTotal: number }) => void,
): Promise<Outcome> {
  const input: WorkerInput = {
    path,
    options: {
      ...(o.delimiter ? { delimiter: o.delimiter } : {}),
      ...(o.header !== undefined ? { header: o.header } : {}),
    },
    columns,
    onError,
  };
  const decoded = decodeFile(path, { ...(o.encoding ? { encoding: o.encoding } : {}) });
  const worker = startWorker(input);
  const send = (m: ToWorker) => worker.postMessage(m);
  let sent = 0;
  let pulled = 0;
  let wake: (() => void) | undefined;
  let failure: unknown;
  let finished: Omit<Outcome, 'fingerprint'> | undefined;
  const nudge = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const fail = (err: unknown) => {
    failure ??= err;
    nudge();
  };
  const onAbort = () =>
    fail(
      new ImportError('cancelled', `${path}: import cancelled; the workspace is unchanged`, {
        file: path,
      }),
    );
  o.signal?.addEventListener('abort', onAbort);
  worker.on('message', (m: WorkerMessage) => {
    if (failure !== undefined) return;
    if (m.type === 'pulled') {
      pulled = m.pulled;
    } else if (m.type === 'batch') {
      try {
        writer.write(m.batch);
        send({ type: 'ack' });
        report(decodeProgress(decoded.info));
      } catch (err) {
        fail(err);
      }
    } else if (m.type === 'done') {
      finished = {
        counters: m.counters,
        problems: m.problems,
        notes: m.notes,
        types: m.types as ColumnType[],
        details: m.details,
      };
    } else {
      const e = m.error;
      fail(
        e.name === 'ImportError'
          ? new ImportError(
              e.code as ImportError['code'],
              e.message,
              (e.where ?? {}) as ImportError['where'],
            )
          : new Error(e.message),
      );
    }
    nudge();
  });
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (!finished)
      fail(new Error(`${path}: the import worker stopped unexpectedly (exit ${code})`));
  });
  const wait = () => new Promise<void>((r) => (wake = r));
  try {
    for await (const text of decoded.chunks) {
      if (failure !== undefined) break;
      send({ type: 'text', text });
      sent++;
      while (sent - pulled >= MAX_TEXT_IN_FLIGHT && failure === undefined) await wait();
    }
    send({ type: 'end' });
    while (!finished && failure === undefined) await wait();
    if (failure !== undefined) throw failure;
    const i = decoded.info;
    return {
      ...finished!,
      details: { ...finished!.details, ...decodeDetails(i) },
      fingerprint: i.hash.digest('hex'),
    };
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    await decoded.chunks.return(undefined);
    await worker.terminate();
  }
}

function planColumns(
  ws: Workspace | undefined,
  table: string,
  mode: ImportMode,
  names: string[],
  rawNames: string[],
  sample: { rows: RawValue[][] }[],
  o: ImportOptions,
  notes: string[],
  path: string,
): ColumnPlan[] {
  const userTypes = new Map<string, ColumnType>();
  for (const [k, t] of Object.entries(o.types ?? {})) {
    const i = rawNames.findIndex((r) => r === k);
    const j = i >= 0 ? i : names.findIndex((n) => n.toLowerCase() === k.toLowerCase());
    if (j < 0) {
      throw new ImportError(
        'options',
        `${path}: --type names column ${JSON.stringify(k)}, which the file does not have (columns: ${names.join(', ')})`,
        {
          file: path,
        },
      );
    }
    userTypes.set(names[j]!, t);
  }
  let existing: Map<string, { type: ColumnType; dateFormat: string | null }> | undefined;
  if (mode === 'append' && ws) {
    const cols = ws.getColumns(ws.requireDataset(table).id);
    existing = new Map(
      cols.map((c) => [c.name.toLowerCase(), { type: c.type, dateFormat: c.dateFormat }]),
    );
    const missing = names.filter((n) => !existing!.has(n.toLowerCase()));
    if (missing.length > 0) {
      throw new ImportError(
        'schema',
        `${path}: columns ${missing.map((m) => JSON.stringify(m)).join(', ')} are not in table ${JSON.stringify(table)} (its columns: ${cols.map((c) => c.name).join(', ')})`,
        { file: path },
      );
    }
    const absent = cols.filter((c) => !names.some((n) => n.toLowerCase() === c.name.toLowerCase()));
    if (absent.length > 0)
      notes.push(
        `columns not in the file were left empty: ${absent.map((c) => c.name).join(', ')}`,
      );
  }
  return names.map((name, c) => {
    const values = sampleColumn(sample, c, o.sampleRows ?? DEFAULT_SAMPLE_ROWS);
    const user = userTypes.get(name);
    const prior = existing?.get(name.toLowerCase());
    let type: ColumnType;
    let typeSource: ColumnReport['typeSource'];
    let dateFormat = o.dateFormat;
    let colNotes: string[] = [];
    const inferred = inferColumn(name, values, o.dateFormat ? { dateFormat: o.dateFormat } : {});
    if (prior) {
      type = prior.type;
      typeSource = 'existing';
      dateFormat = prior.dateFormat ?? undefined;
    } else if (user) {
      type = user;
      typeSource = 'user';
      if ((user === 'date' || user === 'datetime') && !dateFormat && inferred.dateFormat)
        dateFormat = inferred.dateFormat;
    } else {
      type = inferred.type;
      typeSource = 'inferred';
      dateFormat = inferred.dateFormat ?? dateFormat;
      colNotes = inferred.notes;
    }
    const idLike = inferred.idLike;
    if (type !== 'date' && type !== 'datetime') dateFormat = undefined;
    try {
      makeConverter(type, dateFormat ? { dateFormat } : {});
    } catch (err) {
      throw new ImportError(
        'options',
        `${path}: column ${JSON.stringify(name)}: ${(err as Error).message}`,
        { file: path, column: name },
      );
    }
    return {
      name,
      sourceName: rawNames[c]!,
      type,
      typeSource,
      dateFormat,
      idLike,
      notes: [...colNotes],
    };
  });
}

/** Column `c` of the first `limit` sample rows (batches may hold more rows than the sample). */
function sampleColumn(
  sample: { rows: RawValue[][] }[],
  c: number,
  limit: number,
): (string | null)[] {
  const out: (string | null)[] = [];
  for (const b of sample) {
    for (const r of b.rows) {
      if (out.length >= limit) return out;
      out.push(r[c] ?? null);
    }
  }
  return out;
}

function checkUnchanged(path: string, before: Stats): void {
  let after;
  try {
    after = statSync(path);
  } catch {
    throw new ImportError(
      'changed',
      `${path}: the file disappeared during import; nothing was imported`,
      { file: path },
    );
  }
  if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || after.ino !== before.ino) {
    throw new ImportError(
      'changed',
      `${path}: the file changed during import (size or modification time); nothing was imported`,
      {
        file: path,
      },
    );
  }
}

function recordDataset(
  ws: Workspace,
  table: string,
  mode: ImportMode,
  report: ImportReport,
  plans: ColumnPlan[],
): number {
  const t = now();
  const count = (
    ws.db.prepare(`SELECT count(*) AS n FROM ${quoteIdent(table)}`).get() as { n: number }
  ).n;
  if (mode === 'append') {
    const ds = ws.requireDataset(table);
    const prior = ws.getImportReport(ds.id) as { appended?: unknown[] } & Record<string, unknown>;
    const merged = { ...prior, appended: [...(prior.appended ?? []), report] };
    ws.db
      .prepare(
        `UPDATE sl_datasets SET row_count = ?, fingerprint = ?, import_report = ?, updated_at = ? WHERE id = ?`,
      )
      .run(
        count,
        `${ds.fingerprint}+${report.fingerprint.slice(0, 16)}`,
        JSON.stringify(merged),
        t,
        ds.id,
      );
    // Profiles describe the old rows; they are recomputed on demand.
    ws.db
      .prepare(`UPDATE sl_columns SET profile = NULL, profiled_at = NULL WHERE dataset_id = ?`)
      .run(ds.id);
    return ds.id;
  }
  const info = ws.db
    .prepare(
      `INSERT INTO sl_datasets (name, source, source_format, fingerprint, row_count, import_report, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      table,
      report.source,
      report.format,
      report.fingerprint,
      count,
      JSON.stringify(report),
      t,
      t,
    );
  const id = Number(info.lastInsertRowid);
  const insert = ws.db.prepare(
    `INSERT INTO sl_columns (dataset_id, position, name, source_name, type, date_format, role, id_like) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  plans.forEach((p, i) =>
    insert.run(
      id,
      i,
      p.name,
      p.sourceName,
      p.type,
      p.dateFormat ?? null,
      p.idLike ? 'id' : null,
      p.idLike ? 1 : 0,
    ),
  );
  return id;
}

export interface ImportPreview {
  format: SourceFormat;
  /** Format details as the import report gives them (delimiter, encoding, …). */
  details: Record<string, unknown>;
  /** The table name an import would use by default. */
  table: string;
  /** Settled names (as the table gets them), the name in the file, and the inferred type. */
  columns: {
    name: string;
    sourceName: string;
    type: ColumnType;
    dateFormat?: string;
    idLike: boolean;
  }[];
  /** The first rows as read (raw text, null where the source has no value). */
  rows: RawValue[][];
  /** Rows read to infer the types (the import's sample). */
  sampleRows: number;
  /** Data rows in the file: exact when the sample read it all, else estimated from bytes. */
  rowEstimate?: number;
  rowEstimateExact: boolean;
}

/**
 * What an import of `path` would do, without writing: the format, the column names and the
 * types inferred from the same sample and with the same rules as `importFile`, and the first
 * rows. For an SQLite file, the first table (or `sourceTable`).
 */
export async function previewFile(
  path: string,
  options: Pick<
    ImportOptions,
    'encoding' | 'delimiter' | 'header' | 'format' | 'sourceTable' | 'sampleRows' | 'dateFormat'
  > & { rows?: number } = {},
): Promise<ImportPreview> {
  const format = options.format ?? (await detectFormat(path));
  let source: RecordSource;
  let table = tableNameFromPath(path);
  if (format === 'sqlite') {
    const t = options.sourceTable ?? listSqliteTables(path)[0];
    if (!t)
      throw new ImportError('empty', `${path}: the SQLite database has no tables`, { file: path });
    source = new SqliteTableSource(path, t);
    table = t;
  } else {
    source = openSource(path, format, options);
  }
  const sampleRows = options.sampleRows ?? DEFAULT_SAMPLE_ROWS;
  const batches = source.batches();
  const sample: RecordBatch[] = [];
  let sampled = 0;
  let exhausted = false;
  try {
    while (sampled < sampleRows) {
      const next = await batches.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      sample.push(next.value);
      sampled += next.value.rows.length;
    }
  } finally {
    if (!exhausted) await batches.return(undefined);
  }
  const rawNames = source.columns().slice();
  const { names } = uniqueColumnNames(rawNames);
  const plans = planColumns(
    undefined,
    table,
    'create',
    names,
    rawNames,
    sample,
    { ...options, sampleRows },
    [],
    path,
  );
  const rows: RawValue[][] = [];
  const want = options.rows ?? 20;
  for (const b of sample) {
    for (const r of b.rows) {
      if (rows.length >= want) break;
      rows.push(names.map((_, c) => r[c] ?? null));
    }
  }
  const counted = Math.min(sampled, sampleRows);
  const p = source.progress();
  const rowEstimate = exhausted
    ? sampled
    : p.bytesRead > 0 && p.bytesTotal > 0
      ? Math.round((counted * p.bytesTotal) / p.bytesRead)
      : undefined;
  return {
    format,
    details: source.describe(),
    table,
    columns: plans.map((c) => ({
      name: c.name,
      sourceName: c.sourceName,
      type: c.type,
      ...(c.dateFormat ? { dateFormat: c.dateFormat } : {}),
      idLike: c.idLike,
    })),
    rows,
    sampleRows: counted,
    ...(rowEstimate !== undefined ? { rowEstimate } : {}),
    rowEstimateExact: exhausted,
  };
}
