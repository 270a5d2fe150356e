// The standalone scorer's parity check, for every input mode: the written module is imported
// and given a workspace's tables as a caller would hold them (dates as text), and its rows are
// compared field by field with the engine's own (models/predict-rows.ts on the workspace's
// loaders, numbers unrounded): the largest numeric difference, and any other field that differs
// (risk factors, flags, levels, ids) counted in the report.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadTable, type ColumnData } from '../../core/node/table-data.js';
import type { Workspace } from '../../core/node/workspace/workspace.js';
import type { ModelArtifact } from '../common/artifact.js';
import { forecastRows, loadSales, type DemandRoles } from '../demand/kind.js';
import {
  exactNumber,
  predictChurnRows,
  predictLtvRows,
  predictTableRows,
  predictTelemetryRows,
  type Scored,
} from '../predict-rows.js';
import { logInputs, telemetryObservations } from '../score.js';

export interface ScorerParity {
  rows: number;
  maxAbsDifference: number;
  tolerance: number;
  passed: boolean;
  checkedOn: string;
}

/** Parity is checked on at most this many rows of a table-mode input. */
const TABLE_ROWS = 2000;
const TOLERANCE = 1e-9;

type Rows = Record<string, unknown>[];

/**
 * A workspace table's rows as a caller holds them: missing values null, dates and times as text
 * (table-mode models read dates as day numbers: `datesAsText` false keeps them so).
 */
export function workspaceRows(
  ws: Workspace,
  table: string,
  limit = Infinity,
  datesAsText = true,
): Rows {
  const t = loadTable(ws, table);
  const n = Math.min(t.rows, limit);
  const cell = (c: ColumnData, i: number): unknown => {
    if (c.kind === 'categorical') return c.codes[i]! < 0 ? null : c.levels[c.codes[i]!];
    const v = c.values[i]!;
    if (Number.isNaN(v)) return null;
    if (!datesAsText) return v;
    if (c.type === 'date' && Number.isInteger(v))
      return new Date(v * 86400000).toISOString().slice(0, 10);
    if (c.type === 'datetime' && Number.isInteger(v))
      return new Date(v * 1000).toISOString().replace('T', ' ').slice(0, 19);
    return v;
  };
  return Array.from({ length: n }, (_, i) =>
    Object.fromEntries(t.columns.map((c) => [c.name, cell(c, i)])),
  );
}

const objects = (s: Scored): Rows =>
  s.rows.map((r) => Object.fromEntries(s.columns.map((c, j) => [c, r[j]])));

function compare(mine: Rows, engine: Rows): { max: number; differing: number } {
  if (mine.length !== engine.length)
    return { max: Infinity, differing: Math.abs(mine.length - engine.length) };
  let max = 0;
  let differing = 0;
  engine.forEach((e, i) => {
    const o = mine[i]!;
    let same = Object.keys(o).join() === Object.keys(e).join();
    for (const k of Object.keys(e)) {
      const x = e[k];
      const y = o[k];
      if (typeof x === 'number' && typeof y === 'number') {
        const d = Number.isNaN(x) && Number.isNaN(y) ? 0 : Math.abs(x - y);
        max = Number.isNaN(d) ? Infinity : Math.max(max, d);
      } else if (x !== y && !(x === undefined && y === null)) same = false;
    }
    if (!same) differing++;
  });
  return { max, differing };
}

interface ScorerModule {
  score(input?: unknown, options?: { round?: boolean; horizon?: number }): Rows;
}

