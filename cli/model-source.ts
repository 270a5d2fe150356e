// Where `--model` and the scoring input come from: a registry reference (name, name@version,
// name@production) in the workspace or an exported artifact file; a workspace table or an
// input file, imported into a scratch workspace that is deleted afterwards.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFile } from '../core/node/import/importer.js';
import type { RowProblem } from '../core/node/import/report.js';
import type { ColumnType } from '../core/common/schema.js';
import { Registry } from '../core/node/registry/registry.js';
import { Workspace } from '../core/node/workspace/workspace.js';
import { checkArtifact, type ModelArtifact } from '../models/common/artifact.js';
import type { Source } from '../models/score.js';
import { readArtifactFile } from '../models/export/artifact-file.js';
import { UsageError } from './output.js';
import { formatBytes, formatCount, progressBar } from './progress.js';
import { workspacePath } from './workspace-option.js';

export interface ResolvedModel {
  artifact: ModelArtifact;
  version: number | null;
  ref: string;
}

export function looksLikeFile(ref: string): boolean {
  return /\.json$/i.test(ref) || ref.includes('/') || ref.includes('\\');
}

export function resolveModel(ref: string, ws: Workspace | undefined): ResolvedModel {
  if (looksLikeFile(ref)) {
    if (!existsSync(ref)) throw new UsageError(`--model ${ref}: no such file`);
    const text = readFileSync(ref, 'utf8');
    // An exported file (`sightline export --format json`) carries its registry record, checked
    // field by field; a bare artifact is accepted too.
    let bare: unknown;
    try {
      bare = JSON.parse(text);
    } catch (err) {
      throw new Error(`${ref} is not JSON (${(err as Error).message})`, { cause: err });
    }
    if ((bare as { format?: unknown } | null)?.format === 'sightline-model') {
      const artifact = checkArtifact(bare, ref);
      return { artifact, version: null, ref: artifact.name };
    }
    const file = readArtifactFile(text, ref);
    return {
      artifact: checkArtifact(file.artifact, ref),
      version: file.version,
      ref: `${file.name}@${file.version}`,
    };
  }
  if (!ws)
    throw new UsageError(`--model ${ref}: name a workspace with --workspace to use its registry`);
  const v = new Registry(ws).get(ref);
  return {
    artifact: checkArtifact(v.artifact, `${v.name}@${v.version}`),
    version: v.version,
    ref: `${v.name}@${v.version}`,
  };
}

export interface OpenedSource {
  source: Source;
  /** For an --input file: rows the import could not read as the model's types, with lines. */
  rejected?: { count: number; problems: RowProblem[] };
  close(): void;
}

export async function openSource(
  ws: Workspace | undefined,
  flags: { table?: string; input?: string },
  signal?: AbortSignal,
  types?: Record<string, ColumnType>,
): Promise<OpenedSource> {
  if ((flags.table ? 1 : 0) + (flags.input ? 1 : 0) !== 1)
    throw new UsageError(
      'give the rows to score with --table T (in the workspace) or --input FILE',
    );
  if (flags.table) {
    if (!ws) throw new UsageError('--table needs --workspace');
    const ds = ws.requireDataset(flags.table);
    return { source: { ws, table: ds.name, where: `table ${ds.name}` }, close: () => {} };
  }
  const dir = mkdtempSync(join(tmpdir(), 'sightline-input-'));
  const scratch = Workspace.open(join(dir, 'input.sightline'), { create: true });
  const bar = progressBar(`reading ${flags.input}`);
  try {
    // Rows whose values cannot be read as the model's column types are skipped and reported
    // with their line numbers: never scored as zeros or guessed.
    const [r] = await importFile(scratch, flags.input!, {
      table: 'input',
      onError: 'skip',
      ...(types ? { types } : {}),
      ...(signal ? { signal } : {}),
      onProgress: (p) =>
        bar.update(
          p.bytesRead,
          p.bytesTotal,
          `${formatCount(p.rows)} rows, ${formatBytes(p.bytesRead)}`,
        ),
    });
    bar.done();
    return {
      source: { ws: scratch, table: r!.table, ...(ws ? { home: ws } : {}), where: flags.input! },
      rejected: { count: r!.report.rowsSkipped, problems: r!.report.problems },
      close: () => {
        scratch.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    scratch.close();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

export function optionalWorkspace(given: string | undefined): Workspace | undefined {
  const path = given ?? process.env.SIGHTLINE_WORKSPACE;
  return path ? Workspace.open(workspacePath(path)) : undefined;
}
