// Export of a registered model version, shared by `sightline export` and the app's Score & Export
// page (cli/host): ONNX (checked in onnxruntime-node), the JSON artifact file, or the standalone
// scorer (checked by importing it), each with a parity report, recorded in `sl_exports`.
//
// ONNX takes table-mode binary, multiclass and regression models with raw columns in. Transaction-log
// (churn, ltv) and telemetry (failure) models compute their features from the log first; their
// ONNX graph is the learner and decision layer over those features ("features in"): a server
// computes the same features (`sightline predict` shows them) and feeds them by name. Parity is
// checked on the features of the training table's entities. The standalone scorer covers every
// kind and mode with the raw inputs (scorer-parity.ts compares every output field).
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  buildOnnxModel,
  encodeModel,
  type ExportableArtifact,
  type FeedColumn,
  type NumericInputType,
  type OnnxInputColumn,
} from '../../core/common/onnx/index.js';
import type { RawData } from '../../core/common/raw-data.js';
import { checkParity } from '../../core/node/onnx/parity.js';
import { Registry } from '../../core/node/registry/registry.js';
import { loadTable } from '../../core/node/table-data.js';
import { writeFileAtomic } from '../../core/node/workspace/atomic-file.js';
import { now, type Workspace } from '../../core/node/workspace/workspace.js';
import { checkArtifact, type ModelArtifact } from '../common/artifact.js';
import { encodeColumns, type InputColumn } from '../common/columns.js';
import { applyCalibration, type BinaryDecision } from '../common/decision.js';
import { loadFitted } from '../common/fitted.js';
import { scoreTable } from '../common/tabular.js';
import { logInputs, telemetryObservations, type Source } from '../score.js';
import { buildScoringRows } from '../transactions/index.js';
import { artifactFileText } from './artifact-file.js';
import { generateScorer } from './scorer.js';
import { scorerParity } from './scorer-parity.js';

