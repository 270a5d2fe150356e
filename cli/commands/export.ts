// sightline export: a registered model as a JSON artifact file or a standalone scorer module
// (ONNX joins with the ONNX writer), with a parity check against the engine.
import type { Command } from 'commander';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  buildOnnxModel,
  encodeModel,
  type ExportableArtifact,
  type NumericInputType,
  type OnnxInputColumn,
} from '../../core/common/onnx/index.js';
import { checkParity } from '../../core/node/onnx/parity.js';
import { Registry } from '../../core/node/registry/registry.js';
import { loadTable } from '../../core/node/table-data.js';
import { now, type Workspace } from '../../core/node/workspace/workspace.js';
import { checkArtifact, type ModelArtifact } from '../../models/common/artifact.js';
import { scoreTable } from '../../models/common/tabular.js';
import { artifactFileText } from '../../models/export/artifact-file.js';
import { generateScorer } from '../../models/export/scorer.js';
import { fail, printJson, UsageError } from '../output.js';
import { openWorkspace } from '../workspace-option.js';

interface Flags {
  workspace?: string;
  model: string;
  format: string;
  out: string;
  table?: string;
  numericInputs?: string;
  json?: boolean;
}

export interface ParityReport {
  rows: number;
  maxAbsDifference: number;
  tolerance: number;
  passed: boolean;
  checkedOn: string;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description(
      'export a model: json (the artifact file) or scorer (a standalone ES module), with a parity report',
    )
    .requiredOption('-m, --model <model>', 'registry name[@version]')
    .requiredOption('-f, --format <format>', 'onnx | json | scorer')
    .option(
      '--numeric-inputs <type>',
      'onnx: float (default; as most runtimes feed) or double (exact split decisions for any double input)',
    )
    .requiredOption('-o, --out <path>', 'the file to write')
    .option('-w, --workspace <file>', 'workspace file')
    .option(
      '-t, --table <name>',
      'rows for the parity check (default: the training table, table-mode models)',
    )
    .option('--json', 'print one JSON document')
    .action(async (flags: Flags) => {
      try {
        await runExport(flags);
      } catch (err) {
        fail(err, flags.json === true);
      }
    });
}

