// Scoring and evaluating with a trained artifact, for every kind and input mode: the rows a user
// gets back (ids plus the kind's output fields) and, where the input holds the outcome, the
// metrics at the model's chosen threshold.
import type { RawData } from '../core/common/raw-data.js';
import { loadTable, type ColumnData } from '../core/node/table-data.js';
import type { Workspace } from '../core/node/workspace/workspace.js';
import type { ModelArtifact } from './common/artifact.js';
import type { InputColumn } from './common/columns.js';
import {
  applyCalibration,
  RECOMMENDATIONS,
  riskLevel,
  type BinaryDecision,
} from './common/decision.js';
import { evaluateBinary, evaluateRegression } from './common/evaluation.js';
import { logit, marginContributions, topContributions } from './common/explain.js';
import { loadFitted } from './common/fitted.js';
import { factorText, scoreTable } from './common/tabular.js';
import { loadAttributes, loadLog, type TxRoles } from './common/tx-input.js';
import { encodeTarget } from './custom/task.js';
import { buildObservations } from './failure/windows.js';
import { describeSensor, topSensors } from './failure/describe.js';
import { loadDeviceAttributes, loadEvents, loadTelemetry } from './failure/telemetry.js';
import { evaluateDemand } from './demand/kind.js';
import { clvPredict, summaryAt, type ClvFit } from './ltv/train.js';
import { intervalFor, segmentOf, type IntervalBins } from './ltv/intervals.js';
import {
  buildScoringRows,
  buildSnapshots,
  describeFactor,
  monthlyCutoffs,
} from './transactions/index.js';

export interface Scored {
  columns: string[];
  rows: unknown[][];
}

export interface Source {
  /** The workspace holding the input table (a scratch one for --input files). */
  ws: Workspace;
  table: string;
  /** Where attribute and event tables the model names are read (default: ws). */
  home?: Workspace;
  where: string;
}

export { RECOMMENDATIONS };

const sigmoid = (m: number) => 1 / (1 + Math.exp(-m));
const round = (v: number, d = 4) => (Number.isFinite(v) ? Number(v.toFixed(d)) : null);
const dayText = (d: number) => new Date(Math.floor(d) * 86400000).toISOString().slice(0, 10);

/** Calibrated probabilities with per-row contributions on the probability scale. */
function binaryScores(a: ModelArtifact, data: RawData) {
  const scorer = loadFitted(a.model);
  const d = a.decision as BinaryDecision;
  const raw = scorer.predict(data);
  const p = applyCalibration(d.calibration, raw);
  const contrib = marginContributions(scorer, data, logit);
  const nf = contrib.features;
  const explain = (i: number, k: number) => {
    const base = applyCalibration(d.calibration, Float64Array.of(sigmoid(contrib.base[i]!)))[0]!;
    return topContributions(contrib, i, p[i]!, base, k);
  };
  return { p, d, explain, nf };
}

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
  const s = scoreTable(a, t.columns, t.rows, src.where, { factors: a.task === 'binary' ? 3 : 0 });
  const ids = idColumns(a, t);
  const idCols = ids.map((n) => t.columns.find((c) => c.name.toLowerCase() === n.toLowerCase())!);
  const rows: unknown[][] = [];
  let columns: string[];
  if (s.binary) {
    const prefix = a.kind === 'churn' ? 'churn' : a.kind === 'failure' ? 'failure' : 'positive';
    const flag =
      a.kind === 'churn' ? 'is_at_risk' : a.kind === 'failure' ? 'alert' : 'predicted_positive';
    columns = [
      ...ids,
      `${prefix}_probability`,
      flag,
      'risk_level',
      'risk_factors',
      ...(a.kind === 'churn' ? ['recommendation'] : []),
      'model_version',
    ];
    for (let i = 0; i < t.rows; i++) {
      const factors = s.binary.factors[i]!.map((f) => factorText(a, s.data, f, i));
      const level = s.binary.level[i]!;
      rows.push([
        ...idCols.map((c) => cellText(c, i)),
        round(s.binary.probability[i]!),
        s.binary.flagged[i] === 1,
        level,
        factors.join('; '),
        ...(a.kind === 'churn' ? [RECOMMENDATIONS[level]] : []),
        tag,
      ]);
    }
  } else if (s.classProbabilities) {
    const classes = a.target?.classes ?? [];
    columns = [...ids, 'predicted_class', ...classes.map((c) => `p_${c}`), 'model_version'];
    const K = classes.length;
    for (let i = 0; i < t.rows; i++) {
      const ps = Array.from(s.classProbabilities.subarray(i * K, i * K + K));
      const best = ps.indexOf(Math.max(...ps));
      rows.push([
        ...idCols.map((c) => cellText(c, i)),
        classes[best],
        ...ps.map((v) => round(v)),
        tag,
      ]);
    }
  } else {
    columns = [...ids, 'prediction', 'model_version'];
    for (let i = 0; i < t.rows; i++)
      rows.push([...idCols.map((c) => cellText(c, i)), round(s.values![i]!), tag]);
  }
  return { columns, rows };
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
  const observationDays = a.settings.observationDays as number;
  const asOf = opts.cutoff ?? Math.floor(log.maxDay) + 1;
  const rowsIn = buildScoringRows(log.tx, attrs, { asOf, observationDays });
  const { p, d, explain } = binaryScores(a, rowsIn.data);
  const recency = rowsIn.data.numeric[a.features.indexOf('recency_days')];
  const columns = [
    a.roles.id!,
    'churn_probability',
    'is_at_risk',
    'risk_level',
    'risk_factors',
    'recommendation',
    'as_of',
    'model_version',
  ];
  const rows: unknown[][] = [];
  for (let i = 0; i < p.length; i++) {
    // Customers silent for longer than the observation window were never training rows: they
    // have already lapsed, and the model says nothing new about them.
    if (recency && recency[i]! > observationDays) continue;
    const level = riskLevel(p[i]!, d.riskCuts);
    const factors = explain(i, 3).map((f) => {
      const j = f.feature;
      const name = a.features[j]!;
      const value =
        j < rowsIn.data.numeric.length
          ? rowsIn.data.numeric[j]![i]!
          : (() => {
              const code = rowsIn.data.categorical[j - rowsIn.data.numeric.length]![i]!;
              const spec = (a.input as InputColumn[]).find((x) => x.name === name);
              return code < 0 ? 'missing' : (spec?.levels?.[code] ?? String(code));
            })();
      return describeFactor(name, value, f.value, { observationDays });
    });
    rows.push([
      log.ids[rowsIn.customer[i]!],
      round(p[i]!),
      p[i]! >= d.threshold,
      level,
      factors.join('; '),
      RECOMMENDATIONS[level],
      dayText(asOf),
      tag,
    ]);
  }
  return { columns, rows };
}

