// Drift of new data against the reference profile a model carries: the same features the model
// would score (table columns, customer snapshots at the end of a log, device windows), their
// predictions, and the report — per feature, for the predictions and for the dataset — or a
// timeline by day, week or month when a time column splits the rows.
import {
  driftReport,
  parseReference,
  timelineReport,
  type DriftReport,
  type TimelineReport,
} from '../core/common/drift/index.js';
import type { RawData } from '../core/common/raw-data.js';
import { loadTable } from '../core/node/table-data.js';
import type { ModelArtifact } from './common/artifact.js';
import { encodeColumns, type InputColumn } from './common/columns.js';
import { createMetric } from '../core/common/metrics/index.js';
import { loadFitted } from './common/fitted.js';
import { applyCalibration } from './common/decision.js';
import { logInputs, telemetryObservations, type Source } from './score.js';
import { buildScoringRows } from './transactions/index.js';
import { loadSales, salesFeatures, type DemandRoles } from './demand/kind.js';
import { encodeTarget } from './custom/task.js';

export interface DriftOptions {
  /** A date or datetime column of the input (table mode) that splits rows into windows. */
  timeColumn?: string;
  window?: 'day' | 'week' | 'month';
  /** As-of day for transaction logs (default: the day after the log). */
  cutoff?: number;
}

export interface ModelDrift {
  rows: number;
  report: DriftReport;
  timeline?: TimelineReport;
}

function importanceOf(evaluation: unknown): Record<string, number> | undefined {
  const imp = (
    evaluation as { evaluation?: { importance?: { feature: string; drop: number }[] } } | null
  )?.evaluation?.importance;
  if (!imp?.length) return undefined;
  return Object.fromEntries(imp.map((x) => [x.feature, Math.max(0, x.drop)]));
}

export function modelDrift(
  a: ModelArtifact,
  src: Source,
  o: DriftOptions = {},
  evaluation?: unknown,
): ModelDrift {
  if (!a.reference)
    throw new Error(
      `${a.name} carries no reference profile (trained before drift profiles, or a ${a.kind} model); retrain it`,
    );
  const reference = parseReference(a.reference);
  let data: RawData;
  let time: Float64Array | undefined;
  let labels: Float64Array | undefined;
  let categoryLevelsOverride: (string[] | undefined)[] | undefined;
  if (a.mode === 'table') {
    const t = loadTable(src.ws, src.table);
    data = encodeColumns(t.columns, a.input as InputColumn[], t.rows, src.where);
    if (o.timeColumn) {
      const c = t.columns.find((x) => x.name.toLowerCase() === o.timeColumn!.toLowerCase());
      if (!c || c.kind !== 'numeric' || (c.type !== 'date' && c.type !== 'datetime'))
        throw new Error(
          `${src.where} has no date or datetime column ${JSON.stringify(o.timeColumn)}`,
        );
      time = c.type === 'date' ? c.values : c.values.map((v) => v / 86400);
    }
    const target =
      a.target && t.columns.find((x) => x.name.toLowerCase() === a.target!.column.toLowerCase());
    if (target && (a.task === 'binary' || a.task === 'regression'))
      labels = encodeTarget(target, a.task, a.target!.positive).y;
  } else if (a.mode === 'transactions') {
    const { log, attrs } = logInputs(a, src);
    const asOf = o.cutoff ?? Math.floor(log.maxDay) + 1;
    const rows = buildScoringRows(log.tx, attrs, {
      asOf,
      observationDays: a.settings.observationDays as number,
    });
    // The customers the model was trained on: a purchase within the observation window.
    const rec = rows.data.numeric[a.features.indexOf('recency_days')];
    const keep = Uint32Array.from(
      Array.from(rows.customer.keys()).filter(
        (i) => !rec || rec[i]! <= (a.settings.observationDays as number),
      ),
    );
    data = {
      numeric: rows.data.numeric.map((c) => Float64Array.from(keep, (i) => c[i]!)),
      categorical: rows.data.categorical.map((c) => Int32Array.from(keep, (i) => c[i]!)),
      names: rows.data.names!,
    };
  } else if (a.mode === 'telemetry') {
    // With a timeline, only rows whose horizon the data covers: their outcome is known.
    const { obs } = telemetryObservations(a, src, !o.window);
    data = obs.data;
    time = obs.time.map((s) => s / 86400);
    if (o.window) labels = obs.label;
  } else if (a.mode === 'sales') {
    const sales = loadSales(
      src.ws,
      src.table,
      {},
      {
        items: a.settings.items as string[],
        categoryLevels: a.settings.categoryLevels as string[],
        roles: a.roles as unknown as DemandRoles,
      },
    );
    data = salesFeatures(sales);
    time = Float64Array.from(sales.rows.days);
    categoryLevelsOverride = sales.roles.category ? [sales.categoryLevels] : [];
  } else throw new Error(`drift for ${a.kind} models (mode ${a.mode}) is not built yet`);

  let predictions = a.model ? loadFitted(a.model).predict(data) : new Float64Array(0);
  if (a.decision) predictions = applyCalibration(a.decision.calibration, predictions);
  if (predictions.length !== (data.numeric[0] ?? data.categorical[0])!.length)
    predictions = new Float64Array(0);
  const importance = importanceOf(evaluation);
  // Categories are compared by their text, as the reference stored them.
  const catNames = (data.names ?? []).slice(data.numeric.length);
  const categoryLevels =
    categoryLevelsOverride ??
    catNames.map((n) => (a.input as InputColumn[]).find((s) => s.name === n)?.levels);
  const opts = {
    ...(predictions.length ? { predictions } : {}),
    ...(importance ? { importance } : {}),
    categoryLevels,
    predictionMethod: 'psi' as const,
  };
  const report = driftReport(reference, data, opts);
  let timeline: TimelineReport | undefined;
  if (time && o.window) {
    // When the outcome is in the new data: the model's metric per window against its
    // hold-out figure (AUC for binary, RMSE for regression); rows without an outcome are left out.
    const name = a.task === 'binary' ? 'auc' : a.task === 'regression' ? 'rmse' : undefined;
    const metric =
      labels && name && reference.baselineMetrics?.[name] !== undefined
        ? {
            name,
            fn: (y: Float64Array, p: Float64Array) => {
              const keep = Array.from(y.keys()).filter((i) => !Number.isNaN(y[i]!));
              try {
                return createMetric(name).evaluate(
                  Float64Array.from(keep, (i) => y[i]!),
                  Float64Array.from(keep, (i) => p[i]!),
                );
              } catch {
                return NaN; // e.g. a window with one class only
              }
            },
            biggerIsBetter: name === 'auc',
          }
        : undefined;
    timeline = timelineReport(reference, data, time, o.window, {
      ...opts,
      ...(labels && metric ? { labels, metric } : {}),
    });
  }
  return { rows: report.rows, report, ...(timeline ? { timeline } : {}) };
}
