// Row objects (as a caller of the standalone scorer passes them) → the typed columns the engine's
// loaders read from a workspace. Fields are matched by name in any case. Numbers: null, '' and
// text that does not parse are missing (NaN), booleans are 1 / 0. Categories and keys: the value
// as text (a number as its decimal text, a boolean as 1 / 0), null missing. Times: a number in the
// unit the model works in (days, or seconds for telemetry), or text as the workspace reads it
// ('2025-03-01', '2025-03-01 14:30:00', ISO 8601), or a Date.
import type { TypedColumn } from '../../common/tx-log.js';

export type Hint = 'numeric' | 'categorical' | 'days' | 'seconds';

const DAY_MS = 86_400_000;
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;
const TIME_TEXT = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** A row's field by exact name, else by name in any case; undefined when absent. */
export function field(row: Record<string, unknown>, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(row, name)) return row[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(row)) if (key.toLowerCase() === lower) return row[key];
  return undefined;
}

export function numericValue(v: unknown): number {
  if (v === null || v === undefined) return NaN;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const text = String(v);
  return text.trim() === '' ? NaN : Number(text);
}

/** The text a categorical value is looked up as; null for a missing value. */
export function keyText(v: unknown): string | null {
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return null;
  if (typeof v === 'boolean') return v ? '1' : '0';
  return String(v);
}

/** Milliseconds since 1970 of a time text, as the workspace reads text dates (UTC). */
function timeMs(v: string): number {
  const s = v.trim();
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(s) && s.length > 10) return Date.parse(s.replace(' ', 'T'));
  return Date.parse(s.length === 10 ? `${s}T00:00:00Z` : `${s.replace(' ', 'T')}Z`);
}

/** Checks rows is an array of objects; `what` names the input in errors. */
export function checkRows(rows: unknown, what: string): Record<string, unknown>[] {
  if (!Array.isArray(rows)) throw new TypeError(`${what} must be an array of objects`);
  rows.forEach((r, i) => {
    if (r === null || typeof r !== 'object' || Array.isArray(r))
      throw new TypeError(`${what.replace(/^rows$/, 'row')} ${i} is not an object`);
  });
  return rows as Record<string, unknown>[];
}

/**
 * One column of the rows. A required field absent from a row is an error naming the row and the
 * field (`label` row 3 lacks the field "amount"); null marks a missing value.
 */
export function columnOf(
  rows: readonly Record<string, unknown>[],
  name: string,
  hint: Hint,
  label: string,
  required = true,
): TypedColumn {
  const values = rows.map((r, i) => {
    const v = field(r, name);
    if (v === undefined && required)
      throw new Error(`${label} ${i} lacks the field "${name}" (null marks a missing value)`);
    return v === undefined ? null : v;
  });
  return fromValues(name, values, hint);
}

function fromValues(name: string, values: unknown[], hint: Hint): TypedColumn {
  if (hint === 'numeric')
    return { name, type: 'real', kind: 'numeric', values: Float64Array.from(values, numericValue) };
  if (hint === 'categorical') {
    const levels: string[] = [];
    const index = new Map<string, number>();
    const codes = Int32Array.from(values, (v) => {
      const key = keyText(v);
      if (key === null) return -1;
      let code = index.get(key);
      if (code === undefined) {
        code = levels.length;
        levels.push(key);
        index.set(key, code);
      }
      return code;
    });
    return { name, type: 'categorical', kind: 'categorical', codes, levels };
  }
  // Times: numbers as given in the model's unit; text parsed as the workspace does. Only date
  // text (and numbers in days) gives a date column; anything with a time of day, seconds.
  const texts = values.filter((v) => typeof v === 'string' && v.trim() !== '') as string[];
  const hasDates = values.some((v) => v instanceof Date);
  const dateOnly = !hasDates && texts.every((t) => DATE_TEXT.test(t.trim()));
  const numbersOnly = texts.length === 0 && !hasDates;
  const asDays = numbersOnly ? hint === 'days' : dateOnly && (texts.length > 0 || hint === 'days');
  const out = Float64Array.from(values, (v) => {
    if (v === null || v === undefined) return NaN;
    if (v instanceof Date) return v.getTime() / 1000;
    if (typeof v === 'string') {
      if (v.trim() === '') return NaN;
      const ms = timeMs(v);
      return asDays ? ms / DAY_MS : ms / 1000;
    }
    const x = numericValue(v);
    if (numbersOnly) return x;
    return hint === 'days' ? x * 86400 : x;
  });
  return { name, type: asDays ? 'date' : 'datetime', kind: 'numeric', values: out };
}

/** A type for a field nobody named: numbers, times (ISO text) or categories, from its values. */
function inferHint(values: unknown[]): Hint {
  const present = values.filter((v) => v !== null && v !== undefined && v !== '');
  if (present.length === 0) return 'categorical';
  if (present.every((v) => typeof v === 'number' || typeof v === 'boolean')) return 'numeric';
  if (
    present.every(
      (v) =>
        v instanceof Date ||
        (typeof v === 'string' && (DATE_TEXT.test(v.trim()) || TIME_TEXT.test(v.trim()))),
    )
  )
    return 'seconds';
  return 'categorical';
}

/**
 * Every field of the rows as a column (fields in first-seen order): `hints` give the kind of
 * named fields (any case); the others are inferred from their values.
 */
export function tableOf(
  rows: readonly Record<string, unknown>[],
  hints: Record<string, Hint>,
): { rows: number; columns: TypedColumn[] } {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const r of rows)
    for (const k of Object.keys(r))
      if (!seen.has(k.toLowerCase())) {
        seen.add(k.toLowerCase());
        names.push(k);
      }
  const hintOf = new Map(Object.entries(hints).map(([k, v]) => [k.toLowerCase(), v]));
  const columns = names.map((name) => {
    const values = rows.map((r) => {
      const v = field(r, name);
      return v === undefined ? null : v;
    });
    return fromValues(name, values, hintOf.get(name.toLowerCase()) ?? inferHint(values));
  });
  return { rows: rows.length, columns };
}
