// The Score & Export page's engine side: score a table or a file and save the predictions (to a
// file, or as a workspace table), and what a version can be exported as, with the serve command
// and a curl request to copy. Export itself is models/export/model-export.ts, shared with the CLI.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { Params, Result } from '../../core/api/index.js';
import { isColumnType, type ColumnType } from '../../core/common/schema.js';
import { importFile } from '../../core/node/import/importer.js';
import { profileTable } from '../../core/node/profile.js';
import type { VersionRecord } from '../../core/node/registry/registry.js';
import { loadTable } from '../../core/node/table-data.js';
import { Workspace } from '../../core/node/workspace/workspace.js';
import { checkArtifact, type ModelArtifact } from '../../models/common/artifact.js';
import type { InputColumn } from '../../models/common/columns.js';
import { forecastFromArtifact } from '../../models/demand/score.js';
import { tableOf } from '../../models/export/model-export.js';
import { generateScorer } from '../../models/export/scorer.js';
import { predict, type Scored, type Source } from '../../models/score.js';
import { writeScored } from '../commands/score.js';

/** Table-mode inputs are read as the types the model was trained on (integer, date, …). */
function modelTypes(a: ModelArtifact): Record<string, ColumnType> | undefined {
  if (a.mode !== 'table') return undefined;
  const types: Record<string, ColumnType> = {};
  for (const c of a.input as InputColumn[])
    if (c.type && isColumnType(c.type)) types[c.name] = c.type;
  return Object.keys(types).length ? types : undefined;
}

export async function scoreAndSave(
  ws: Workspace,
  v: VersionRecord,
  p: Params<'score.save'>,
  signal: AbortSignal,
): Promise<Result<'score.save'>> {
  const a = checkArtifact(v.artifact, `${v.name}@${v.version}`);
  if (p.table && p.input) throw new Error('score a table or a file, not both');
  if (!p.table && !p.input && a.kind !== 'demand')
    throw new Error('name the rows to score: a table of the workspace or a file');
  if (!p.out && !p.saveTable) throw new Error('say where the predictions go: a file or a table');
  const scratchDir = p.input ? mkdtempSync(join(tmpdir(), 'sightline-score-')) : undefined;
  let scratch: Workspace | undefined;
  try {
    let src: Source | undefined;
    let rejected: number | undefined;
    if (p.table) {
      const ds = ws.requireDataset(p.table);
      src = { ws, table: ds.name, where: `table ${ds.name}` };
    } else if (p.input) {
      scratch = Workspace.open(join(scratchDir!, 'input.sightline'), { create: true });
      const types = modelTypes(a);
      const [r] = await importFile(scratch, p.input, {
        table: 'input',
        onError: 'skip',
        signal,
        ...(types ? { types } : {}),
      });
      src = { ws: scratch, table: r!.table, home: ws, where: basename(p.input) };
      rejected = r!.report.rowsSkipped;
    }
    const scored: Scored =
      a.kind === 'demand'
        ? forecastFromArtifact(a, v.version, src, p.horizon)
        : predict(a, v.version, src!);
    let out: string | undefined;
    if (p.out) {
      out = resolve(p.out);
      await writeScored(scored, out);
    }
    let table: string | undefined;
    if (p.saveTable) {
      // Through a CSV file and the importer: types inferred and the table profiled like any other.
      const dir = mkdtempSync(join(tmpdir(), 'sightline-save-'));
      try {
        const csv = join(dir, 'predictions.csv');
        await writeScored(scored, csv);
        const mode = ws.tableExists(p.saveTable) ? 'replace' : 'create';
        const [r] = await importFile(ws, csv, { table: p.saveTable, mode, signal });
        table = r!.table;
        await profileTable(ws, table, { signal });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    return {
      rows: scored.rows.length,
      columns: scored.columns,
      preview: scored.rows.slice(0, 50),
      ...(out ? { out } : {}),
      ...(table ? { table } : {}),
      ...(rejected !== undefined ? { rejected } : {}),
    };
  } finally {
    scratch?.close();
    if (scratchDir) rmSync(scratchDir, { recursive: true, force: true });
  }
}

const quote = (s: string) => (/^[\w./@:+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

export function exportInfo(ws: Workspace, v: VersionRecord): Result<'export.info'> {
  const a = checkArtifact(v.artifact, `${v.name}@${v.version}`);
  const path = ws.db.name;
  const ref = `${v.name}@${v.version}`;
  const formats: ('onnx' | 'json' | 'scorer')[] = [];
  const notes: string[] = [];
  // As models/export/model-export.ts decides (writeOnnx): one row per entity; binary, or
  // regression (any link off table mode), or multiclass on a table.
  const regression = ['regression', 'poisson', 'gamma', 'tweedie'].includes(a.task);
  const perEntity = ['table', 'transactions', 'telemetry'].includes(a.mode);
  const onnxTask =
    a.task === 'binary' ||
    (a.mode === 'table' ? a.task === 'regression' || a.task === 'multiclass' : regression);
  if (perEntity && onnxTask) {
    formats.push('onnx');
    if (a.mode !== 'table')
      notes.push(
        `ONNX: the graph reads the model's ${a.features.length} features (computed from the ${a.mode === 'telemetry' ? 'telemetry windows' : 'transaction log'}), not the raw ${a.mode === 'telemetry' ? 'telemetry' : 'log'}.`,
      );
  } else
    notes.push(
      `ONNX covers models that score one row per entity; this is a ${a.mode} ${a.task} model.`,
    );
  formats.push('json');
  try {
    generateScorer(a, { version: v.version });
    formats.push('scorer');
  } catch (err) {
    notes.push(`No standalone scorer: ${(err as Error).message}.`);
  }
  const table = tableOf(v.params);
  const predictCommand = `sightline predict --model ${quote(ref)} --workspace ${quote(path)} ${a.kind === 'demand' ? '--horizon 30' : `--table ${quote(table ?? 'TABLE')}`} --output ${quote(`${v.name}-predictions.csv`)}`;
  const servable = a.mode === 'table';
  const serveCommand = `sightline serve --workspace ${quote(path)} --port 8000 --token "$SIGHTLINE_TOKEN"`;
  let example: Record<string, unknown> | undefined;
  let curl: string | undefined;
  if (servable && table && ws.tableExists(table)) {
    const names = (a.input as InputColumn[]).map((c) => c.name);
    const t = loadTable(ws, table, names);
    example = {};
    for (const c of t.columns) {
      if (c.kind === 'numeric') example[c.name] = Number.isNaN(c.values[0]!) ? null : c.values[0];
      else example[c.name] = c.codes[0]! < 0 ? null : c.levels[c.codes[0]!];
    }
    curl = [
      `curl -s -X POST http://127.0.0.1:8000/predict/${encodeURIComponent(v.name)}`,
      `  -H "Authorization: Bearer $SIGHTLINE_TOKEN"`,
      `  -H 'Content-Type: application/json'`,
      `  -d ${quote(JSON.stringify(example))}`,
    ].join(' \\\n');
  }
  return {
    folder: dirname(path),
    stem: `${v.name}-${v.version}`,
    ...(table ? { trainingTable: table } : {}),
    formats,
    notes,
    servable,
    serveCommand,
    predictCommand,
    ...(curl ? { curl } : {}),
    ...(example ? { example } : {}),
  };
}
