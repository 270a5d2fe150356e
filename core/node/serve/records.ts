// JSON records in, typed columns out. Every input column of the model must be present (null
// marks a missing value, which the learners handle); a field the model does not know is an
// error, so a misspelt name is not silently scored as missing. Numbers feed numeric columns
// (booleans as 1/0); strings feed categorical ones (numbers are accepted as their text, as a
// file of codes would be). Levels are built per request; the engine maps them onto the
// model's, and a level the model never saw counts as missing.
import type { InputField, RecordColumn } from './model.js';

export interface FieldError {
  /** `field` for one record, `records[3].field` in a batch. */
  path: string;
  message: string;
}

const MAX_ERRORS = 50;

// Objects are not echoed: JSON.stringify of a deeply nested one overflows the stack (a 500), and
// long values are cut so that an error answer stays small.
const describe = (v: unknown) => {
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'an array';
  if (v !== null && typeof v === 'object') return Object.keys(v).length ? 'an object' : 'object {}';
  const text = JSON.stringify(v);
  return `${typeof v} ${text.length > 60 ? `${text.slice(0, 57)}…` : text}`;
};

/** Checks records against the input fields (plus `extra` fields that are allowed and ignored). */
export function checkRecords(
  fields: readonly InputField[],
  records: readonly unknown[],
  batch: boolean,
  extra: readonly string[] = [],
): FieldError[] {
  const known = new Map(fields.map((f) => [f.name, f]));
  const allowed = new Set(extra);
  const errors: FieldError[] = [];
  const at = (i: number, field?: string) =>
    `${batch ? `records[${i}]` : ''}${field === undefined ? '' : `${batch ? '.' : ''}${field}`}` ||
    '(body)';
  for (let i = 0; i < records.length && errors.length < MAX_ERRORS; i++) {
    const r = records[i];
    if (r === null || typeof r !== 'object' || Array.isArray(r)) {
      errors.push({ path: at(i), message: `expected a JSON object, got ${describe(r)}` });
      continue;
    }
    const rec = r as Record<string, unknown>;
    for (const key of Object.keys(rec))
      if (!known.has(key) && !allowed.has(key))
        errors.push({
          path: at(i, key),
          message: `unknown field (the model's fields: ${fields.map((f) => f.name).join(', ')})`,
        });
    for (const f of fields) {
      if (!(f.name in rec)) {
        errors.push({
          path: at(i, f.name),
          message: 'missing required field (send null if unknown)',
        });
        continue;
      }
      const v = rec[f.name];
      if (v === null) continue;
      if (f.kind === 'numeric') {
        if (!(typeof v === 'number' || typeof v === 'boolean'))
          errors.push({
            path: at(i, f.name),
            message: `expected a number or null, got ${describe(v)}`,
          });
      } else if (!(typeof v === 'string' || typeof v === 'number'))
        errors.push({
          path: at(i, f.name),
          message: `expected a string or null, got ${describe(v)}`,
        });
    }
  }
  return errors.slice(0, MAX_ERRORS);
}

/** Columns for checked records, one per input field, in the model's order. */
export function toColumns(
  fields: readonly InputField[],
  records: readonly Record<string, unknown>[],
): RecordColumn[] {
  const n = records.length;
  return fields.map((f): RecordColumn => {
    if (f.kind === 'numeric') {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const v = records[i]![f.name];
        values[i] = typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : NaN;
      }
      return { name: f.name, kind: 'numeric', values };
    }
    const levels: string[] = [];
    const index = new Map<string, number>();
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = records[i]![f.name];
      if (v === null || v === undefined) {
        codes[i] = -1;
        continue;
      }
      const text = String(v);
      let k = index.get(text);
      if (k === undefined) {
        k = levels.length;
        index.set(text, k);
        levels.push(text);
      }
      codes[i] = k;
    }
    return { name: f.name, kind: 'categorical', codes, levels };
  });
}
