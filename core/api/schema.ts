// The one contract between the UI and the engine: every method's parameters and result as zod
// schemas, and the events the engine pushes. Both transports (Electron IPC through the preload,
// and the loopback HTTP host of web mode) carry exactly these; the engine validates parameters
// with them before anything runs.
import { z } from 'zod';
import { COLUMN_TYPES } from '../common/schema.js';

export const ColumnSchema = z.object({
  name: z.string(),
  type: z.string(),
  idLike: z.boolean(),
  profile: z.unknown().nullable(),
});

export const TableSchema = z.object({
  name: z.string(),
  rowCount: z.number(),
  source: z.string(),
  createdAt: z.string(),
});

export const ModelVersionSchema = z.object({
  name: z.string(),
  kind: z.string(),
  version: z.number(),
  stage: z.enum(['candidate', 'production', 'archived']),
  metrics: z.record(z.string(), z.number()),
  createdAt: z.string(),
});

export const JobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled', 'interrupted']),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

/** core/common/schema.ts COLUMN_TYPES. */
export const COLUMN_TYPE = z.enum(COLUMN_TYPES);

const KIND = z.enum(['churn', 'ltv', 'demand', 'failure', 'custom']);

/** Options of `train`: the CLI's flags (see `sightline train --help`), camelCased. */
export const TrainOptionsSchema = z.object({
  table: z.string().min(1),
  target: z.string().optional(),
  positive: z.string().optional(),
  id: z.string().optional(),
  time: z.string().optional(),
  amount: z.string().optional(),
  item: z.string().optional(),
  events: z.string().optional(),
  attributes: z.string().optional(),
  holidays: z.string().optional(),
  exclude: z.array(z.string()).optional(),
  learner: z.enum(['auto', 'gbdt', 'glm', 'mlp']).optional(),
  params: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  holdoutFraction: z.number().min(0).max(0.9).optional(),
  folds: z.number().int().min(2).max(20).optional(),
  seed: z.number().int().optional(),
  timeBudgetSeconds: z.number().positive().optional(),
  name: z.string().min(1).optional(),
});

