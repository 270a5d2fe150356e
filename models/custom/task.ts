// What a custom model predicts, read from its target column: yes/no, true/false and 0/1 columns
// (and any two-level category) are binary with the positive class found by name; a category of
// up to MAX_CLASSES levels is multiclass; other numbers are regression.
import type { ColumnData } from '../../core/node/table-data.js';

export type CustomTask = 'binary' | 'multiclass' | 'regression';
export const MAX_CLASSES = 50;
const POSITIVE_WORDS = [
  'yes',
  'true',
  'y',
  't',
  '1',
  'positive',
  'churned',
  'churn',
  'converted',
  'failed',
  'failure',
];

export interface TargetEncoding {
  task: CustomTask;
  /** Label per row: 0/1, class index, or the value; NaN where the target is missing. */
  y: Float64Array;
  classes?: string[];
  positive?: string;
}

export function encodeTarget(
  col: ColumnData,
  force?: CustomTask,
  positive?: string,
): TargetEncoding {
  const n = col.kind === 'numeric' ? col.values.length : col.codes.length;
  const y = new Float64Array(n);
  if (col.kind === 'numeric') {
    const distinct = new Set<number>();
    for (const v of col.values) if (!Number.isNaN(v)) distinct.add(v);
    const isBinary =
      col.type === 'boolean' ||
      (distinct.size <= 2 && [...distinct].every((v) => v === 0 || v === 1));
    const task = force ?? (isBinary ? 'binary' : 'regression');
    if (task === 'multiclass')
      throw new Error(`target ${col.name} is numeric; multiclass needs a categorical target`);
    if (task === 'binary' && !isBinary)
      throw new Error(
        `target ${col.name} has values other than 0/1 (${[...distinct].slice(0, 5).join(', ')}…); it cannot be binary`,
      );
    y.set(col.values);
    return task === 'binary' ? { task, y, classes: ['0', '1'], positive: '1' } : { task, y };
  }
  const levels = col.levels;
  const counts = new Array<number>(levels.length).fill(0);
  for (const c of col.codes) if (c >= 0) counts[c]!++;
  if (levels.length === 2 && force !== 'multiclass') {
    let pos =
      positive !== undefined
        ? levels.indexOf(positive)
        : levels.findIndex((l) => POSITIVE_WORDS.includes(l.trim().toLowerCase()));
    if (positive !== undefined && pos < 0)
      throw new Error(
        `--positive ${positive}: target ${col.name} has the values ${levels.join(', ')}`,
      );
    if (pos < 0) pos = counts[0]! <= counts[1]! ? 0 : 1; // the rarer class, as churners and failures usually are
    for (let i = 0; i < n; i++) y[i] = col.codes[i]! < 0 ? NaN : col.codes[i] === pos ? 1 : 0;
    return { task: 'binary', y, classes: [levels[1 - pos]!, levels[pos]!], positive: levels[pos]! };
  }
  if (force === 'regression')
    throw new Error(`target ${col.name} is categorical; it cannot be regression`);
  if (levels.length > MAX_CLASSES)
    throw new Error(
      `target ${col.name} has ${levels.length} distinct values; a class target has at most ${MAX_CLASSES}`,
    );
  for (let i = 0; i < n; i++) y[i] = col.codes[i]! < 0 ? NaN : col.codes[i]!;
  return { task: 'multiclass', y, classes: levels };
}
