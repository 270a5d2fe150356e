// Input columns of a model as the artifact records them: a column's name and kind, and for a
// categorical one its levels in training order, so rows scored later — from another table, a
// file, a REST call — get the same codes the learner was trained on. Unknown levels become
// missing (−1), which every learner handles.
import type { RawData } from '../../core/common/raw-data.js';

export interface InputColumn {
  name: string;
  kind: 'numeric' | 'categorical';
  /** Levels of a categorical column; code k is levels[k]. */
  levels?: string[];
  /** The column's type in the training table (integer, real, date, categorical, …). */
  type?: string;
}

/** A column as loaded for learning (core/node/table-data's ColumnData, structurally). */
export type LoadedColumn =
  | { name: string; kind: 'numeric'; values: Float64Array; type?: string }
  | { name: string; kind: 'categorical'; codes: Int32Array; levels: string[]; type?: string };

/** The input-column specs of loaded columns, in the order given. */
export function describeColumns(columns: readonly LoadedColumn[]): InputColumn[] {
  return columns.map((c) => ({
    name: c.name,
    kind: c.kind,
    ...(c.kind === 'categorical' ? { levels: [...c.levels] } : {}),
    ...(c.type ? { type: c.type } : {}),
  }));
}

/**
 * Encodes loaded columns by their specs: numeric features first, then categorical ones, each in
 * spec order (the RawData layout). A categorical spec meets a numeric column when a file holds
 * codes such as 1/2/3 (looked up as text), a numeric spec a text column when numbers were
 * quoted (parsed; what does not parse is missing). `where` names the source in errors.
 */
export function encodeColumns(
  columns: readonly LoadedColumn[],
  specs: readonly InputColumn[],
  rows: number,
  where: string,
): RawData {
  const byName = new Map<string, LoadedColumn>();
  for (const c of columns) byName.set(c.name.toLowerCase(), c);
  const missing = specs.filter((s) => !byName.has(s.name.toLowerCase())).map((s) => s.name);
  if (missing.length > 0)
    throw new Error(
      `${where} lacks the model's input column${missing.length > 1 ? 's' : ''} ${missing.map((m) => JSON.stringify(m)).join(', ')} (it has: ${columns.map((c) => c.name).join(', ')})`,
    );
  const numeric: Float64Array[] = [];
  const categorical: Int32Array[] = [];
  const numNames: string[] = [];
  const catNames: string[] = [];
  for (const s of specs) {
    const c = byName.get(s.name.toLowerCase())!;
    if (s.kind === 'numeric') {
      numNames.push(s.name);
      if (c.kind === 'numeric') numeric.push(c.values);
      else {
        const out = new Float64Array(rows);
        const parsed = c.levels.map((l) => (l.trim() === '' ? NaN : Number(l)));
        for (let i = 0; i < rows; i++) out[i] = c.codes[i]! < 0 ? NaN : parsed[c.codes[i]!]!;
        numeric.push(out);
      }
    } else {
      catNames.push(s.name);
      const index = new Map((s.levels ?? []).map((l, k) => [l, k]));
      const out = new Int32Array(rows);
      if (c.kind === 'categorical') {
        const remap = c.levels.map((l) => index.get(l) ?? -1);
        for (let i = 0; i < rows; i++) out[i] = c.codes[i]! < 0 ? -1 : remap[c.codes[i]!]!;
      } else {
        for (let i = 0; i < rows; i++) {
          const v = c.values[i]!;
          out[i] = Number.isNaN(v) ? -1 : (index.get(String(v)) ?? -1);
        }
      }
      categorical.push(out);
    }
  }
  return { numeric, categorical, names: [...numNames, ...catNames] };
}

/** Specs reordered into RawData order (numeric first), as encodeColumns lays features out. */
export function featureOrder(specs: readonly InputColumn[]): InputColumn[] {
  return [
    ...specs.filter((s) => s.kind === 'numeric'),
    ...specs.filter((s) => s.kind !== 'numeric'),
  ];
}