/** Imports the scorer at `file` and checks it against the engine on the workspace's tables. */
export async function scorerParity(
  a: ModelArtifact,
  version: number | null,
  file: string,
  ws: Workspace,
  table: string | undefined,
): Promise<ScorerParity> {
  const tag = `${a.name}${version ? `@${version}` : ''}`;
  const needTable = () => {
    if (!table || !ws.tableExists(table))
      throw new Error('name the rows for the parity check (a table of the workspace)');
    return table;
  };
  const aux = (role: string) => {
    const name = a.roles[role];
    if (!name) return undefined;
    if (!ws.tableExists(name))
      throw new Error(
        `the parity check needs the ${role} table ${JSON.stringify(name)} of the workspace`,
      );
    return name;
  };
  // Import a copy under a fresh name: Node caches modules by URL.
  const dir = mkdtempSync(join(tmpdir(), 'sightline-parity-'));
  try {
    const copy = join(dir, 'scorer.mjs');
    writeFileSync(copy, readFileSync(file));
    const m = (await import(pathToFileURL(copy).href)) as ScorerModule;
    let mine: Rows;
    let engine: Rows;
    let checkedOn: string;
    if (a.mode === 'table') {
      const t = needTable();
      const rows = workspaceRows(ws, t, TABLE_ROWS, false);
      const data = loadTable(ws, t);
      const n = rows.length;
      const columns = data.columns.map((c) =>
        c.kind === 'numeric'
          ? { ...c, values: c.values.subarray(0, n) }
          : { ...c, codes: c.codes.subarray(0, n) },
      );
      const id = a.roles.id;
      const idCol = id ? columns.find((c) => c.name.toLowerCase() === id.toLowerCase()) : undefined;
      mine = m.score(rows, { round: false });
      engine = objects(
        predictTableRows(
          a,
          tag,
          columns,
          n,
          `table ${t}`,
          idCol ? { name: id!, values: rows.map((r) => r[idCol.name]) } : null,
          exactNumber,
        ),
      );
      checkedOn = `table ${t}`;
    } else if (a.mode === 'transactions') {
      const t = needTable();
      const attributes = aux('attributes');
      const src = { ws, table: t, where: `table ${t}` };
      const { log, attrs } = logInputs(a, src);
      const asOf = Math.floor(log.maxDay) + 1;
      engine = objects(
        (a.kind === 'ltv' ? predictLtvRows : predictChurnRows)(
          a,
          tag,
          log,
          attrs,
          asOf,
          exactNumber,
        ),
      );
      mine = m.score(
        {
          transactions: workspaceRows(ws, t),
          ...(attributes ? { attributes: workspaceRows(ws, attributes) } : {}),
        },
        { round: false },
      );
      checkedOn = `the customers of table ${t}${attributes ? ` (+ ${attributes})` : ''}`;
    } else if (a.mode === 'telemetry') {
      const t = needTable();
      const events = aux('events')!;
      const attributes = aux('attributes');
      const { obs, devices } = telemetryObservations(
        a,
        { ws, table: t, where: `table ${t}` },
        true,
      );
      engine = objects(predictTelemetryRows(a, tag, obs, devices, exactNumber));
      mine = m.score(
        {
          telemetry: workspaceRows(ws, t),
          events: workspaceRows(ws, events),
          ...(attributes ? { attributes: workspaceRows(ws, attributes) } : {}),
        },
        { round: false },
      );
      checkedOn = `the devices of table ${t} (+ ${events}${attributes ? `, ${attributes}` : ''})`;
    } else {
      // Demand: the forecast from the training data's end, and from a sales table when there is one.
      mine = m.score(undefined, { round: false });
      engine = objects(forecastRows(a, version, undefined, undefined, true));
      checkedOn = 'the forecast from the end of the training data';
      if (table && ws.tableExists(table)) {
        const sales = loadSales(
          ws,
          table,
          {},
          {
            items: a.settings.items as string[],
            categoryLevels: a.settings.categoryLevels as string[],
            roles: a.roles as unknown as DemandRoles,
          },
        );
        mine = mine.concat(m.score({ sales: workspaceRows(ws, table) }, { round: false }));
        engine = engine.concat(objects(forecastRows(a, version, sales, undefined, true)));
        checkedOn += ` and from table ${table}`;
      }
    }
    const { max, differing } = compare(mine, engine);
    return {
      rows: engine.length,
      maxAbsDifference: max,
      tolerance: TOLERANCE,
      passed: max <= TOLERANCE && differing === 0,
      checkedOn: `${checkedOn}, every output field${differing ? ` (${differing} rows differ beyond the numbers)` : ''}`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
