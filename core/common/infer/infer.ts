// Column type inference from a sample of raw values, the per-type converters, and type widening.
import type { ColumnType } from '../schema.js';
import { parseBoolean } from './boolean.js';
import { isSpace } from './chars.js';
import { detectDateFormat, makeDateConverter } from './date.js';
import { isMissing } from './missing.js';
import { hasLeadingZero, isIntegerSyntax, parseInteger, parseReal } from './number.js';

export interface InferredColumn {
  type: ColumnType;
  /** For date and datetime: a pattern makeConverter accepts. */
  dateFormat?: string;
  /** The column looks like an identifier (by name or values), so models should not use it. */
  idLike: boolean;
  /** Why the type was chosen where that is not obvious, for the import report. */
  notes: string[];
}

export interface InferOptions {
  /** The user's --date-format: tried first, even before numbers (so `YYYYMMDD` wins). */
  dateFormat?: string;
}

/** Turns one non-missing raw value into the stored value; undefined when it does not parse. */
export type Converter = (s: string) => number | bigint | string | undefined;

/**
 * A string column is categorical when its distinct values (trimmed) number at most
 * max(CATEGORICAL_MIN_DISTINCT, CATEGORICAL_MAX_SHARE × non-missing values) and at most
 * CATEGORICAL_MAX_DISTINCT, and the mean value length is at most CATEGORICAL_MAX_MEAN_LENGTH;
 * otherwise it is text.
 */
export const CATEGORICAL_MIN_DISTINCT = 20;
export const CATEGORICAL_MAX_SHARE = 0.05;
export const CATEGORICAL_MAX_DISTINCT = 1000;
export const CATEGORICAL_MAX_MEAN_LENGTH = 50;

/**
 * Values make a column id-like when there are at least ID_MIN_SAMPLE of them, all distinct, and
 * they are strings of at most ID_MAX_LENGTH characters with no white space, or integers that run
 * strictly upwards (a sequence number). Distinct integers in any order are not enough: amounts in
 * cents and epoch timestamps are distinct too, and are features.
 */
export const ID_MIN_SAMPLE = 20;
export const ID_MAX_LENGTH = 64;

const SEPARATORS = new Set([0x5f /* _ */, 0x2d /* - */, 0x20 /* space */, 0x2e /* . */]);

/**
 * True for identifier names: `id`, `uuid`, `key` (any case), the same after a separator
 * (`customer_id`, `order-key`, `Order UUID`), and camel case `customerId` / `customerID`.
 */
export function isIdName(name: string): boolean {
  const n = name.trim();
  const lower = n.toLowerCase();
  for (const word of ['id', 'uuid', 'key']) {
    if (lower === word) return true;
    const cut = lower.length - word.length - 1;
    if (cut >= 0 && lower.endsWith(word) && SEPARATORS.has(lower.charCodeAt(cut))) return true;
  }
  if (n.length > 2 && (n.endsWith('Id') || n.endsWith('ID'))) {
    // The letter before must be lower case or a digit: `customerID`, not `PAID` or `Void`.
    const before = n.charCodeAt(n.length - 3);
    return (before >= 0x61 && before <= 0x7a) || (before >= 0x30 && before <= 0x39);
  }
  return false;
}

function hasSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isSpace(s.charCodeAt(i))) return true;
  return false;
}

function isIntegerSequence(values: readonly string[]): boolean {
  if (values.length < ID_MIN_SAMPLE) return false;
  let prev = -Infinity;
  for (const v of values) {
    const x = Number(v);
    if (!(x > prev)) return false;
    prev = x;
  }
  return true;
}

/**
 * Infers a column's type from sampled raw values (null and missing markers ignored). Tried in
 * order: the user's date format, boolean, integer, real, date/datetime (one format reads every
 * value), then categorical or text. Integer-shaped values with leading zeros or beyond int64
 * are kept as categorical/text and id-like. An all-missing column is text.
 */