/** Method name → parameter and result schemas. */
export const METHODS = {
  'workspace.info': {
    params: z.object({}),
    result: z.object({
      path: z.string(),
      schemaVersion: z.number(),
      tables: z.number(),
      models: z.number(),
    }),
  },
  'tables.list': { params: z.object({}), result: z.array(TableSchema) },
  'tables.columns': {
    params: z.object({ table: z.string() }),
    result: z.array(ColumnSchema),
  },
  'tables.rows': {
    params: z.object({
      table: z.string(),
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(5000),
    }),
    result: z.object({
      columns: z.array(z.string()),
      rows: z.array(z.array(z.unknown())),
      total: z.number(),
    }),
  },
  /**
   * What importing a file would do, without writing: the format detected, the default table
   * name, each column with the type the importer infers (same sample, same rules), and the first
   * rows as text.
   */
  'import.preview': {
    params: z.object({
      path: z.string().min(1),
      rows: z.number().int().min(1).max(200).optional(),
    }),
    result: z.object({
      format: z.string(),
      /** The delimiter of a delimited file, else absent. */
      delimiter: z.string().optional(),
      details: z.record(z.string(), z.unknown()),
      table: z.string(),
      columns: z.array(
        z.object({
          name: z.string(),
          type: COLUMN_TYPE,
          dateFormat: z.string().optional(),
          idLike: z.boolean(),
        }),
      ),
      rows: z.array(z.array(z.string().nullable())),
      /** Rows the types were inferred from. */
      sampleRows: z.number(),
      rowEstimate: z.number().optional(),
      rowEstimateExact: z.boolean(),
      /** The types a column can be given (`--type col=type`). */
      types: z.array(COLUMN_TYPE),
    }),
  },
  'import.start': {
    params: z.object({
      path: z.string().min(1),
      table: z.string().optional(),
      mode: z.enum(['create', 'replace', 'append']).optional(),
      /** Types set before import, by column name (`--type col=type`). */
      types: z.record(z.string(), COLUMN_TYPE).optional(),
    }),
    result: z.object({ jobId: z.string() }),
  },
  'profile.start': {
    params: z.object({ table: z.string() }),
    result: z.object({ jobId: z.string() }),
  },
  'train.start': {
    params: z.object({ kind: KIND, options: TrainOptionsSchema }),
    result: z.object({ jobId: z.string() }),
  },
  'jobs.list': { params: z.object({}), result: z.array(JobSchema) },
  'jobs.cancel': {
    params: z.object({ jobId: z.string() }),
    result: z.object({ cancelled: z.boolean() }),
  },
  'models.list': { params: z.object({}), result: z.array(ModelVersionSchema) },
  'models.get': {
    params: z.object({ ref: z.string() }),
    result: z.object({
      version: ModelVersionSchema,
      artifact: z.unknown(),
      params: z.unknown(),
      leaderboard: z.unknown(),
      evaluation: z.unknown(),
    }),
  },
  'models.setStage': {
    params: z.object({ ref: z.string(), stage: z.enum(['candidate', 'production', 'archived']) }),
    result: ModelVersionSchema,
  },
  /** core/node/registry Comparison: {a, b, metrics: [{metric, a, b, difference}], sameData, sameParams}. */
  'models.compare': { params: z.object({ a: z.string(), b: z.string() }), result: z.unknown() },
  'predict.table': {
    params: z.object({
      ref: z.string(),
      table: z.string(),
      limit: z.number().int().min(1).max(100000).optional(),
    }),
    result: z.object({
      columns: z.array(z.string()),
      rows: z.array(z.array(z.unknown())),
      total: z.number(),
    }),
  },
  'evaluate.table': {
    params: z.object({ ref: z.string(), table: z.string() }),
    result: z.object({
      rows: z.number(),
      metrics: z.record(z.string(), z.number()),
      threshold: z.number().optional(),
      evaluation: z.unknown(),
    }),
  },
  'drift.table': {
    params: z.object({
      ref: z.string(),
      table: z.string(),
      timeColumn: z.string().optional(),
      window: z.enum(['day', 'week', 'month']).optional(),
    }),
    /** models/drift.ts ModelDrift: { rows, report, timeline? } and the stored report's id. */
    result: z.object({
      reportId: z.number(),
      rows: z.number(),
      report: z.unknown(),
      timeline: z.unknown().optional(),
    }),
  },
  /**
   * Scores a workspace table, or a file by path (read into a scratch table; `--input` of
   * `sightline predict`), and saves the predictions: to a CSV or JSON Lines file, and/or as a new
   * workspace table. Demand models forecast from the end of their training data without input.
   */
  'score.save': {
    params: z.object({
      ref: z.string(),
      table: z.string().optional(),
      input: z.string().min(1).optional(),
      /** Output file (.csv, or .jsonl / .ndjson for JSON Lines). */
      out: z.string().min(1).optional(),
      /** A new workspace table for the predictions (replaced when it exists). */
      saveTable: z.string().min(1).optional(),
      /** Demand: periods to forecast (default: the model's hold-out length). */
      horizon: z.number().int().min(1).max(3650).optional(),
    }),
    result: z.object({
      rows: z.number(),
      columns: z.array(z.string()),
      preview: z.array(z.array(z.unknown())),
      out: z.string().optional(),
      table: z.string().optional(),
      /** Input-file rows that could not be read as the model's columns, with their lines. */
      rejected: z.number().optional(),
    }),
  },
  /** Writes a model version as ONNX, the JSON artifact or a standalone scorer, with parity. */
  'export.model': {
    params: z.object({
      ref: z.string(),
      format: z.enum(['onnx', 'json', 'scorer']),
      out: z.string().min(1),
      table: z.string().optional(),
    }),
    result: z.object({
      model: z.string(),
      format: z.enum(['onnx', 'json', 'scorer']),
      out: z.string(),
      bytes: z.number(),
      parity: z
        .object({
          rows: z.number(),
          maxAbsDifference: z.number(),
          tolerance: z.number(),
          passed: z.boolean(),
          checkedOn: z.string(),
        })
        .nullable(),
      inputs: z.enum(['columns', 'features']).optional(),
      inputNames: z.array(z.string()).optional(),
    }),
  },
  /** Where exports go by default, the serve command and the REST request of a version. */
  'export.info': {
    params: z.object({ ref: z.string() }),
    result: z.object({
      /** The workspace's folder, for default output paths. */
      folder: z.string(),
      /** The table the version was trained on, when known. */
      trainingTable: z.string().optional(),
      /** A file-name stem for the version ("churn-3"). */
      stem: z.string(),
      formats: z.array(z.enum(['onnx', 'json', 'scorer'])),
      /** Why a format is not offered. */
      notes: z.array(z.string()),
      /** Whether `sightline serve` can answer single records for this model. */
      servable: z.boolean(),
      serveCommand: z.string(),
      /** `sightline predict` for the same model (every kind). */
      predictCommand: z.string(),
      curl: z.string().optional(),
      /** An example record of the model's input columns (first row of the training table). */
      example: z.record(z.string(), z.unknown()).optional(),
    }),
  },
  /**
   * One entity's prediction and why: every feature's contribution (TreeSHAP for trees, else
   * occlusion), on the prediction's scale, adding up to prediction − base. `key` is the id (a
   * customer, a device, a row number); without it the highest prediction is explained.
   */
  'explain.row': {
    params: z.object({ ref: z.string(), table: z.string().optional(), key: z.string().optional() }),
    result: z.object({
      idColumn: z.string(),
      key: z.string(),
      output: z.string(),
      prediction: z.number(),
      base: z.number(),
      /** The contributions' scale: the prediction's, or the score's (log-odds) where calibration is flat. */
      unit: z.string(),
      flagged: z.boolean().optional(),
      threshold: z.number().optional(),
      riskLevel: z.string().optional(),
      contributions: z.array(
        z.object({ feature: z.string(), value: z.string(), contribution: z.number() }),
      ),
      /** The highest predictions' ids, to pick from. */
      top: z.array(z.object({ key: z.string(), prediction: z.number() })),
      rows: z.number(),
    }),
  },
  /** Lifetime-value models: the BG/NBD + Gamma-Gamma fit behind p_alive, as plot data. */
  'clv.plots': {
    params: z.object({ ref: z.string() }),
    result: z.object({
      params: z.record(z.string(), z.number()),
      /** P(alive) against weeks since the last purchase, one curve per repeat-purchase count. */
      pAlive: z.object({
        T: z.number(),
        weeksSince: z.array(z.number()),
        curves: z.array(z.object({ frequency: z.number(), values: z.array(z.number()) })),
      }),
      /** The customers' P(alive) the day after the log. */
      distribution: z.object({ edges: z.array(z.number()), counts: z.array(z.number()) }),
      /** Expected vs actual purchases after a cutoff, by repeat purchases before it. */
      holdout: z
        .object({
          cutoff: z.string(),
          days: z.number(),
          groups: z.array(
            z.object({
              label: z.string(),
              customers: z.number(),
              expected: z.number(),
              actual: z.number(),
            }),
          ),
        })
        .optional(),
    }),
  },
  'sample.open': { params: z.object({}), result: z.object({ jobId: z.string() }) },
} as const;

export type MethodName = keyof typeof METHODS;
export type Params<M extends MethodName> = z.input<(typeof METHODS)[M]['params']>;
export type Result<M extends MethodName> = z.output<(typeof METHODS)[M]['result']>;

/** Events the engine pushes to every subscriber. */
export const EventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('job.progress'),
    jobId: z.string(),
    kind: z.string(),
    stage: z.string(),
    fraction: z.number().optional(),
    detail: z.string().optional(),
  }),
  z.object({
    type: z.literal('job.done'),
    jobId: z.string(),
    kind: z.string(),
    result: z.unknown(),
  }),
  z.object({
    type: z.literal('job.failed'),
    jobId: z.string(),
    kind: z.string(),
    error: z.string(),
    cancelled: z.boolean(),
  }),
  z.object({ type: z.literal('workspace.changed'), what: z.enum(['tables', 'models', 'jobs']) }),
]);
export type EngineEvent = z.infer<typeof EventSchema>;
