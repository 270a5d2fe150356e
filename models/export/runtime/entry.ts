// The standalone scorer's engine: the entry that scripts/build-scorer-engine.mjs bundles (with
// esbuild, at build time) into the plain-JavaScript text every generated scorer carries
// (scorer-engine.generated.ts). It reads the caller's rows into the columns the engine's loaders
// read from a workspace, then runs the engine's own code — the same feature builders, learners,
// calibration, explanations and phrasing as `sightline predict` (models/predict-rows.ts) — so
// the answers are the engine's by construction. Everything it imports must stay pure (no Node).
import type { RawData } from '../../../core/common/raw-data.js';
import type { ModelArtifact } from '../../common/artifact.js';
import { encodeColumns, type InputColumn } from '../../common/columns.js';
import { applyCalibration, type BinaryDecision } from '../../common/decision.js';
import { loadFitted } from '../../common/fitted.js';
import { attributesFromColumns, logFromColumns } from '../../common/tx-log.js';
import { forecastRows, salesFromColumns, type DemandRoles } from '../../demand/sales-input.js';
import {
  deviceAttributesFromColumns,
  eventsFromColumns,
  telemetryFromColumns,
} from '../../failure/telemetry-input.js';
import { buildObservations } from '../../failure/windows.js';
import {
  exactNumber,
  predictChurnRows,
  predictLtvRows,
  predictTableRows,
  predictTelemetryRows,
  roundTo,
  type Scored,
} from '../../predict-rows.js';
import { buildScoringRows } from '../../transactions/scoring.js';
import { checkRows, columnOf, field, tableOf, type Hint } from './rows.js';

/** What the generator embeds: the artifact (reference profile trimmed to `drift`) and its tag. */
export interface EmbeddedModel {
  artifact: ModelArtifact;
  drift?: DriftReference;
}

interface DriftReference {
  numeric: { name: string; edges: number[]; counts: number[]; missingRate: number }[];
  categorical: { name: string; levels: string[]; counts: number[]; missingRate: number }[];
  prediction?: { edges: number[]; counts: number[] };
}

export interface ScoreOptions {
  /** false: numbers at full precision (default: rounded as sightline predict prints them). */
  round?: boolean;
  /** transactions: the cutoff day (a date text or a day number; default the day after the log). */
  asOf?: unknown;
  /** sales: periods to forecast (default the model's). */
  horizon?: number;
}

type Rows = Record<string, unknown>[];

/** The named tables of a non-table input: { transactions, attributes } and so on. */
function tables(input: unknown, main: string): Record<string, unknown> {
  if (Array.isArray(input)) return { [main]: input };
  if (input === null || typeof input !== 'object')
    throw new TypeError(
      `score(input): input must be an array of ${main} rows or an object of tables`,
    );
  return input as Record<string, unknown>;
}

function need(t: Record<string, unknown>, name: string, why: string): Rows {
  const rows = t[name];
  if (rows === undefined) throw new Error(`score(input): input.${name} is required (${why})`);
  return checkRows(rows, `input.${name}`);
}

function dayOf(v: unknown): number {
  if (typeof v === 'number') return v;
  const c = columnOf([{ d: v }], 'd', 'days', 'asOf');
  const x = c.kind === 'numeric' ? c.values[0]! : NaN;
  const day = c.type === 'datetime' ? x / 86400 : x;
  if (!Number.isFinite(day)) throw new Error(`options.asOf ${JSON.stringify(v)} is not a date`);
  return day;
}

function objects(s: Scored, dropUndefined: boolean): Record<string, unknown>[] {
  return s.rows.map((r) => {
    const o: Record<string, unknown> = {};
    s.columns.forEach((c, j) => {
      if (!(dropUndefined && r[j] === undefined)) o[c] = r[j];
    });
    return o;
  });
}