export function inferColumn(
  name: string,
  sample: readonly (string | null)[],
  opts: InferOptions = {},
): InferredColumn {
  const notes: string[] = [];
  const values: string[] = [];
  for (const v of sample) if (v !== null && !isMissing(v)) values.push(v);
  const nameId = isIdName(name);
  if (values.length === 0) {
    notes.push(
      sample.length === 0
        ? 'no values were sampled; stored as text'
        : 'every sampled value is missing; stored as text',
    );
    return { type: 'text', idLike: nameId, notes };
  }

  let preferred: string | undefined;
  if (opts.dateFormat !== undefined) {
    try {
      makeDateConverter('date', opts.dateFormat);
      preferred = opts.dateFormat;
      const d = detectDateFormat(values, preferred);
      if (d !== undefined && d.dateFormat === preferred) {
        return { type: d.type, dateFormat: preferred, idLike: false, notes };
      }
    } catch (err) {
      notes.push(`date format not used: ${(err as Error).message}`);
    }
  }

  if (values.every((v) => parseBoolean(v) !== undefined)) {
    return { type: 'boolean', idLike: false, notes };
  }

  let intSyntax = true;
  let inRange = true;
  let leadingZero = false;
  for (const v of values) {
    if (!isIntegerSyntax(v)) {
      intSyntax = false;
      break;
    }
    if (inRange && parseInteger(v) === undefined) inRange = false;
    if (!leadingZero && hasLeadingZero(v)) leadingZero = true;
  }
  let idFromDigits = false;
  if (intSyntax) {
    if (leadingZero) {
      const example = values.find(hasLeadingZero)!.trim();
      notes.push(
        `integer-looking values with leading zeros (e.g. ${JSON.stringify(example)}): kept as text so the zeros survive`,
      );
      idFromDigits = true;
    } else if (!inRange) {
      notes.push('integer-looking values beyond the 64-bit integer range: kept as text');
      idFromDigits = true;
    } else {
      return { type: 'integer', idLike: nameId || isIntegerSequence(values), notes };
    }
  } else {
    if (values.every((v) => parseReal(v) !== undefined)) {
      return { type: 'real', idLike: false, notes };
    }
    const d = detectDateFormat(values, preferred);
    if (d !== undefined) {
      if (d.ambiguous) {
        notes.push(
          'dates fit both MM/DD/YYYY and DD/MM/YYYY (no field above 12): read month-first; pass --date-format DD/MM/YYYY if they are day-first',
        );
      }
      if (preferred !== undefined) {
        notes.push(`values do not match the date format ${preferred}; read as ${d.dateFormat}`);
      }
      return { type: d.type, dateFormat: d.dateFormat, idLike: false, notes };
    }
  }

  const distinct = new Set<string>();
  let totalLength = 0;
  let shortNoSpace = true;
  for (const v of values) {
    const t = v.trim();
    distinct.add(t);
    totalLength += t.length;
    if (shortNoSpace && (t.length > ID_MAX_LENGTH || hasSpace(t))) shortNoSpace = false;
  }
  const n = values.length;
  const categorical =
    distinct.size <= Math.max(CATEGORICAL_MIN_DISTINCT, Math.floor(CATEGORICAL_MAX_SHARE * n)) &&
    distinct.size <= CATEGORICAL_MAX_DISTINCT &&
    totalLength / n <= CATEGORICAL_MAX_MEAN_LENGTH;
  const valuesId = n >= ID_MIN_SAMPLE && distinct.size === n && shortNoSpace;
  return {
    type: categorical ? 'categorical' : 'text',
    idLike: nameId || idFromDigits || valuesId,
    notes,
  };
}

/** Categorical values are labels: surrounding white space is not part of the label. */
function trimValue(s: string): string {
  return s.trim();
}

/** Text is stored exactly as written, white space included. */
function keepValue(s: string): string {
  return s;
}

/**
 * The converter for a column type: integer → number or bigint (int64), real → number,
 * boolean → 1/0, date → `YYYY-MM-DD`, datetime → `YYYY-MM-DD HH:MM:SS[.fff]` in UTC when an
 * offset is given, categorical → trimmed string, text → the string as written. Missing values
 * are the caller's job (isMissing). Throws an Error on a bad date format pattern.
 */
export function makeConverter(type: ColumnType, opts: InferOptions = {}): Converter {
  switch (type) {
    case 'integer':
      return parseInteger;
    case 'real':
      return parseReal;
    case 'boolean':
      return parseBoolean;
    case 'date':
    case 'datetime':
      return makeDateConverter(type, opts.dateFormat);
    case 'categorical':
      return trimValue;
    case 'text':
      return keepValue;
  }
}

/**
 * The type a column needs to also hold `raw`: integer → real → text, boolean → categorical,
 * date → datetime (when `raw` reads as one) → text, real and datetime → text; categorical and
 * text hold anything. A missing value changes nothing. Throws on a bad `dateFormat`.
 */
export function widenType(current: ColumnType, raw: string, dateFormat?: string): ColumnType {
  if (isMissing(raw)) return current;
  switch (current) {
    case 'integer':
      if (parseInteger(raw) !== undefined) return 'integer';
      return parseReal(raw) !== undefined ? 'real' : 'text';
    case 'real':
      return parseReal(raw) !== undefined ? 'real' : 'text';
    case 'boolean':
      return parseBoolean(raw) !== undefined ? 'boolean' : 'categorical';
    case 'date':
      if (makeDateConverter('date', dateFormat)(raw) !== undefined) return 'date';
      return makeDateConverter('datetime', dateFormat)(raw) !== undefined ? 'datetime' : 'text';
    case 'datetime':
      return makeDateConverter('datetime', dateFormat)(raw) !== undefined ? 'datetime' : 'text';
    case 'categorical':
    case 'text':
      return current;
  }
}
