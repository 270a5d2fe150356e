// sightline import FILE: bring a CSV/TSV, JSON Lines, Parquet or SQLite file into the workspace.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { COLUMN_TYPES, isColumnType, type ColumnType } from '../../core/common/schema.js';
import {
  importFile,
  type ImportOptions,
  type ImportResult,
} from '../../core/node/import/importer.js';
import { SOURCE_FORMATS, type SourceFormat } from '../../core/node/import/detect.js';
import { fail, interruptSignal, printJson, table, UsageError } from '../output.js';
import { formatBytes, formatCount, progressBar } from '../progress.js';
import { openWorkspace } from '../workspace-option.js';

interface Flags {
  workspace?: string;
  table?: string;
  mode: string;
  onError: string;
  type: string[];
  schema?: string;
  dateFormat?: string;
  encoding?: string;
  delimiter?: string;
  header: boolean;
  format?: string;
  sourceTable?: string;
  json?: boolean;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description(
      'import a delimited text (optionally gzip), JSON Lines, Parquet or SQLite file into a workspace table',
    )
    .argument('<file>', 'the file to import')
    .option('-w, --workspace <file>', 'workspace file (created when missing)')
    .option('-t, --table <name>', 'destination table (default: the file name without extensions)')
    .option('--mode <mode>', 'create | replace | append', 'create')
    .option('--on-error <policy>', 'row problems: fail | skip | null', 'skip')
    .option(
      '--type <col=type>',
      `set a column type before import (${COLUMN_TYPES.join(', ')}); repeatable`,
      collect,
      [],
    )
    .option('--schema <file>', 'JSON file of column types: {"column": "type", …}')
    .option('--date-format <pattern>', 'date/datetime pattern such as DD/MM/YYYY or YYYYMMDD')
    .option(
      '--encoding <name>',
      'utf-8 | utf-16le | utf-16be | windows-1252 | latin1 (default: detected)',
    )
    .option('--delimiter <d>', 'comma | tab | semicolon | pipe (default: sniffed)')
    .option('--no-header', 'the first row is data; columns are named column_1, column_2, …')
    .option('--format <format>', `${SOURCE_FORMATS.join(' | ')} (default: detected)`)
    .option('--source-table <name>', 'for an SQLite file: the table to import (default: all)')
    .option('--json', 'print one JSON document')
    .action(async (file: string, flags: Flags) => {
      try {
        await runImport(file, flags);
      } catch (err) {
        fail(err, flags.json === true);
      }
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function parseTypes(pairs: string[], schemaFile?: string): Record<string, ColumnType> {
  const types: Record<string, ColumnType> = {};
  if (schemaFile) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(schemaFile, 'utf8'));
    } catch (err) {
      throw new UsageError(`--schema ${schemaFile}: ${(err as Error).message}`);
    }
    const entries =
      parsed &&
      typeof parsed === 'object' &&
      Array.isArray((parsed as { columns?: unknown }).columns)
        ? ((parsed as { columns: { name: string; type: string }[] }).columns.map((c) => [
            c.name,
            c.type,
          ]) as [string, string][])
        : Object.entries(parsed as Record<string, string>);
    for (const [k, t] of entries) {
      if (!isColumnType(String(t)))
        throw new UsageError(
          `--schema ${schemaFile}: column ${JSON.stringify(k)} has unknown type ${JSON.stringify(t)} (use ${COLUMN_TYPES.join(', ')})`,
        );
      types[k] = t as ColumnType;
    }
  }
  for (const p of pairs) {
    const eq = p.lastIndexOf('=');
    if (eq <= 0) throw new UsageError(`--type ${p}: expected column=type`);
    const col = p.slice(0, eq);
    const t = p.slice(eq + 1);
    if (!isColumnType(t))
      throw new UsageError(
        `--type ${p}: unknown type ${JSON.stringify(t)} (use ${COLUMN_TYPES.join(', ')})`,
      );
    types[col] = t;
  }
  return types;
}

function choice<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`${flag} ${value}: use one of ${allowed.join(', ')}`);
  return value as T;
}

async function runImport(file: string, flags: Flags): Promise<void> {
  const options: ImportOptions = {
    mode: choice('--mode', flags.mode, ['create', 'replace', 'append'] as const),
    onError: choice('--on-error', flags.onError, ['fail', 'skip', 'null'] as const),
    types: parseTypes(flags.type, flags.schema),
    header: flags.header,
    signal: interruptSignal(),
  };
  if (flags.table) options.table = flags.table;
  if (flags.dateFormat) options.dateFormat = flags.dateFormat;
  if (flags.encoding) options.encoding = flags.encoding;
  if (flags.delimiter) options.delimiter = flags.delimiter;
  if (flags.sourceTable) options.sourceTable = flags.sourceTable;
  if (flags.format)
    options.format = choice('--format', flags.format, SOURCE_FORMATS) as SourceFormat;
  const ws = openWorkspace(flags.workspace, true);
  try {
    const bar = progressBar('importing');
    options.onProgress = (p) =>
      bar.update(
        p.bytesRead,
        p.bytesTotal,
        `${formatBytes(p.bytesRead)}/${formatBytes(p.bytesTotal)} ${formatCount(p.rows)} rows`,
      );
    let results: ImportResult[];
    try {
      results = await importFile(ws, file, options);
    } finally {
      bar.done();
    }
    if (flags.json) printJson({ ok: true, workspace: ws.path, imports: results });
    else for (const r of results) printSummary(r);
  } finally {
    ws.close();
  }
}

function printSummary(r: ImportResult): void {
  const rep = r.report;
  const lines = [
    `Imported ${formatCount(rep.rowsImported)} rows × ${rep.columns.length} columns into table "${r.table}" (${(rep.durationMs / 1000).toFixed(1)} s, ${rep.mode}).`,
  ];
  if (rep.problemCount > 0) {
    lines.push(
      `${formatCount(rep.problemCount)} row problems (${rep.onError}): ${formatCount(rep.rowsSkipped)} rows skipped, ${formatCount(rep.valuesNulled)} values set to null. First ones:`,
    );
    for (const p of rep.problems.slice(0, 5))
      lines.push(`  ${p.unit} ${p.line}${p.column ? `, column "${p.column}"` : ''}: ${p.message}`);
  }
  for (const rn of rep.renamedColumns)
    lines.push(
      `Column ${rn.position + 1} ${JSON.stringify(rn.original)} renamed to "${rn.name}" (${rn.reason}).`,
    );
  for (const n of rep.notes) lines.push(`Note: ${n}`);
  lines.push('');
  lines.push(
    table(
      ['column', 'type', 'from', 'notes'],
      rep.columns.map((c) => [
        c.name,
        c.type + (c.dateFormat ? ` (${c.dateFormat})` : ''),
        c.typeSource,
        [c.idLike ? 'id-like' : '', ...c.notes].filter(Boolean).join('; '),
      ]),
    ),
  );
  process.stdout.write(`${lines.join('\n')}\n\n`);
}
