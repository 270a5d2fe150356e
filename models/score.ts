// Scoring and evaluating with a trained artifact, for every kind and input mode: the rows a user
// gets back (ids plus the kind's output fields) and, where the input holds the outcome, the
// metrics at the model's chosen threshold.
import { loadTable, type ColumnData } from '../core/node/table-data.js';
import type { Workspace } from '../core/node/workspace/workspace.js';
import type { ModelArtifact } from './common/artifact.js';
import type { InputColumn } from './common/columns.js';
import { RECOMMENDATIONS } from './common/decision.js';
import { evaluateBinary, evaluateRegression } from './common/evaluation.js';
import { loadFitted } from './common/fitted.js';
import { scoreTable } from './common/tabular.js';
import {
  binaryScores,
  dayText,
  predictChurnRows,
  predictLtvRows,
  predictTableRows,
  predictTelemetryRows,
  type Scored,
} from './predict-rows.js';
import { loadAttributes, loadLog, type TxRoles } from './common/tx-input.js';
import { encodeTarget } from './custom/task.js';
import { buildObservations } from './failure/windows.js';
import { loadDeviceAttributes, loadEvents, loadTelemetry } from './failure/telemetry.js';
import { evaluateDemand } from './demand/kind.js';
import { buildSnapshots, monthlyCutoffs } from './transactions/index.js';

export type { Scored };

export interface Source {
  /** The workspace holding the input table (a scratch one for --input files). */
  ws: Workspace;
  table: string;
  /** Where attribute and event tables the model names are read (default: ws). */
  home?: Workspace;
  where: string;
}

export { RECOMMENDATIONS };

// ---------------------------------------------------------------- predict

export function predict(
  a: ModelArtifact,
  version: number | null,
  src: Source,
  opts: { cutoff?: number } = {},
): Scored {
  const tag = `${a.name}${version ? `@${version}` : ''}`;
  if (a.mode === 'table') return predictTable(a, tag, src);
  if (a.mode === 'transactions')
    return a.kind === 'ltv' ? predictLtv(a, tag, src, opts) : predictChurnLog(a, tag, src, opts);
  if (a.mode === 'telemetry') return predictTelemetry(a, tag, src);
  throw new Error(`scoring ${a.kind} models (mode ${a.mode}) is done by the ${a.kind} kind`);
}

function idColumns(a: ModelArtifact, t: { columns: { name: string }[] }): string[] {
  if (a.roles.id && t.columns.some((c) => c.name.toLowerCase() === a.roles.id!.toLowerCase()))
    return [a.roles.id];
  return [];
}

function cellText(c: ColumnData, i: number): unknown {
  if (c.kind === 'categorical') return c.codes[i]! < 0 ? null : c.levels[c.codes[i]!];
  const v = c.values[i]!;
  return Number.isNaN(v) ? null : v;
}

function predictTable(a: ModelArtifact, tag: string, src: Source): Scored {
  const t = loadTable(src.ws, src.table);
  const ids = idColumns(a, t);
  const idCol = ids.length
    ? t.columns.find((c) => c.name.toLowerCase() === ids[0]!.toLowerCase())!
    : undefined;
  return predictTableRows(
    a,
    tag,
    t.columns,
    t.rows,
    src.where,
    idCol
      ? { name: ids[0]!, values: Array.from({ length: t.rows }, (_, i) => cellText(idCol, i)) }
      : null,
  );
}

export function logInputs(a: ModelArtifact, src: Source) {
  const roles: TxRoles = { id: a.roles.id!, time: a.roles.time!, amount: a.roles.amount! };
  const log = loadLog(src.ws, src.table, roles);
  const attrs = a.roles.attributes
    ? loadAttributes(
        src.home ?? src.ws,
        a.roles.attributes,
        roles.id,
        log.ids,
        a.input as InputColumn[],
        a.roles.signup,
      )
    : undefined;
  return { log, attrs: attrs?.attrs };
}

function predictChurnLog(
  a: ModelArtifact,
  tag: string,
  src: Source,
  opts: { cutoff?: number },
): Scored {
  const { log, attrs } = logInputs(a, src);
  return predictChurnRows(a, tag, log, attrs, opts.cutoff ?? Math.floor(log.maxDay) + 1);
}

function predictLtv(a: ModelArtifact, tag: string, src: Source, opts: { cutoff?: number }): Scored {
  const { log, attrs } = logInputs(a, src);
  return predictLtvRows(a, tag, log, attrs, opts.cutoff ?? Math.floor(log.maxDay) + 1);
}

function loadForTelemetry(a: ModelArtifact, src: Source) {
  const sensors = a.settings.sensors as string[];
  const tel = loadTelemetry(src.ws, {
    table: src.table,
    id: a.roles.id!,
    time: a.roles.time!,
    sensors,
  });
  // Events: from the input's workspace if it has the table, else the model's workspace.
  const eventsWs = src.ws.tableExists(a.roles.events!) ? src.ws : (src.home ?? src.ws);
  const ev = loadEvents(eventsWs, a.roles.events!, tel.roles.id, tel.devices);
  return { ...tel, events: ev.events };
}

