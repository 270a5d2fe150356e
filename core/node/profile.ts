// Column profiles of a workspace table, computed in one streaming pass over its rows and stored
// with the columns; recomputed on demand (an append clears them).
import type { ColumnProfile } from '../common/stats/index.js';
import { ColumnProfiler } from '../common/stats/index.js';
import { quoteIdent } from './workspace/sql.js';
import { now, translateSqliteError, type Workspace } from './workspace/workspace.js';
import type { ColumnInfo, DatasetInfo } from './workspace/workspace.js';
import { JobRecord } from './jobs/record.js';

export interface TableProfile {
  table: string;
  rows: number;
  profiledAt: string;
  columns: (ColumnInfo & { profile: ColumnProfile })[];
}

export interface ProfileOptions {
  /** Recompute even when a stored profile exists. */
  refresh?: boolean;
  onProgress?: (p: { table: string; rows: number; total: number }) => void;
  signal?: AbortSignal;
}

export class ProfileCancelled extends Error {
  constructor(table: string) {
    super(`profiling ${table} cancelled; stored profiles are unchanged`);
    this.name = 'ProfileCancelled';
  }
}

/** The stored profile of `table`, computing and storing it first when missing or asked to. */
export async function profileTable(
  ws: Workspace,
  table: string,
  options: ProfileOptions = {},
): Promise<TableProfile> {
  const ds = ws.requireDataset(table);
  const columns = ws.getColumns(ds.id);
  const stored = ws.db
    .prepare(
      `SELECT position, profile, profiled_at FROM sl_columns WHERE dataset_id = ? ORDER BY position`,
    )
    .all(ds.id) as {
    position: number;
    profile: string | null;
    profiled_at: string | null;
  }[];
  if (!options.refresh && stored.length > 0 && stored.every((s) => s.profile !== null)) {
    return {
      table: ds.name,
      rows: ds.rowCount,
      profiledAt: stored[0]!.profiled_at!,
      columns: columns.map((c, i) => ({
        ...c,
        profile: JSON.parse(stored[i]!.profile!) as ColumnProfile,
      })),
    };
  }
  const job = JobRecord.start(ws, 'profile', { table: ds.name });
  try {
    const result = await computeProfile(ws, ds, columns, options);
    job.finish('done', { result: { table: ds.name, rows: result.rows } });
    return result;
  } catch (err) {
    const error = translateSqliteError(err, ws.path);
    job.finishQuietly(err instanceof ProfileCancelled ? 'cancelled' : 'failed', {
      error: (error as Error).message,
    });
    throw error;
  }
}

async function computeProfile(
  ws: Workspace,
  ds: DatasetInfo,
  columns: ColumnInfo[],
  options: ProfileOptions,
): Promise<TableProfile> {
  const profilers = columns.map((c) => new ColumnProfiler(c.type));
  const n = columns.length;
  const select = ws.db
    .prepare(
      `SELECT ${columns.map((c) => quoteIdent(c.name)).join(', ')} FROM ${quoteIdent(ds.name)}`,
    )
    .raw(true);
  let rows = 0;
  const total = ds.rowCount;
  // The pass yields to the event loop every 50,000 rows so progress shows and a cancel is heard.
  const iter = select.iterate() as IterableIterator<(number | bigint | string | null)[]>;
  try {
    for (;;) {
      let step = 0;
      let done = false;
      while (step < 50_000) {
        const next = iter.next();
        if (next.done) {
          done = true;
          break;
        }
        const row = next.value;
        for (let c = 0; c < n; c++) profilers[c]!.add(row[c]!);
        step++;
      }
      rows += step;
      // No job.progress here: the connection cannot write while this read is open.
      options.onProgress?.({ table: ds.name, rows, total });
      if (done) break;
      await new Promise<void>((r) => setImmediate(r));
      if (options.signal?.aborted) throw new ProfileCancelled(ds.name);
    }
  } finally {
    iter.return?.();
  }
  const profiledAt = now();
  const profiles = profilers.map((p) => p.result());
  const update = ws.db.prepare(
    `UPDATE sl_columns SET profile = ?, profiled_at = ? WHERE dataset_id = ? AND position = ?`,
  );
  ws.db.transaction(() => {
    columns.forEach((c, i) =>
      update.run(JSON.stringify(profiles[i]), profiledAt, ds.id, c.position),
    );
  })();
  return {
    table: ds.name,
    rows,
    profiledAt,
    columns: columns.map((c, i) => ({ ...c, profiledAt, profile: profiles[i]! })),
  };
}