async function runExport(flags: Flags): Promise<void> {
  if (!['json', 'scorer', 'onnx'].includes(flags.format))
    throw new UsageError(`--format ${flags.format}: use onnx, json or scorer`);
  if (flags.numericInputs && !['float', 'double'].includes(flags.numericInputs))
    throw new UsageError(`--numeric-inputs ${flags.numericInputs}: use float or double`);
  const ws = openWorkspace(flags.workspace);
  try {
    const v = new Registry(ws).get(flags.model);
    const a = checkArtifact(v.artifact, `${v.name}@${v.version}`);
    let parity: ParityReport | null = null;
    if (flags.format === 'onnx') {
      if (a.mode !== 'table' || (a.task !== 'binary' && a.task !== 'regression'))
        throw new UsageError(
          `ONNX export covers table-mode binary and regression models; ${v.name} is ${a.mode} ${a.task} (export it as json)`,
        );
      const numericInputs = (flags.numericInputs ?? 'float') as NumericInputType;
      const message = buildOnnxModel(a as unknown as ExportableArtifact, {
        version: String(v.version),
        producerVersion: a.codeVersion,
        numericInputs,
      });
      const bytes = encodeModel(message);
      const table = flags.table ?? tableOf(v.params);
      if (!table || !ws.tableExists(table))
        throw new UsageError('name the rows for the parity check with --table T');
      const t = loadTable(ws, table);
      const engine = scoreTable(a, t.columns, t.rows, `table ${table}`, { factors: 0 });
      const r = await checkParity({
        bytes,
        columns: t.columns,
        specs: a.input as OnnxInputColumn[],
        rows: t.rows,
        task: a.task,
        engine: {
          values: engine.binary ? engine.binary.probability : engine.values!,
          ...(engine.binary ? { flagged: engine.binary.flagged } : {}),
        },
        numericInputs,
      });
      parity = {
        rows: r.rows,
        maxAbsDifference: r.maxAbsDiff,
        tolerance: r.tolerance,
        passed: r.pass,
        checkedOn: `table ${table} in onnxruntime-node${r.labelMismatches ? `; ${r.labelMismatches} labels differ` : ''}`,
      };
      // The parity report travels in the file's metadata (the graph is unchanged).
      message.metadataProps.push(
        { key: 'parity_rows', value: String(parity.rows) },
        { key: 'parity_max_abs_difference', value: String(parity.maxAbsDifference) },
        { key: 'parity_tolerance', value: String(parity.tolerance) },
        { key: 'parity_passed', value: String(parity.passed) },
        { key: 'parity_checked_on', value: parity.checkedOn },
      );
      writeFileSync(flags.out, encodeModel(message));
    } else if (flags.format === 'json') {
      const { evaluation: _e, ...record } = v;
      writeFileSync(flags.out, artifactFileText(record));
    } else {
      if (a.mode !== 'table')
        throw new UsageError(
          `the standalone scorer covers table-mode models; ${v.name} reads ${a.mode} (export it as json)`,
        );
      writeFileSync(flags.out, generateScorer(a, { version: v.version }));
      parity = await scorerParity(
        a,
        resolve(flags.out),
        ws,
        flags.table ?? (a.roles.table as string | undefined) ?? tableOf(v.params),
      );
    }
    // The export and its parity report are recorded in the registry's workspace.
    ws.db
      .prepare(
        'INSERT INTO sl_exports (model, version, format, path, parity, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        v.name,
        v.version,
        flags.format,
        resolve(flags.out),
        parity ? JSON.stringify(parity) : null,
        now(),
      );
    const out = {
      ok: true,
      model: `${v.name}@${v.version}`,
      format: flags.format,
      out: flags.out,
      parity,
    };
    if (flags.json) printJson(out);
    else
      process.stdout.write(
        `Wrote ${out.model} as ${flags.format} to ${flags.out}.${parity ? `\nParity on ${parity.checkedOn}: ${parity.rows} rows, max |difference| ${parity.maxAbsDifference.toExponential(2)} (tolerance ${parity.tolerance}): ${parity.passed ? 'passed' : 'FAILED'}.` : ''}\n`,
      );
    if (parity && !parity.passed) process.exitCode = 1;
  } finally {
    ws.close();
  }
}

function tableOf(params: unknown): string | undefined {
  const t = (params as { table?: unknown } | null)?.table;
  return typeof t === 'string' ? t : undefined;
}

/** Loads the written module and scores the table with it beside the engine. */
async function scorerParity(
  a: ModelArtifact,
  file: string,
  ws: Workspace,
  table: string | undefined,
): Promise<ParityReport> {
  if (!table || !ws.tableExists(table))
    throw new UsageError('name the rows for the parity check with --table T');
  const t = loadTable(ws, table);
  const n = Math.min(t.rows, 2000);
  const engine = scoreTable(a, t.columns, t.rows, `table ${table}`, { factors: 0 });
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const r: Record<string, unknown> = {};
    for (const c of t.columns)
      r[c.name] =
        c.kind === 'numeric'
          ? Number.isNaN(c.values[i]!)
            ? null
            : c.values[i]
          : c.codes[i]! < 0
            ? null
            : c.levels[c.codes[i]!];
    rows.push(r);
  }
  // Import a copy under a fresh name: Node caches modules by URL.
  const dir = mkdtempSync(join(tmpdir(), 'sightline-parity-'));
  try {
    const copy = join(dir, 'scorer.mjs');
    writeFileSync(copy, (await import('node:fs')).readFileSync(file));
    const mod = (await import(pathToFileURL(copy).href)) as {
      score: (
        rows: Record<string, unknown>[],
        o?: { round?: boolean },
      ) => Record<string, unknown>[];
    };
    const out = mod.score(rows, { round: false });
    const field = Object.keys(out[0] ?? {}).find((k) => /probability$|^prediction$/.test(k));
    let max = 0;
    for (let i = 0; i < n; i++) {
      const mine = engine.binary ? engine.binary.probability[i]! : (engine.values?.[i] ?? NaN);
      const theirs = Number(out[i]![field ?? ''] ?? NaN);
      max = Math.max(max, Math.abs(mine - theirs));
    }
    const tolerance = 1e-9;
    return {
      rows: n,
      maxAbsDifference: max,
      tolerance,
      passed: max <= tolerance,
      checkedOn: `table ${table}`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