export const EXPORT_FORMATS = ['onnx', 'json', 'scorer'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportParity {
  rows: number;
  maxAbsDifference: number;
  tolerance: number;
  passed: boolean;
  checkedOn: string;
}

export interface ExportResult {
  /** name@version */
  model: string;
  format: ExportFormat;
  /** Absolute path of the written file. */
  out: string;
  bytes: number;
  parity: ExportParity | null;
  /** ONNX: the graph reads the raw columns, or the features the kind computes from its input. */
  inputs?: 'columns' | 'features';
  /** ONNX: the graph's input names, in order. */
  inputNames?: string[];
}

/** A request the model cannot satisfy (a format it has no writer for, no rows to check on). */
export class ExportRefused extends Error {
  override name = 'ExportRefused';
}

export interface ExportOptions {
  format: ExportFormat;
  out: string;
  /** Rows for the parity check (default: the training table). */
  table?: string;
  /** ONNX numeric input type (default: float for raw columns, double for computed features). */
  numericInputs?: NumericInputType;
}

/** Writes `ref` in `format` to `out`, checks it, and records the export in the workspace. */
export async function exportModel(
  ws: Workspace,
  ref: string,
  o: ExportOptions,
): Promise<ExportResult> {
  if (!EXPORT_FORMATS.includes(o.format))
    throw new ExportRefused(`format ${String(o.format)}: use onnx, json or scorer`);
  const v = new Registry(ws).get(ref);
  const a = checkArtifact(v.artifact, `${v.name}@${v.version}`);
  const out = resolve(o.out);
  const trainingTable = tableOf(v.params);
  let parity: ExportParity | null = null;
  let inputs: ExportResult['inputs'];
  let inputNames: string[] | undefined;
  if (o.format === 'onnx') {
    const r = await writeOnnx(ws, a, v.version, out, o.table ?? trainingTable, o.numericInputs);
    parity = r.parity;
    inputs = r.inputs;
    inputNames = r.inputNames;
  } else if (o.format === 'json') {
    const { evaluation: _e, ...record } = v;
    writeFileAtomic(out, artifactFileText(record));
  } else {
    // Every mode: the scorer reads the same raw inputs as `sightline predict` (scorer-parity.ts
    // checks it on the workspace's tables, every output field).
    writeFileAtomic(out, generateScorer(a, { version: v.version }));
    try {
      parity = await scorerParity(
        a,
        v.version,
        out,
        ws,
        o.table ?? (a.roles.table as string | undefined) ?? trainingTable,
      );
    } catch (err) {
      throw err instanceof ExportRefused ? err : new ExportRefused((err as Error).message);
    }
  }
  ws.db
    .prepare(
      'INSERT INTO sl_exports (model, version, format, path, parity, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(v.name, v.version, o.format, out, parity ? JSON.stringify(parity) : null, now());
  return {
    model: `${v.name}@${v.version}`,
    format: o.format,
    out,
    bytes: statSync(out).size,
    parity,
    ...(inputs ? { inputs } : {}),
    ...(inputNames ? { inputNames } : {}),
  };
}

export function tableOf(params: unknown): string | undefined {
  const t = (params as { table?: unknown } | null)?.table;
  return typeof t === 'string' ? t : undefined;
}

// ---------------------------------------------------------------- entity rows

export interface EntityRows {
  /** The learner's input rows (features in the artifact's order). */
  data: RawData;
  /** The entity of each row: the id column's value, else the row number (1-based). */
  ids: string[];
  /** What an id names: the id role's column, else "row". */
  idColumn: string;
  /** The feature specs of `data`, in order (numeric first), with categorical levels. */
  specs: OnnxInputColumn[];
}

/**
 * The rows a model scores, one per entity, as features: a table's rows (table mode), each
 * customer's snapshot features the day after the log (transactions), each device's latest
 * telemetry window (telemetry). Demand models forecast series and have no such rows.
 */
export function entityRows(
  a: ModelArtifact,
  src: Source,
  opts: { everyWindow?: boolean } = {},
): EntityRows {
  const specsOf = (data: RawData, extra: Record<string, string[]> = {}): OnnxInputColumn[] => {
    const names = data.names ?? a.features;
    const nNum = data.numeric.length;
    return names.map((name, j) => {
      if (j < nNum) return { name, kind: 'numeric' };
      const spec = (a.input as InputColumn[]).find((x) => x.name === name);
      if (!spec?.levels && extra[name]) return { name, kind: 'categorical', levels: extra[name] };
      if (!spec?.levels)
        throw new ExportRefused(`categorical feature ${JSON.stringify(name)} has no stored levels`);
      return { name, kind: 'categorical', levels: spec.levels };
    });
  };
  if (a.mode === 'table') {
    const t = loadTable(src.ws, src.table);
    const data = encodeColumns(t.columns, a.input as InputColumn[], t.rows, src.where);
    const idName = a.roles.id;
    const idCol = idName
      ? t.columns.find((c) => c.name.toLowerCase() === idName.toLowerCase())
      : undefined;
    const ids = Array.from({ length: t.rows }, (_, i) => {
      if (!idCol) return String(i + 1);
      if (idCol.kind === 'categorical')
        return idCol.codes[i]! < 0 ? '' : idCol.levels[idCol.codes[i]!]!;
      return String(idCol.values[i]);
    });
    return {
      data,
      ids,
      idColumn: idCol?.name ?? 'row',
      specs: (a.input as InputColumn[]).map((s) => ({
        name: s.name,
        kind: s.kind,
        ...(s.levels ? { levels: s.levels } : {}),
      })),
    };
  }
  if (a.mode === 'transactions') {
    const { log, attrs } = logInputs(a, src);
    const rows = buildScoringRows(log.tx, attrs, {
      asOf: Math.floor(log.maxDay) + 1,
      observationDays: a.settings.observationDays as number,
    });
    const data = { ...rows.data, names: rows.data.names ?? rows.names };
    return {
      data,
      ids: Array.from(rows.customer, (c) => log.ids[c]!),
      idColumn: a.roles.id!,
      specs: specsOf(data),
    };
  }
  if (a.mode === 'telemetry') {
    const { obs, devices } = telemetryObservations(a, src, true);
    const last = new Map<number, number>();
    for (let i = 0; i < obs.label.length; i++) last.set(obs.device[i]!, i);
    // Each device's latest window (its state now), or every window (a parity check's rows).
    const pick = opts.everyWindow
      ? Array.from(obs.device.keys())
      : [...last.values()].sort((x, y) => obs.device[x]! - obs.device[y]!);
    const data: RawData = {
      numeric: obs.data.numeric.map((c) => Float64Array.from(pick, (i) => c[i]!)),
      categorical: obs.data.categorical.map((c) => Int32Array.from(pick, (i) => c[i]!)),
      names: obs.data.names ?? a.features,
    };
    return {
      data,
      ids: pick.map((i) => devices[obs.device[i]!]!),
      idColumn: a.roles.id!,
      specs: specsOf(data, { last_failure_type: failureTypeLevels(a, src) }),
    };
  }
  throw new ExportRefused(
    `${a.kind} models (mode ${a.mode}) forecast series; they have no per-entity rows`,
  );
}

/**
 * The levels behind `last_failure_type`: the failure events table's type column as the telemetry
 * loader reads it (models/failure/telemetry-input.ts: the first categorical column named like
 * type, mode, cause or kind, codes in first-seen order).
 */
function failureTypeLevels(a: ModelArtifact, src: Source): string[] {
  const events = a.roles.events;
  if (!events) return [];
  const ws = src.ws.tableExists(events) ? src.ws : (src.home ?? src.ws);
  if (!ws.tableExists(events)) return [];
  const t = loadTable(ws, events);
  const c = t.columns.find((x) => /type|mode|cause|kind/i.test(x.name) && x.kind === 'categorical');
  return c && c.kind === 'categorical' ? c.levels : [];
}

/** The engine's prediction per row: calibrated probability (binary) or value. */
export function enginePredictions(
  a: ModelArtifact,
  data: RawData,
): { values: Float64Array; flagged?: Uint8Array } {
  const raw = loadFitted(a.model).predict(data);
  if (a.task !== 'binary') return { values: raw };
  const d = a.decision as BinaryDecision;
  const p = applyCalibration(d.calibration, raw);
  return { values: p, flagged: Uint8Array.from(p, (x) => (x >= d.threshold ? 1 : 0)) };
}

function feedColumns(rows: EntityRows): FeedColumn[] {
  const { data, specs } = rows;
  const nNum = data.numeric.length;
  return specs.map((s, j) =>
    j < nNum
      ? { name: s.name, kind: 'numeric', values: data.numeric[j]! }
      : {
          name: s.name,
          kind: 'categorical',
          codes: data.categorical[j - nNum]!,
          levels: s.levels ?? [],
        },
  );
}

// ---------------------------------------------------------------- ONNX

const REGRESSION_TASKS = new Set(['regression', 'poisson', 'gamma', 'tweedie']);

async function writeOnnx(
  ws: Workspace,
  a: ModelArtifact,
  version: number,
  out: string,
  table: string | undefined,
  numericInputs: NumericInputType | undefined,
): Promise<{
  parity: ExportParity;
  inputs: 'columns' | 'features';
  inputNames: string[];
}> {
  const name = `${a.name}@${version}`;
  if (
    a.task !== 'binary' &&
    !(a.mode === 'table'
      ? a.task === 'regression' || a.task === 'multiclass'
      : REGRESSION_TASKS.has(a.task))
  )
    throw new ExportRefused(
      `ONNX export covers binary, multiclass and regression models; ${name} is ${a.task} (export it as json, or as a scorer)`,
    );
  if (a.mode !== 'table' && a.mode !== 'transactions' && a.mode !== 'telemetry')
    throw new ExportRefused(
      `ONNX export covers models that score one row per entity; ${name} reads ${a.mode} (export it as json)`,
    );
  if (!table || !ws.tableExists(table))
    throw new ExportRefused('name the rows for the parity check (a table of the workspace)');
  const src: Source = { ws, table: ws.requireDataset(table).name, where: `table ${table}` };
  const features = a.mode !== 'table';
  const task =
    a.task === 'binary' ? 'binary' : a.task === 'multiclass' ? 'multiclass' : 'regression';
  let columns: readonly FeedColumn[];
  let specs: OnnxInputColumn[];
  let rows: number;
  let engine: { values: Float64Array; flagged?: Uint8Array; labels?: string[] };
  if (!features) {
    const t = loadTable(ws, src.table);
    const s = scoreTable(a, t.columns, t.rows, src.where, { factors: 0 });
    columns = t.columns;
    specs = a.input as OnnxInputColumn[];
    rows = t.rows;
    const classes = a.target?.classes ?? [];
    const K = classes.length;
    engine = s.binary
      ? { values: s.binary.probability, flagged: s.binary.flagged }
      : s.classProbabilities
        ? {
            values: s.classProbabilities,
            // predict's predicted_class: the first class with the highest probability
            labels: Array.from({ length: t.rows }, (_, i) => {
              const ps = Array.from(s.classProbabilities!.subarray(i * K, i * K + K));
              return classes[ps.indexOf(Math.max(...ps))]!;
            }),
          }
        : { values: s.values! };
  } else {
    const e = entityRows(a, src, { everyWindow: true });
    columns = feedColumns(e);
    specs = e.specs;
    rows = e.ids.length;
    engine = enginePredictions(a, e.data);
  }
  const numeric = numericInputs ?? (features ? 'double' : 'float');
  const exportable: ExportableArtifact = {
    ...(a as unknown as ExportableArtifact),
    version,
    mode: 'table',
    task,
    input: specs,
  };
  const message = buildOnnxModel(exportable, {
    version: String(version),
    producerVersion: a.codeVersion,
    numericInputs: numeric,
  });
  const r = await checkParity({
    bytes: encodeModel(message),
    columns,
    specs,
    rows,
    task,
    engine,
    numericInputs: numeric,
  });
  const parity: ExportParity = {
    rows: r.rows,
    maxAbsDifference: r.maxAbsDiff,
    tolerance: r.tolerance,
    passed: r.pass,
    checkedOn: `${features ? `the features of ${a.mode === 'telemetry' ? "every device's telemetry windows" : 'every customer the day after the log'} in ` : ''}table ${src.table} in onnxruntime-node${r.labelMismatches ? `; ${r.labelMismatches} labels differ` : ''}`,
  };
  // The parity report travels in the file's metadata (the graph is unchanged).
  message.metadataProps.push(
    { key: 'sightline_mode', value: a.mode },
    { key: 'input_kind', value: features ? 'features' : 'columns' },
    { key: 'parity_rows', value: String(parity.rows) },
    { key: 'parity_max_abs_difference', value: String(parity.maxAbsDifference) },
    { key: 'parity_tolerance', value: String(parity.tolerance) },
    { key: 'parity_passed', value: String(parity.passed) },
    { key: 'parity_checked_on', value: parity.checkedOn },
  );
  writeFileAtomic(out, encodeModel(message));
  return {
    parity,
    inputs: features ? 'features' : 'columns',
    inputNames: specs.map((s) => s.name),
  };
}