export function telemetryObservations(
  a: ModelArtifact,
  src: Source,
  keepIncompleteHorizon: boolean,
) {
  const loaded = loadForTelemetry(a, src);
  const attrs = a.roles.attributes
    ? loadDeviceAttributes(
        src.home ?? src.ws,
        a.roles.attributes,
        loaded.roles.id,
        loaded.devices,
        a.input as InputColumn[],
      )
    : undefined;
  const obs = buildObservations(
    loaded.telemetry,
    loaded.events ?? { device: new Int32Array(0), time: new Float64Array(0) },
    attrs,
    {
      windowsHours: a.settings.windowsHours as number[],
      strideHours: a.settings.strideHours as number,
      horizonHours: a.settings.horizonHours as number,
      keepIncompleteHorizon,
    },
  );
  return { obs, devices: loaded.devices };
}

function predictTelemetry(a: ModelArtifact, tag: string, src: Source): Scored {
  const { obs, devices } = telemetryObservations(a, src, true);
  return predictTelemetryRows(a, tag, obs, devices);
}

// ---------------------------------------------------------------- evaluate

export interface Evaluated {
  rows: number;
  metrics: Record<string, number>;
  threshold?: number;
  evaluation: unknown;
  note?: string;
}

export function evaluate(a: ModelArtifact, src: Source, opts: { cutoff?: number } = {}): Evaluated {
  if (a.mode === 'table') {
    const t = loadTable(src.ws, src.table);
    const target = t.columns.find((c) => c.name.toLowerCase() === a.target!.column.toLowerCase());
    if (!target)
      throw new Error(
        `${src.where} has no target column ${JSON.stringify(a.target!.column)} to evaluate against`,
      );
    const enc = encodeTarget(
      target,
      a.task === 'binary' ? 'binary' : a.task === 'multiclass' ? 'multiclass' : 'regression',
      a.target?.positive,
    );
    const s = scoreTable(a, t.columns, t.rows, src.where, { factors: 0 });
    const keep = Array.from(enc.y.keys()).filter((i) => !Number.isNaN(enc.y[i]!));
    const y = Float64Array.from(keep, (i) => enc.y[i]!);
    if (s.binary) {
      const p = Float64Array.from(keep, (i) => s.binary!.probability[i]!);
      const ev = evaluateBinary(y, p, a.decision!.threshold);
      return {
        rows: y.length,
        metrics: ev.metrics,
        threshold: a.decision!.threshold,
        evaluation: ev,
      };
    }
    if (s.values) {
      const ev = evaluateRegression(
        y,
        Float64Array.from(keep, (i) => s.values![i]!),
      );
      return { rows: y.length, metrics: ev.metrics, evaluation: ev };
    }
    throw new Error(
      'evaluate: multiclass models report multi_logloss at training; evaluate on a table is not supported yet',
    );
  }
  if (a.mode === 'transactions') {
    const { log, attrs } = logInputs(a, src);
    const observationDays = a.settings.observationDays as number;
    const predictionDays = a.settings.predictionDays as number;
    const cutoff =
      opts.cutoff ??
      monthlyCutoffs(log.minDay, log.maxDay, { observationDays, predictionDays }).at(-1) ??
      (() => {
        throw new Error(
          `${src.where} is too short to hold a ${predictionDays}-day outcome window after a cutoff`,
        );
      })();
    const snaps = buildSnapshots(log.tx, attrs, {
      cutoffs: [cutoff],
      observationDays,
      predictionDays,
      label: a.kind === 'ltv' ? 'spend' : 'churn',
    });
    const note = `outcomes in the ${predictionDays} days from the cutoff ${dayText(cutoff)}`;
    if (a.kind === 'ltv') {
      const pred = loadFitted(a.model).predict(snaps.data);
      const ev = evaluateRegression(snaps.label, pred, ['tweedie_deviance']);
      return { rows: snaps.label.length, metrics: ev.metrics, evaluation: ev, note };
    }
    const { p, d } = binaryScores(a, snaps.data);
    const ev = evaluateBinary(snaps.label, p, d.threshold);
    return { rows: p.length, metrics: ev.metrics, threshold: d.threshold, evaluation: ev, note };
  }
  if (a.mode === 'telemetry') {
    const { obs } = telemetryObservations(a, src, false);
    const { p, d } = binaryScores(a, obs.data);
    const ev = evaluateBinary(obs.label, p, d.threshold);
    return { rows: p.length, metrics: ev.metrics, threshold: d.threshold, evaluation: ev };
  }
  if (a.mode === 'sales') return evaluateDemand(a, src);
  throw new Error(`evaluate does not know models of mode ${a.mode}`);
}
