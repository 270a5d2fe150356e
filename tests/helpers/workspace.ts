// Workspace helpers for tests: a workspace with one table in it, and a snapshot of everything a
// failed import must leave alone (every table's schema and rows, and the dataset metadata).
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { importFile, type ImportOptions } from '../../core/node/import/importer.js';
import { quoteIdent } from '../../core/node/workspace/sql.js';
import { Workspace } from '../../core/node/workspace/workspace.js';
import { writeFileSync } from 'node:fs';

let counter = 0;

export async function workspaceWithTable(dir: string): Promise<Workspace> {
  const ws = Workspace.open(join(dir, `w${++counter}.sightline`), { create: true });
  const keep = join(dir, `keep-${counter}.csv`);
  writeFileSync(keep, 'id,name,score\n1,ann,3.5\n2,bob,4.25\n3,cy,NA\n');
  await importFile(ws, keep, { table: 'keep' });
  return ws;
}

/** A digest of every table (schema and rows) except the jobs log, which records failures by design. */
export function snapshot(ws: Workspace): string {
  const h = createHash('sha256');
  const tables = ws.db
    .prepare(
      `SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name <> 'sl_jobs' ORDER BY name`,
    )
    .all() as {
    name: string;
    sql: string;
  }[];
  for (const t of tables) {
    h.update(`${t.name}\n${t.sql}\n`);
    for (const row of ws.db
      .prepare(`SELECT * FROM ${quoteIdent(t.name)} ORDER BY rowid`)
      .raw(true)
      .iterate()) {
      h.update(JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)));
    }
  }
  return h.digest('hex');
}

export async function expectImportFails(
  ws: Workspace,
  file: string,
  options: ImportOptions,
): Promise<Error & { code?: string; where?: { line?: number; column?: string } }> {
  const before = snapshot(ws);
  let error: unknown;
  try {
    await importFile(ws, file, options);
  } catch (err) {
    error = err;
  }
  if (!error) throw new Error(`expected the import of ${file} to fail`);
  if (snapshot(ws) !== before)
    throw new Error(`the failed import of ${file} changed the workspace`);
  return error as Error & { code?: string };
}

export function rows(ws: Workspace, table: string): Record<string, unknown>[] {
  return ws.db.prepare(`SELECT * FROM ${quoteIdent(table)} ORDER BY rowid`).all() as Record<
    string,
    unknown
  >[];
}