function predictLtv(a: ModelArtifact, tag: string, src: Source, opts: { cutoff?: number }): Scored {
  const { log, attrs } = logInputs(a, src);
  const observationDays = a.settings.observationDays as number;
  const months = a.settings.months as number;
  const asOf = opts.cutoff ?? Math.floor(log.maxDay) + 1;
  const rowsIn = buildScoringRows(log.tx, attrs, { asOf, observationDays });
  const pred = loadFitted(a.model).predict(rowsIn.data);
  const bins = a.settings.intervals as IntervalBins;
  const cuts = a.settings.segmentCuts as [number, number, number];
  const clv = a.settings.clv as ClvFit | undefined;
  let pAlive: Float64Array | undefined;
  let trans: Float64Array | undefined;
  if (clv) {
    const s = summaryAt(log.tx, asOf);
    const at = new Map(Array.from(s.customer, (c, k) => [c, k]));
    const r = clvPredict(clv, s, a.settings.predictionDays as number);
    pAlive = Float64Array.from(rowsIn.customer, (c) => (at.has(c) ? r.pAlive[at.get(c)!]! : NaN));
    trans = Float64Array.from(rowsIn.customer, (c) =>
      at.has(c) ? r.transactions[at.get(c)!]! : NaN,
    );
  }
  const columns = [
    a.roles.id!,
    'predicted_ltv',
    'ltv_lower',
    'ltv_upper',
    'value_segment',
    'p_alive',
    'expected_transactions',
    'prediction_window_months',
    'as_of',
    'model_version',
  ];
  const rows: unknown[][] = [];
  for (let i = 0; i < pred.length; i++) {
    const [lo, hi] = intervalFor(bins, pred[i]!);
    rows.push([
      log.ids[rowsIn.customer[i]!],
      round(pred[i]!, 2),
      round(Math.min(lo, pred[i]!), 2),
      round(Math.max(hi, pred[i]!), 2),
      segmentOf(pred[i]!, cuts),
      pAlive ? round(pAlive[i]!) : null,
      trans ? round(trans[i]!, 3) : null,
      months,
      dayText(asOf),
      tag,
    ]);
  }
  return { columns, rows };
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
  // The latest observation of each device: the state it is in now.
  const last = new Map<number, number>();
  for (let i = 0; i < obs.label.length; i++) last.set(obs.device[i]!, i);
  const pick = [...last.values()].sort((x, y) => obs.device[x]! - obs.device[y]!);
  const data: RawData = {
    numeric: obs.data.numeric.map((c) => Float64Array.from(pick, (i) => c[i]!)),
    categorical: obs.data.categorical.map((c) => Int32Array.from(pick, (i) => c[i]!)),
    names: obs.data.names!,
  };
  const { p, d, explain, nf } = binaryScores(a, data);
  const columns = [
    a.roles.id!,
    'time',
    'failure_probability',
    'alert',
    'risk_level',
    'top_sensors',
    ...(a.settings.rulModel ? ['time_to_failure_hours'] : []),
    'model_version',
  ];
  const rul = a.settings.rulModel ? loadFitted(a.settings.rulModel).predict(data) : undefined;
  const rows: unknown[][] = [];
  pick.forEach((i, k) => {
    const all = explain(k, nf);
    const contrib = new Float64Array(nf);
    for (const c of all) contrib[c.feature] = c.value;
    const values = Float64Array.from({ length: nf }, (_, j) =>
      j < data.numeric.length ? data.numeric[j]![k]! : NaN,
    );
    const top = topSensors(a.features, contrib, 3, values).filter((s) => s.contribution >= 0.005);
    rows.push([
      devices[obs.device[i]!],
      new Date(obs.time[i]! * 1000).toISOString().replace('T', ' ').slice(0, 19),
      round(p[k]!),
      p[k]! >= d.threshold,
      riskLevel(p[k]!, d.riskCuts),
      top.map((s) => describeSensor(s.sensor, s.contribution, s.trend)).join('; '),
      ...(rul ? [round(Math.max(0, rul[k]!), 1)] : []),
      tag,
    ]);
  });
  return { columns, rows };
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