export function createScorer(M: EmbeddedModel, metadata: { modelVersion: string }) {
  const a = M.artifact;
  const tag = metadata.modelVersion;
  const version = /@(\d+)$/.exec(tag) ? Number(/@(\d+)$/.exec(tag)![1]) : null;

  /** Table mode: the rows' features (RawData) and the id column when the rows carry it. */
  function tableFeatures(input: unknown) {
    const rows = checkRows(input, 'rows');
    const specs = a.input as InputColumn[];
    const columns = specs.map((s) =>
      columnOf(rows, s.name, s.kind === 'numeric' ? 'numeric' : 'categorical', 'row'),
    );
    const id = a.roles.id;
    const ids =
      id && rows.some((r) => field(r, id) !== undefined)
        ? { name: id, values: rows.map((r) => field(r, id)) }
        : null;
    return { rows, columns, ids };
  }

  function transactionLog(input: unknown, options: ScoreOptions) {
    const t = tables(input, 'transactions');
    const rows = need(t, 'transactions', 'the transaction log');
    const roles = { id: a.roles.id!, time: a.roles.time!, amount: a.roles.amount! };
    const log = logFromColumns(
      {
        rows: rows.length,
        columns: [
          columnOf(rows, roles.id, 'categorical', 'transactions row'),
          columnOf(rows, roles.time, 'days', 'transactions row'),
          columnOf(rows, roles.amount, 'numeric', 'transactions row'),
        ],
      },
      'transactions',
      roles,
    );
    let attrs;
    if (a.roles.attributes) {
      const at = need(t, 'attributes', `the ${a.roles.attributes} rows the model was trained with`);
      const hints: Record<string, Hint> = { [roles.id]: 'categorical' };
      for (const s of a.input as InputColumn[])
        hints[s.name] = s.kind === 'numeric' ? 'numeric' : 'categorical';
      if (a.roles.signup) hints[a.roles.signup] = 'days';
      attrs = attributesFromColumns(
        tableOf(at, hints),
        'attributes',
        roles.id,
        log.ids,
        a.input as InputColumn[],
        a.roles.signup,
      ).attrs;
    }
    const asOf = options.asOf !== undefined ? dayOf(options.asOf) : Math.floor(log.maxDay) + 1;
    return { log, attrs, asOf };
  }

  function observations(input: unknown) {
    const t = tables(input, 'telemetry');
    const rows = need(t, 'telemetry', 'sensor readings');
    const sensors = a.settings.sensors as string[];
    const tel = telemetryFromColumns(
      rows.length,
      columnOf(rows, a.roles.id!, 'categorical', 'telemetry row'),
      columnOf(rows, a.roles.time!, 'seconds', 'telemetry row'),
      sensors.map((s) => columnOf(rows, s, 'numeric', 'telemetry row')),
      [],
    );
    const events = need(t, 'events', `the ${a.roles.events} rows: failures with device and time`);
    const ev = eventsFromColumns(
      tableOf(events, { [tel.roles.id]: 'categorical' }),
      'events',
      tel.roles.id,
      tel.devices,
    );
    let attrs;
    if (a.roles.attributes) {
      const at = need(t, 'attributes', `the ${a.roles.attributes} rows the model was trained with`);
      const hints: Record<string, Hint> = { [tel.roles.id]: 'categorical' };
      for (const s of a.input as InputColumn[])
        hints[s.name] = s.kind === 'numeric' ? 'numeric' : 'categorical';
      attrs = deviceAttributesFromColumns(
        tableOf(at, hints),
        'attributes',
        tel.roles.id,
        tel.devices,
        a.input as InputColumn[],
      );
    }
    const obs = buildObservations(tel.telemetry, ev.events, attrs, {
      windowsHours: a.settings.windowsHours as number[],
      strideHours: a.settings.strideHours as number,
      horizonHours: a.settings.horizonHours as number,
      keepIncompleteHorizon: true,
    });
    return { obs, devices: tel.devices };
  }

  function sales(input: unknown) {
    if (input === undefined || input === null) return undefined;
    const t = tables(input, 'sales');
    const rows = need(t, 'sales', 'sales history');
    const r = a.roles as unknown as DemandRoles;
    const hints: Record<string, Hint> = { [r.time]: 'days', [r.target]: 'numeric' };
    if (r.item) hints[r.item] = 'categorical';
    if (r.price) hints[r.price] = 'numeric';
    if (r.promotion) hints[r.promotion] = 'numeric';
    if (r.category) hints[r.category] = 'categorical';
    return salesFromColumns(
      tableOf(rows, hints),
      'sales',
      {},
      {
        items: a.settings.items as string[],
        categoryLevels: a.settings.categoryLevels as string[],
        roles: r,
      },
    );
  }

  function score(input?: unknown, options: ScoreOptions = {}): Record<string, unknown>[] {
    const round = options && options.round === false ? exactNumber : roundTo;
    if (a.mode === 'table') {
      const { rows, columns, ids } = tableFeatures(input);
      return objects(predictTableRows(a, tag, columns, rows.length, 'rows', ids, round), true);
    }
    if (a.mode === 'transactions') {
      const { log, attrs, asOf } = transactionLog(input, options);
      const s =
        a.kind === 'ltv'
          ? predictLtvRows(a, tag, log, attrs, asOf, round)
          : predictChurnRows(a, tag, log, attrs, asOf, round);
      return objects(s, false);
    }
    if (a.mode === 'telemetry') {
      const { obs, devices } = observations(input);
      return objects(predictTelemetryRows(a, tag, obs, devices, round), false);
    }
    if (a.mode === 'sales')
      return objects(
        forecastRows(a, version, sales(input), options.horizon, options.round === false),
        false,
      );
    throw new Error(`this scorer cannot read ${a.mode} input`);
  }

  /** The features drift is measured on, and the model's prediction per row. */
  function featureData(input: unknown, options: ScoreOptions): RawData {
    if (a.mode === 'table') {
      const { rows, columns } = tableFeatures(input);
      return encodeColumns(columns, a.input as InputColumn[], rows.length, 'rows');
    }
    if (a.mode === 'transactions') {
      const { log, attrs, asOf } = transactionLog(input, options);
      return buildScoringRows(log.tx, attrs, {
        asOf,
        observationDays: a.settings.observationDays as number,
      }).data;
    }
    if (a.mode === 'telemetry') return observations(input).obs.data;
    throw new Error(`drift() covers table, transaction and telemetry models; use sightline drift`);
  }

  function drift(input: unknown, options: ScoreOptions = {}) {
    const D = M.drift;
    if (!D) throw new Error('this model carries no reference profile (retrain it to embed one)');
    const data = featureData(input, options);
    const names = data.names!;
    const n = (data.numeric[0] ?? data.categorical[0])?.length ?? 0;
    const features: {
      name: string;
      kind: string;
      psi: number;
      missingRate: { reference: number; current: number };
      verdict: string;
    }[] = [];
    for (const ref of D.numeric) {
      const j = names.indexOf(ref.name);
      if (j < 0 || j >= data.numeric.length) continue;
      const col = data.numeric[j]!;
      const cur: number[] = new Array<number>(ref.counts.length).fill(0);
      let missing = 0;
      for (const v of col) {
        if (!Number.isFinite(v)) missing++;
        else cur[binOf(ref.edges, v)]!++;
      }
      const psi = psiOf(ref.counts, cur);
      features.push({
        name: ref.name,
        kind: 'numeric',
        psi,
        missingRate: { reference: ref.missingRate, current: n ? missing / n : 0 },
        verdict: verdictOf(psi),
      });
    }
    for (const ref of D.categorical) {
      const j = names.indexOf(ref.name) - data.numeric.length;
      if (j < 0) continue;
      const levels = (a.input as InputColumn[]).find((s) => s.name === ref.name)?.levels ?? [];
      const index = new Map(ref.levels.map((l, k) => [l, k]));
      const refCounts = ref.counts.slice();
      const cur: number[] = new Array<number>(ref.counts.length).fill(0);
      let missing = 0;
      for (const code of data.categorical[j]!) {
        if (code < 0) {
          missing++;
          continue;
        }
        const level = levels[code] ?? String(code);
        let k = index.get(level);
        if (k === undefined) {
          k = refCounts.length;
          index.set(level, k);
          refCounts.push(0);
          cur.push(0);
        }
        cur[k]!++;
      }
      const psi = psiOf(refCounts, cur);
      features.push({
        name: ref.name,
        kind: 'categorical',
        psi,
        missingRate: { reference: ref.missingRate, current: n ? missing / n : 0 },
        verdict: verdictOf(psi),
      });
    }
    let prediction: { psi: number; verdict: string } | null = null;
    if (D.prediction && a.task !== 'multiclass') {
      const raw = loadFitted(a.model).predict(data);
      const d = a.decision as BinaryDecision | undefined;
      const p =
        a.task === 'binary' ? applyCalibration(d?.calibration ?? { kind: 'none' }, raw) : raw;
      const cur: number[] = new Array<number>(D.prediction.counts.length).fill(0);
      for (const v of p) if (Number.isFinite(v)) cur[binOf(D.prediction.edges, v)]!++;
      const psi = psiOf(D.prediction.counts, cur);
      prediction = { psi, verdict: verdictOf(psi) };
    }
    const drifting = features.filter((f) => f.verdict === 'drift').map((f) => f.name);
    const share = features.length ? drifting.length / features.length : 0;
    const verdict =
      share >= 0.5 || (prediction && prediction.verdict === 'drift')
        ? 'drift'
        : features.some((f) => f.verdict !== 'ok') || (prediction && prediction.verdict !== 'ok')
          ? 'watch'
          : 'ok';
    return { rows: n, method: 'psi', features, prediction, share, drifting, verdict };
  }

  return { score, drift };
}

// PSI on the reference's bins with 0.5 added to every bin: the figure core/common/drift computes.
function psiOf(ref: readonly number[], cur: readonly number[]): number {
  const b = ref.length;
  let rt = 0;
  let ct = 0;
  for (let i = 0; i < b; i++) {
    rt += ref[i]!;
    ct += cur[i]!;
  }
  const rd = rt + 0.5 * b;
  const cd = ct + 0.5 * b;
  let s = 0;
  for (let i = 0; i < b; i++) {
    const p = (ref[i]! + 0.5) / rd;
    const q = (cur[i]! + 0.5) / cd;
    s += (q - p) * Math.log(q / p);
  }
  return s;
}

function binOf(edges: readonly number[], x: number): number {
  let i = 0;
  while (i < edges.length && x > edges[i]!) i++;
  return i;
}

function verdictOf(psi: number): string {
  return psi >= 0.25 ? 'drift' : psi >= 0.1 ? 'watch' : 'ok';
}
