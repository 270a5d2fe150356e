// The engine behind the API (core/api): handlers over one open workspace, and a job runner that
// runs imports, profiling and training in the background with progress events and
// cancellation by job id. Used by the web host (`sightline open`) and, in the desktop app, by
// the Electron engine process.
import { dispatch, type EngineEvent, type Handlers } from '../../core/api/index.js';
import { importFile, previewFile } from '../../core/node/import/importer.js';
import { COLUMN_TYPES } from '../../core/common/schema.js';
import { listJobs } from '../../core/node/jobs/record.js';
import { profileTable } from '../../core/node/profile.js';
import { Registry } from '../../core/node/registry/registry.js';
import { quoteIdent } from '../../core/node/workspace/sql.js';
import { now, type Workspace } from '../../core/node/workspace/workspace.js';
import { trainAndRegister } from '../../models/common/save.js';
import { trainKind, type KindOptions } from '../../models/train.js';
import { checkArtifact } from '../../models/common/artifact.js';
import { evaluate, predict } from '../../models/score.js';
import { modelDrift } from '../../models/drift.js';
import type { ModelKind } from '../../models/common/artifact.js';
import { exportModel } from '../../models/export/model-export.js';
import { randomUUID } from 'node:crypto';
import { clvPlots, explainRow } from './insight.js';
import { exportInfo, scoreAndSave } from './scoring.js';

export interface EngineOptions {
  ws: Workspace;
  /** Receives every event (the transport fans it out). */
  emit: (e: EngineEvent) => void;
  codeVersion?: string;
  /** Builds the sample workspace's content into `ws` (imports and trains). */
  sample?: (ws: Workspace, signal: AbortSignal, progress: (stage: string) => void) => Promise<void>;
}

export interface Engine {
  handlers: Handlers;
  call(method: string, params: unknown): Promise<unknown>;
  /** Resolves when no job is running. */
  idle(): Promise<void>;
}

