// The rows `sightline predict` writes, from inputs already in memory: a table's columns, a
// transaction log, telemetry observations. Pure (no Node): score.ts loads the inputs from a
// workspace, the standalone scorer (models/export) from the rows it is given, and both phrase
// the same answers with this code.
import type { RawData } from '../core/common/raw-data.js';
import type { ModelArtifact } from './common/artifact.js';
import type { InputColumn, LoadedColumn } from './common/columns.js';
import {
  applyCalibration,
  RECOMMENDATIONS,
  riskLevel,
  type BinaryDecision,
} from './common/decision.js';
import { logit, marginContributions, topContributions } from './common/explain.js';
import { loadFitted } from './common/fitted.js';
import { factorText, scoreTable } from './common/table-scoring.js';
import type { LoadedLog } from './common/tx-log.js';
import type { CustomerAttributes } from './transactions/index.js';
import { buildScoringRows } from './transactions/scoring.js';
import { describeFactor } from './transactions/describe.js';
import { describeSensor, topSensors } from './failure/describe.js';
import type { Observations } from './failure/windows.js';
import { clvPredict, summaryAt, type ClvFit } from './ltv/clv-scoring.js';
import { intervalFor, segmentOf, type IntervalBins } from './ltv/intervals.js';

export interface Scored {
  columns: string[];
  rows: unknown[][];
}

/** How numbers are written: rounded to `d` decimals as predict prints them, or left exact. */
export type Rounder = (v: number, d?: number) => number | null;

export const roundTo: Rounder = (v, d = 4) => (Number.isFinite(v) ? Number(v.toFixed(d)) : null);
export const exactNumber: Rounder = (v) => v;

const sigmoid = (m: number) => 1 / (1 + Math.exp(-m));
export const dayText = (d: number) => new Date(Math.floor(d) * 86400000).toISOString().slice(0, 10);

/** Calibrated probabilities with per-row contributions on the probability scale. */
export function binaryScores(a: ModelArtifact, data: RawData) {
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

/**
 * Table mode: `ids` (the id column's value per row, or null when the input has none) and the
 * kind's outputs, as predict writes them.
 */
export function predictTableRows(
  a: ModelArtifact,
  tag: string,
  columns: readonly LoadedColumn[],
  n: number,
  where: string,
  ids: { name: string; values: unknown[] } | null,
  round: Rounder = roundTo,
): Scored {
  const s = scoreTable(a, columns, n, where, { factors: a.task === 'binary' ? 3 : 0 });
  const idNames = ids ? [ids.name] : [];
  const idOf = (i: number) => (ids ? [ids.values[i]] : []);
  const rows: unknown[][] = [];
  let out: string[];
  if (s.binary) {
    const prefix = a.kind === 'churn' ? 'churn' : a.kind === 'failure' ? 'failure' : 'positive';
    const flag =
      a.kind === 'churn' ? 'is_at_risk' : a.kind === 'failure' ? 'alert' : 'predicted_positive';
    out = [
      ...idNames,
      `${prefix}_probability`,
      flag,
      'risk_level',
      'risk_factors',
      ...(a.kind === 'churn' ? ['recommendation'] : []),
      'model_version',
    ];
    for (let i = 0; i < n; i++) {
      const factors = s.binary.factors[i]!.map((f) => factorText(a, s.data, f, i));
      const level = s.binary.level[i]!;
      rows.push([
        ...idOf(i),
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
    out = [...idNames, 'predicted_class', ...classes.map((c) => `p_${c}`), 'model_version'];
    const K = classes.length;
    for (let i = 0; i < n; i++) {
      const ps = Array.from(s.classProbabilities.subarray(i * K, i * K + K));
      const best = ps.indexOf(Math.max(...ps));
      rows.push([...idOf(i), classes[best], ...ps.map((v) => round(v)), tag]);
    }
  } else {
    out = [...idNames, 'prediction', 'model_version'];
    for (let i = 0; i < n; i++) rows.push([...idOf(i), round(s.values![i]!), tag]);
  }
  return { columns: out, rows };
}

/** Churn from a transaction log: every customer active in the observation window at `asOf`. */
export function predictChurnRows(
  a: ModelArtifact,
  tag: string,
  log: LoadedLog,
  attrs: CustomerAttributes | undefined,
  asOf: number,
  round: Rounder = roundTo,
): Scored {
  const observationDays = a.settings.observationDays as number;
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

/** Lifetime value from a transaction log: every customer with a purchase before `asOf`. */
export function predictLtvRows(
  a: ModelArtifact,
  tag: string,
  log: LoadedLog,
  attrs: CustomerAttributes | undefined,
  asOf: number,
  round: Rounder = roundTo,
): Scored {
  const observationDays = a.settings.observationDays as number;
  const months = a.settings.months as number;
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

/** Device failure: each device's latest observation (the state it is in now). */
export function predictTelemetryRows(
  a: ModelArtifact,
  tag: string,
  obs: Observations,
  devices: string[],
  round: Rounder = roundTo,
): Scored {
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
