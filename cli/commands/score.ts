// sightline evaluate / predict: a trained model (registry name or exported file) on a workspace
// table or an input file.
import type { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { evaluate, predict, type Scored } from '../../models/score.js';
import { forecastFromArtifact } from '../../models/demand/score.js';
import type { ModelArtifact } from '../../models/common/artifact.js';
import type { InputColumn } from '../../models/common/columns.js';
import type { RowProblem } from '../../core/node/import/report.js';
import { isColumnType, type ColumnType } from '../../core/common/schema.js';
import { parseHorizon } from '../../models/train.js';
import { openSource, optionalWorkspace, resolveModel } from '../model-source.js';
import { fail, interruptSignal, printJson, table, UsageError } from '../output.js';
import { parseDay } from './train.js';

interface ScoreFlags {
  workspace?: string;
  model: string;
  table?: string;
  input?: string;
  output?: string;
  cutoff?: string;
  horizon?: string;
  json?: boolean;
}

export function registerScore(program: Command): void {
  program
    .command('evaluate')
    .description(
      "a model's metrics on rows whose outcome is known (at the model's chosen threshold)",
    )
    .requiredOption('-m, --model <model>', 'registry name[@version] or an exported artifact file')
    .option('-w, --workspace <file>', 'workspace file')
    .option('-t, --table <name>', 'workspace table to evaluate on')
    .option('-i, --input <file>', 'a file to evaluate on (CSV, JSON Lines, Parquet, …)')
    .option(
      '--cutoff <date>',
      'YYYY-MM-DD: for transaction logs, the cutoff outcomes are counted from',
    )
    .option('--json', 'print one JSON document')
    .action(async (flags: ScoreFlags) => {
      try {
        await runEvaluate(flags);
      } catch (err) {
        fail(err, flags.json === true);
      }
    });
  program
    .command('predict')
    .description(
      'score rows with a model and write the predictions (CSV or JSON Lines by extension)',
    )
    .requiredOption('-m, --model <model>', 'registry name[@version] or an exported artifact file')
    .option('-w, --workspace <file>', 'workspace file')
    .option('-t, --table <name>', 'workspace table to score')
    .option('-i, --input <file>', 'a file to score')
    .option(
      '-o, --output <file>',
      'where to write predictions (.csv or .jsonl; default: CSV on stdout)',
    )
    .option('--cutoff <date>', 'YYYY-MM-DD: score as of this date (transaction logs)')
    .option('--horizon <periods>', 'demand: periods to forecast (default: the model’s)')
    .option('--json', 'print a JSON summary (predictions still go to --output)')
    .action(async (flags: ScoreFlags) => {
      try {
        await runPredict(flags);
      } catch (err) {
        fail(err, flags.json === true);
      }
    });
}

async function runEvaluate(flags: ScoreFlags): Promise<void> {
  const ws = optionalWorkspace(flags.workspace);
  try {
    const model = resolveModel(flags.model, ws);
    const opened = await openSource(ws, flags, interruptSignal());
    try {
      const cutoff = flags.cutoff ? parseDay(flags.cutoff, '--cutoff') : undefined;
      const r = evaluate(model.artifact, opened.source, cutoff !== undefined ? { cutoff } : {});
      if (flags.json) {
        printJson({
          ok: true,
          model: model.ref,
          kind: model.artifact.kind,
          rows: r.rows,
          ...(r.threshold !== undefined ? { threshold: r.threshold } : {}),
          metrics: r.metrics,
          ...(r.note ? { note: r.note } : {}),
          evaluation: r.evaluation,
        });
        return;
      }
      const lines = [
        `${model.ref} (${model.artifact.kind}) on ${opened.source.where}: ${r.rows.toLocaleString('en-US')} rows${r.note ? `; ${r.note}` : ''}${r.threshold !== undefined ? `; threshold ${r.threshold.toFixed(3)}` : ''}.`,
        '',
        table(
          ['metric', 'value'],
          Object.entries(r.metrics).map(([k, v]) => [
            k,
            Number.isFinite(v) ? v.toPrecision(4) : '—',
          ]),
        ),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      opened.close();
    }
  } finally {
    ws?.close();
  }
}

async function runPredict(flags: ScoreFlags): Promise<void> {
  const ws = optionalWorkspace(flags.workspace);
  try {
    const model = resolveModel(flags.model, ws);
    const a = model.artifact;
    let scored: Scored;
    let rejected: { count: number; problems: RowProblem[] } | undefined;
    if (a.kind === 'demand') {
      const h = flags.horizon ? parseHorizonPeriods(flags.horizon) : undefined;
      if (flags.table || flags.input) {
        const opened = await openSource(ws, flags);
        try {
          scored = forecastFromArtifact(a, model.version, opened.source, h);
        } finally {
          opened.close();
        }
      } else scored = forecastFromArtifact(a, model.version, undefined, h);
    } else {
      const opened = await openSource(ws, flags, interruptSignal(), modelTypes(a));
      try {
        const cutoff = flags.cutoff ? parseDay(flags.cutoff, '--cutoff') : undefined;
        scored = predict(a, model.version, opened.source, cutoff !== undefined ? { cutoff } : {});
        rejected = opened.rejected;
      } finally {
        opened.close();
      }
    }
    await writeScored(scored, flags.output);
    if (rejected && rejected.count > 0 && !flags.json) {
      const shown = rejected.problems
        .slice(0, 10)
        .map(
          (p) =>
            `  ${p.unit} ${p.line}${p.column ? `, column ${JSON.stringify(p.column)}` : ''}: ${p.message}`,
        );
      process.stderr.write(
        `sightline: ${rejected.count.toLocaleString('en-US')} row${rejected.count > 1 ? 's' : ''} of ${flags.input} could not be read as the model's inputs and ${rejected.count > 1 ? 'were' : 'was'} not scored:\n${shown.join('\n')}${rejected.count > shown.length ? `\n  … and ${rejected.count - shown.length} more` : ''}\n`,
      );
    }
    if (flags.json)
      printJson({
        ok: true,
        model: model.ref,
        rows: scored.rows.length,
        columns: scored.columns,
        output: flags.output ?? null,
        ...(rejected ? { rejected } : {}),
      });
    else if (flags.output)
      process.stdout.write(
        `Wrote ${scored.rows.length.toLocaleString('en-US')} predictions of ${model.ref} to ${flags.output}.\n`,
      );
  } finally {
    ws?.close();
  }
}

function parseHorizonPeriods(text: string): number {
  if (/^[1-9][0-9]*$/.test(text)) return Number(text);
  try {
    return parseHorizon(text).value;
  } catch (err) {
    throw new UsageError(`--horizon: ${(err as Error).message}`);
  }
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes rows as CSV (default) or JSON Lines (.jsonl / .ndjson), streaming. */
export async function writeScored(s: Scored, output?: string): Promise<void> {
  const jsonl = !!output && /\.(jsonl|ndjson)$/i.test(output);
  const out = output ? createWriteStream(output) : process.stdout;
  const write = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (out.write(text)) resolve();
      else out.once('drain', resolve);
      out.once('error', reject);
    });
  if (!jsonl) await write(`${s.columns.map(csvCell).join(',')}\n`);
  let chunk = '';
  for (const row of s.rows) {
    chunk += jsonl
      ? `${JSON.stringify(Object.fromEntries(s.columns.map((c, j) => [c, row[j] ?? null])))}\n`
      : `${row.map(csvCell).join(',')}\n`;
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = '';
    }
  }
  if (chunk) await write(chunk);
  if (output)
    await new Promise<void>((resolve, reject) => {
      (out as ReturnType<typeof createWriteStream>).end((err?: Error | null) =>
        err ? reject(err) : resolve(),
      );
    });
}

/** Table-mode inputs are read as the types the model was trained on (integer, date, …). */
function modelTypes(a: ModelArtifact): Record<string, ColumnType> | undefined {
  if (a.mode !== 'table') return undefined;
  const types: Record<string, ColumnType> = {};
  for (const c of a.input as InputColumn[])
    if (c.type && isColumnType(c.type)) types[c.name] = c.type;
  return Object.keys(types).length ? types : undefined;
}