export function createEngine(o: EngineOptions): Engine {
  const { ws, emit } = o;
  const running = new Map<string, { controller: AbortController; done: Promise<void> }>();

  function startJob(
    kind: string,
    run: (
      signal: AbortSignal,
      progress: (stage: string, fraction?: number, detail?: string) => void,
    ) => Promise<unknown>,
  ): { jobId: string } {
    const jobId = randomUUID();
    const controller = new AbortController();
    const progress = (stage: string, fraction?: number, detail?: string) =>
      emit({
        type: 'job.progress',
        jobId,
        kind,
        stage,
        ...(fraction !== undefined ? { fraction } : {}),
        ...(detail ? { detail } : {}),
      });
    const done = (async () => {
      // Let the caller receive the job id before the first event.
      await new Promise((r) => setTimeout(r, 0));
      try {
        const result = await run(controller.signal, progress);
        emit({ type: 'job.done', jobId, kind, result: result ?? null });
      } catch (err) {
        const e = err as Error;
        const cancelled =
          controller.signal.aborted || e.name === 'TrainingCancelled' || /cancel/i.test(e.message);
        emit({ type: 'job.failed', jobId, kind, error: e.message, cancelled });
      } finally {
        running.delete(jobId);
        emit({ type: 'workspace.changed', what: kind === 'train' ? 'models' : 'tables' });
      }
    })();
    running.set(jobId, { controller, done });
    return { jobId };
  }

  const version = (v: {
    name: string;
    kind: string;
    version: number;
    stage: 'candidate' | 'production' | 'archived';
    metrics: Record<string, number>;
    createdAt: string;
  }) => ({
    name: v.name,
    kind: v.kind,
    version: v.version,
    stage: v.stage,
    metrics: v.metrics,
    createdAt: v.createdAt,
  });

  const handlers: Handlers = {
    'workspace.info': () => ({
      path: ws.db.name,
      schemaVersion: ws.schemaVersion,
      tables: ws.listDatasets().length,
      models: new Set(new Registry(ws).list().map((v) => v.name)).size,
    }),
    'tables.list': () =>
      ws.listDatasets().map((d) => ({
        name: d.name,
        rowCount: d.rowCount,
        source: d.source,
        createdAt: d.createdAt,
      })),
    'tables.columns': ({ table }) => {
      const ds = ws.requireDataset(table);
      const stored = new Map(
        (
          ws.db.prepare('SELECT name, profile FROM sl_columns WHERE dataset_id = ?').all(ds.id) as {
            name: string;
            profile: string | null;
          }[]
        ).map((r) => [r.name, r.profile === null ? null : (JSON.parse(r.profile) as unknown)]),
      );
      return ws.getColumns(ds.id).map((c) => ({
        name: c.name,
        type: c.type,
        idLike: c.idLike,
        profile: stored.get(c.name) ?? null,
      }));
    },
    'tables.rows': ({ table, offset, limit }) => {
      const ds = ws.requireDataset(table);
      const cols = ws.getColumns(ds.id).map((c) => c.name);
      const rows = ws.db
        .prepare(
          `SELECT ${cols.map(quoteIdent).join(', ')} FROM ${quoteIdent(ds.name)} LIMIT ? OFFSET ?`,
        )
        .raw(true)
        .all(limit, offset) as unknown[][];
      return { columns: cols, rows, total: ds.rowCount };
    },
    'import.preview': async ({ path, rows }) => {
      const p = await previewFile(path, rows ? { rows } : {});
      const delimiter = p.details.delimiter;
      return {
        format: p.format,
        ...(typeof delimiter === 'string' ? { delimiter } : {}),
        details: p.details,
        table: p.table,
        columns: p.columns.map((c) => ({
          name: c.name,
          type: c.type,
          ...(c.dateFormat ? { dateFormat: c.dateFormat } : {}),
          idLike: c.idLike,
        })),
        rows: p.rows,
        sampleRows: p.sampleRows,
        ...(p.rowEstimate !== undefined ? { rowEstimate: p.rowEstimate } : {}),
        rowEstimateExact: p.rowEstimateExact,
        types: [...COLUMN_TYPES],
      };
    },
    'import.start': ({ path, table, mode, types }) =>
      startJob('import', async (signal, progress) => {
        const r = await importFile(ws, path, {
          ...(table ? { table } : {}),
          ...(mode ? { mode } : {}),
          ...(types && Object.keys(types).length > 0 ? { types } : {}),
          signal,
          onProgress: (p) =>
            progress(
              'importing',
              p.bytesTotal ? p.bytesRead / p.bytesTotal : undefined,
              `${p.rows} rows`,
            ),
        });
        for (const x of r) await profileTable(ws, x.table, { signal });
        return r.map((x) => ({ table: x.table, rows: x.rows, report: x.report }));
      }),
    'profile.start': ({ table }) =>
      startJob('profile', async (signal, progress) => {
        await profileTable(ws, table, {
          refresh: true,
          signal,
          onProgress: (p) => progress('profiling', p.total ? p.rows / p.total : undefined),
        });
        return { table };
      }),
    'train.start': ({ kind, options }) =>
      startJob('train', async (signal, progress) => {
        const saved = await trainAndRegister(
          ws,
          kind,
          { kind, ...options },
          (onProgress) =>
            trainKind(ws, kind as ModelKind, {
              ...(options as KindOptions),
              ...(o.codeVersion ? { codeVersion: o.codeVersion } : {}),
              signal,
              onProgress,
            }),
          (p) =>
            progress(
              p.stage,
              p.fraction,
              [p.candidate, p.fold ? `fold ${p.fold}/${p.folds}` : ''].filter(Boolean).join(' '),
            ),
        );
        return { name: saved.name, version: saved.version, metrics: saved.trained.metrics };
      }),
    'jobs.list': () =>
      listJobs(ws, 100).map((j) => ({
        id: j.id,
        kind: j.kind,
        state: j.state,
        error: j.error,
        createdAt: j.createdAt,
        finishedAt: j.finishedAt,
      })),
    'jobs.cancel': ({ jobId }) => {
      const job = running.get(jobId);
      job?.controller.abort();
      return { cancelled: job !== undefined };
    },
    'models.list': () => new Registry(ws).list().map(version),
    'models.get': ({ ref }) => {
      const v = new Registry(ws).get(ref);
      return {
        version: version(v),
        artifact: v.artifact,
        params: v.params,
        leaderboard: v.leaderboard,
        evaluation: v.evaluation,
      };
    },
    'models.setStage': ({ ref, stage }) => version(new Registry(ws).setStage(ref, stage)),
    'models.compare': ({ a, b }) => new Registry(ws).compare(a, b),
    'predict.table': ({ ref, table, limit }) => {
      const v = new Registry(ws).get(ref);
      const ds = ws.requireDataset(table);
      const s = predict(checkArtifact(v.artifact, ref), v.version, {
        ws,
        table: ds.name,
        where: `table ${ds.name}`,
      });
      return { columns: s.columns, rows: s.rows.slice(0, limit ?? 1000), total: s.rows.length };
    },
    'evaluate.table': ({ ref, table }) => {
      const v = new Registry(ws).get(ref);
      const ds = ws.requireDataset(table);
      const r = evaluate(checkArtifact(v.artifact, ref), {
        ws,
        table: ds.name,
        where: `table ${ds.name}`,
      });
      return {
        rows: r.rows,
        metrics: r.metrics,
        ...(r.threshold !== undefined ? { threshold: r.threshold } : {}),
        evaluation: r.evaluation,
      };
    },
    'drift.table': ({ ref, table, timeColumn, window }) => {
      const v = new Registry(ws).get(ref);
      const ds = ws.requireDataset(table);
      const r = modelDrift(
        checkArtifact(v.artifact, ref),
        { ws, table: ds.name, where: `table ${ds.name}` },
        { ...(timeColumn ? { timeColumn } : {}), ...(window ? { window } : {}) },
        v.evaluation,
      );
      const reportId = Number(
        ws.db
          .prepare(
            'INSERT INTO sl_drift_reports (model, version, source, rows, verdict, report, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          )
          .run(
            v.name,
            v.version,
            `table ${ds.name}`,
            r.rows,
            r.report.verdict,
            JSON.stringify(r),
            now(),
          ).lastInsertRowid,
      );
      return {
        reportId,
        rows: r.rows,
        report: r.report,
        ...(r.timeline ? { timeline: r.timeline } : {}),
      };
    },
    'score.save': async (p) => {
      const v = new Registry(ws).get(p.ref);
      const r = await scoreAndSave(ws, v, p, new AbortController().signal);
      if (r.table) emit({ type: 'workspace.changed', what: 'tables' });
      return r;
    },
    'export.model': async ({ ref, format, out, table }) =>
      exportModel(ws, ref, { format, out, ...(table ? { table } : {}) }),
    'export.info': ({ ref }) => exportInfo(ws, new Registry(ws).get(ref)),
    'explain.row': ({ ref, table, key }) => explainRow(ws, new Registry(ws).get(ref), table, key),
    'clv.plots': ({ ref }) => clvPlots(ws, new Registry(ws).get(ref)),
    'sample.open': () =>
      startJob('sample', async (signal, progress) => {
        if (!o.sample) throw new Error('this engine has no sample data');
        await o.sample(ws, signal, (stage) => progress(stage));
        return {};
      }),
  };

  return {
    handlers,
    call: (method, params) => dispatch(handlers, method, params),
    idle: async () => {
      while (running.size > 0) await Promise.all([...running.values()].map((j) => j.done));
    },
  };
}
