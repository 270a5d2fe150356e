// The bench:import table as learner input: imported into a bench workspace once, then loaded
// column-major (28 numeric features, 2 categorical, target).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RawData } from '../core/common/gbdt/index.js';
import { importFile } from '../core/node/import/importer.js';
import { loadTable } from '../core/node/table-data.js';
import { Workspace } from '../core/node/workspace/workspace.js';
import { benchCsv } from './data.js';

export interface BenchData {
  data: RawData;
  label: Float64Array;
  rows: number;
}

export async function loadBenchData(dir: string, rows: number): Promise<BenchData> {
  const csv = await benchCsv(dir, rows);
  const wsPath = join(dir, `gbdt-${rows}.sightline`);
  const fresh = !existsSync(wsPath);
  const ws = Workspace.open(wsPath, { create: true });
  try {
    if (fresh || !ws.getDataset('bench'))
      await importFile(ws, csv, { table: 'bench', mode: 'replace' });
    const t = loadTable(ws, 'bench');
    const numeric: Float64Array[] = [];
    const categorical: Int32Array[] = [];
    const names: string[] = [];
    let label: Float64Array | undefined;
    for (const c of t.columns) {
      if (c.name === 'target') label = c.kind === 'numeric' ? c.values : undefined;
      else if (c.kind === 'numeric') numeric.push(c.values);
    }
    for (const c of t.columns) {
      if (c.kind === 'categorical') {
        categorical.push(c.codes);
        names.push(c.name);
      }
    }
    names.unshift(
      ...t.columns.filter((c) => c.kind === 'numeric' && c.name !== 'target').map((c) => c.name),
    );
    if (!label) throw new Error('the bench table has no numeric target column');
    return { data: { numeric, categorical, names }, label, rows: t.rows };
  } finally {
    ws.close();
  }
}

/** Rows [from, to) of every column. */
export function sliceRows(d: RawData, from: number, to: number): RawData {
  return {
    numeric: d.numeric.map((c) => c.subarray(from, to)),
    categorical: d.categorical.map((c) => c.subarray(from, to)),
    ...(d.names ? { names: d.names } : {}),
  };
}
