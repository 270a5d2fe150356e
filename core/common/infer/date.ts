// Date and datetime parsing: the built-in formats, --date-format patterns, canonical ISO output.
import { isSpace } from './chars.js';

/** A compiled date format: the canonical value, or undefined when `s` does not match. */
export type DateParser = (s: string) => string | undefined;

/**
 * The built-in formats inference tries, in order of preference. Each is also a valid pattern
 * for compileDateFormat. MM/DD/YYYY comes before DD/MM/YYYY so that a column where both fit
 * (no field above 12) is read month-first.
 */
export const BUILTIN_DATE_FORMATS: readonly string[] = [
  'YYYY-MM-DD',
  'YYYY/MM/DD',
  'MM/DD/YYYY',
  'DD/MM/YYYY',
  'DD.MM.YYYY',
  'DD-MM-YYYY',
];

/** The pattern tokens, longest first so that matching is greedy. Anything else is a literal. */
const TOKENS: readonly (readonly [string, number])[] = [
  ['YYYY', 1],
  ['SSS', 7],
  ['MM', 2],
  ['DD', 3],
  ['HH', 4],
  ['mm', 5],
  ['ss', 6],
  ['A', 8],
  ['Z', 9],
];
const LIT = 0;
const YEAR = 1;
const MONTH = 2;
const DAY = 3;
const HOUR = 4;
const MINUTE = 5;
const SECOND = 6;
const MILLI = 7;
const AMPM = 8;
const ZONE = 9;
const TOKEN_NAMES = ['', 'YYYY', 'MM', 'DD', 'HH', 'mm', 'ss', 'SSS', 'A', 'Z'];

interface Program {
  readonly pattern: string;
  /** One entry per element: a token kind, or LIT. */
  readonly kinds: readonly number[];
  /** The literal's char code for LIT elements. */
  readonly lits: readonly number[];
  /** Numeric tokens followed by a literal (or the end) accept fewer digits: `3/4/2024`. */
  readonly flex: readonly boolean[];
  readonly hasTime: boolean;
}

function isLetter(c: number): boolean {
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x7a;
}

function formatError(pattern: string, why: string): Error {
  return new Error(
    `invalid date format ${JSON.stringify(pattern)}: ${why} ` +
      '(tokens: YYYY MM DD HH mm ss SSS A Z; other characters are literal separators)',
  );
}

function compile(pattern: string): Program {
  const kinds: number[] = [];
  const lits: number[] = [];
  const seen = new Set<number>();
  let i = 0;
  outer: while (i < pattern.length) {
    for (const [tok, kind] of TOKENS) {
      if (pattern.startsWith(tok, i)) {
        if (seen.has(kind)) throw formatError(pattern, `${tok} appears twice`);
        seen.add(kind);
        kinds.push(kind);
        lits.push(0);
        i += tok.length;
        continue outer;
      }
    }
    const c = pattern.charCodeAt(i);
    // T is the ISO date/time separator; every other letter must be part of a token, so that
    // `yyyy-mm-dd` or `DD/MMM/YYYY` fail loudly instead of matching nothing.
    if (isLetter(c) && c !== 0x54 /* T */) {
      let j = i;
      while (j < pattern.length && isLetter(pattern.charCodeAt(j))) j++;
      throw formatError(pattern, `unknown token ${JSON.stringify(pattern.slice(i, j))}`);
    }
    if (c >= 0x30 && c <= 0x39) throw formatError(pattern, 'digits are not allowed');
    kinds.push(LIT);
    lits.push(isSpace(c) ? 32 : c);
    i++;
  }
  if (kinds.length === 0) throw formatError(pattern, 'it is empty');
  if (!seen.has(YEAR) || !seen.has(MONTH) || !seen.has(DAY)) {
    throw formatError(pattern, 'it needs YYYY, MM and DD');
  }
  const needs = (kind: number, before: number): void => {
    if (seen.has(kind) && !seen.has(before)) {
      throw formatError(pattern, `${TOKEN_NAMES[kind]} needs ${TOKEN_NAMES[before]}`);
    }
  };
  needs(MINUTE, HOUR);
  needs(SECOND, MINUTE);
  needs(MILLI, SECOND);
  needs(AMPM, HOUR);
  needs(ZONE, HOUR);
  if (seen.has(HOUR) && !seen.has(MINUTE)) throw formatError(pattern, 'HH needs mm');
  const flex = kinds.map((k, n) => {
    const next = kinds[n + 1];
    const open = next === undefined || next === LIT;
    return open && (k === MONTH || k === DAY || k === HOUR || k === MILLI);
  });
  return { pattern, kinds, lits, flex, hasTime: seen.has(HOUR) };
}

const cache = new Map<string, Program>();

/** Compiles (and remembers) a pattern; throws an Error naming the problem. */
function program(pattern: string): Program {
  let p = cache.get(pattern);
  if (p === undefined) {
    p = compile(pattern);
    // Patterns come from options and inference, so few; the bound only guards against misuse.
    if (cache.size >= 256) cache.clear();
    cache.set(pattern, p);
  }
  return p;
}

// The fields of the value being parsed. Module state rather than an object per call: parsing is
// synchronous, and this keeps the per-value path free of allocations until the output string.
let fy = 0;
let fmo = 0;
let fd = 0;
let fh = 0;
let fmi = 0;
let fs = 0;
let fms = 0;
let fmsSet = false;
let fap = 0; // 0: no AM/PM, 1: AM, 2: PM
let foff = 0; // minutes east of UTC
let foffSet = false;
let ftimed = false;

const NONE = 0;
const DATE = 1;
const DATETIME = 2;

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Reads AM or PM (any case) at i: 1, 2, or 0 when neither. */
function readAmPm(s: string, i: number, end: number): number {
  if (i + 2 > end || (s.charCodeAt(i + 1) | 0x20) !== 0x6d /* m */) return 0;
  const c = s.charCodeAt(i) | 0x20;
  return c === 0x61 /* a */ ? 1 : c === 0x70 /* p */ ? 2 : 0;
}

function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/** Reads `Z`, `UTC`, `GMT`, `±hh:mm`, `±hhmm` or `±hh` at i; returns the index after it, or -1. */
function readZone(s: string, i: number, end: number): number {
  if (i >= end) return -1;
  const c = s.charCodeAt(i);
  if ((c | 0x20) === 0x7a /* z */) {
    foff = 0;
    foffSet = true;
    return i + 1;
  }
  // Spelled-out UTC, as some exports write it: `2024-01-05 10:00:00 UTC`.
  if (i + 3 <= end) {
    const zone =
      ((c | 0x20) << 16) | ((s.charCodeAt(i + 1) | 0x20) << 8) | (s.charCodeAt(i + 2) | 0x20);
    if (zone === 0x757463 /* utc */ || zone === 0x676d74 /* gmt */) {
      foff = 0;
      foffSet = true;
      return i + 3;
    }
  }
  if (c !== 43 && c !== 45 && c !== 0x2212 /* − */) return -1;
  const h1 = digit(s, i + 1);
  const h2 = digit(s, i + 2);
  if (h1 < 0 || h2 < 0 || i + 3 > end) return -1;
  const h = h1 * 10 + h2;
  let j = i + 3;
  let m = 0;
  if (j < end) {
    if (s.charCodeAt(j) === 58 /* : */) j++;
    const m1 = digit(s, j);
    const m2 = digit(s, j + 1);
    if (m1 < 0 || m2 < 0 || j + 2 > end) return -1;
    m = m1 * 10 + m2;
    j += 2;
  }
  if (h > 23 || m > 59) return -1;
  foff = c === 43 ? h * 60 + m : -(h * 60 + m);
  foffSet = true;
  return j;
}

/**
 * Reads the optional time after a date-only pattern when a datetime is wanted:
 * (`T` | spaces) H[H]:MM[:SS[.f…]] [spaces][AM|PM] [spaces][Z|UTC|±hh:mm]. Returns the index after
 * it (i itself when there is no time), or -1.
 */
function readTail(s: string, i: number, end: number): number {
  if (i === end) return i;
  const c = s.charCodeAt(i);
  if ((c | 0x20) === 0x74 /* t */) i++;
  else if (isSpace(c)) while (i < end && isSpace(s.charCodeAt(i))) i++;
  else return -1;
  let d = digit(s, i);
  if (d < 0) return -1;
  fh = d;
  i++;
  d = digit(s, i);
  if (d >= 0) {
    fh = fh * 10 + d;
    i++;
  }
  if (s.charCodeAt(i) !== 58) return -1;
  const m1 = digit(s, i + 1);
  const m2 = digit(s, i + 2);
  if (m1 < 0 || m2 < 0) return -1;
  fmi = m1 * 10 + m2;
  i += 3;
  if (s.charCodeAt(i) === 58) {
    const s1 = digit(s, i + 1);
    const s2 = digit(s, i + 2);
    if (s1 < 0 || s2 < 0) return -1;
    fs = s1 * 10 + s2;
    i += 3;
    const p = s.charCodeAt(i);
    if (p === 46 /* . */ || p === 44 /* , */) {
      i = readFraction(s, i + 1, end, true);
      if (i < 0) return -1;
    }
  }
  if (i > end) return -1;
  ftimed = true;
  let j = i;
  while (j < end && isSpace(s.charCodeAt(j))) j++;
  const ap = readAmPm(s, j, end);
  if (ap !== 0) {
    fap = ap;
    i = j + 2;
    j = i;
    while (j < end && isSpace(s.charCodeAt(j))) j++;
  }
  if (j < end) {
    const z = readZone(s, j, end);
    if (z < 0) return -1;
    i = z;
  }
  return i;
}

/**
 * Reads fraction-of-second digits at i (1 to 9 when `flex`, else exactly 3) into milliseconds;
 * digits past the third are dropped. Returns the index after them, or -1.
 */
function readFraction(s: string, i: number, end: number, flex: boolean): number {
  const max = flex ? 9 : 3;
  let n = 0;
  let ms = 0;
  while (n < max && i < end) {
    const d = digit(s, i);
    if (d < 0) break;
    if (n < 3) ms = ms * 10 + d;
    n++;
    i++;
  }
  if (n === 0 || (!flex && n < 3)) return -1;
  fms = n === 1 ? ms * 100 : n === 2 ? ms * 10 : ms;
  fmsSet = true;
  return i;
}

/**
 * Matches `s` against a program and validates the calendar. With `wantTime`, a date-only
 * program also accepts a trailing time (readTail) and offsets are applied (converted to UTC);
 * without it the date is taken as written. Returns NONE, DATE (no time given) or DATETIME.
 */
function run(p: Program, s: string, wantTime: boolean): number {
  let i = 0;
  let end = s.length;
  while (i < end && isSpace(s.charCodeAt(i))) i++;
  while (end > i && isSpace(s.charCodeAt(end - 1))) end--;
  fh = fmi = fs = fms = fap = foff = 0;
  fmsSet = foffSet = false;
  ftimed = p.hasTime;
  const kinds = p.kinds;
  for (let k = 0; k < kinds.length; k++) {
    const kind = kinds[k]!;
    if (kind === LIT) {
      if (i >= end) return NONE;
      const lit = p.lits[k]!;
      const c = s.charCodeAt(i);
      if (lit === 32) {
        // A space in the pattern matches any run of white space.
        if (!isSpace(c)) return NONE;
        while (i < end && isSpace(s.charCodeAt(i))) i++;
        continue;
      }
      if (c !== lit && !(isLetter(lit) && (c | 0x20) === (lit | 0x20))) return NONE;
      i++;
      continue;
    }
    if (kind === AMPM) {
      fap = readAmPm(s, i, end);
      if (fap === 0) return NONE;
      i += 2;
      continue;
    }
    if (kind === ZONE) {
      i = readZone(s, i, end);
      if (i < 0) return NONE;
      continue;
    }
    if (kind === MILLI) {
      i = readFraction(s, i, end, p.flex[k]!);
      if (i < 0) return NONE;
      continue;
    }
    const max = kind === YEAR ? 4 : 2;
    const min = p.flex[k] ? 1 : max;
    let v = 0;
    let n = 0;
    while (n < max && i < end) {
      const d = digit(s, i);
      if (d < 0) break;
      v = v * 10 + d;
      n++;
      i++;
    }
    if (n < min) return NONE;
    if (kind === YEAR) fy = v;
    else if (kind === MONTH) fmo = v;
    else if (kind === DAY) fd = v;
    else if (kind === HOUR) fh = v;
    else if (kind === MINUTE) fmi = v;
    else fs = v;
  }
  if (wantTime && !p.hasTime) {
    i = readTail(s, i, end);
    if (i < 0) return NONE;
  }
  if (i !== end) return NONE;
  if (fmo < 1 || fmo > 12 || fd < 1 || fd > daysInMonth(fy, fmo)) return NONE;
  if (fap !== 0) {
    if (fh < 1 || fh > 12) return NONE;
    fh = (fh % 12) + (fap === 2 ? 12 : 0);
  } else if (fh > 23) return NONE;
  if (fmi > 59 || fs > 59) return NONE;
  if (wantTime && foffSet && foff !== 0 && !toUtc()) return NONE;
  return ftimed ? DATETIME : DATE;
}

/** Shifts the parsed fields by the offset to UTC; false when the year leaves 0000–9999. */
function toUtc(): boolean {
  let t = fh * 60 + fmi - foff;
  let dayShift = 0;
  if (t < 0) {
    t += 1440;
    dayShift = -1;
  } else if (t >= 1440) {
    t -= 1440;
    dayShift = 1;
  }
  fh = Math.floor(t / 60);
  fmi = t % 60;
  if (dayShift === -1 && --fd === 0) {
    if (--fmo === 0) {
      fmo = 12;
      fy--;
    }
    fd = daysInMonth(fy, fmo);
  } else if (dayShift === 1 && ++fd > daysInMonth(fy, fmo)) {
    fd = 1;
    if (++fmo === 13) {
      fmo = 1;
      fy++;
    }
  }
  return fy >= 0 && fy <= 9999;
}

const P2: readonly string[] = Array.from({ length: 100 }, (_, n) => (n < 10 ? `0${n}` : `${n}`));

function formatDate(): string {
  const y = fy >= 1000 ? `${fy}` : `${fy}`.padStart(4, '0');
  return `${y}-${P2[fmo]}-${P2[fd]}`;
}

function formatDateTime(): string {
  const t = `${formatDate()} ${P2[fh]}:${P2[fmi]}:${P2[fs]}`;
  if (!fmsSet) return t;
  return `${t}.${fms < 10 ? '00' : fms < 100 ? '0' : ''}${fms}`;
}

/**
 * Compiles a --date-format pattern into a strict parser. Tokens: YYYY (4-digit year), MM, DD,
 * HH (0-23, or 1-12 with A), mm, ss, SSS (fraction of a second), A (AM/PM), Z (`Z` or
 * `±hh:mm` offset, converted to UTC); every other character is a literal, a space matching any
 * run of white space, and other letters are an error (except the ISO separator `T`). MM, DD
 * and HH take one or two digits when a separator follows them, exactly two when packed
 * (`YYYYMMDD`). The parser returns `YYYY-MM-DD` for a pattern without time tokens, else
 * `YYYY-MM-DD HH:MM:SS[.fff]`. Throws an Error naming the bad token.
 */
export function compileDateFormat(pattern: string): DateParser {
  const p = program(pattern);
  if (p.hasTime) return (s) => (run(p, s, true) === NONE ? undefined : formatDateTime());
  return (s) => (run(p, s, false) === NONE ? undefined : formatDate());
}

/**
 * The converter for a date or datetime column. With a pattern that has no time tokens, a
 * datetime column also accepts a time after the date (see readTail), and a date alone is
 * midnight; a date column with a time pattern keeps the date as written. Without a pattern only
 * the unambiguous year-first forms are read (`YYYY-MM-DD`, `YYYY/MM/DD`).
 */
export function makeDateConverter(type: 'date' | 'datetime', pattern?: string): DateParser {
  const wantTime = type === 'datetime';
  const format = wantTime ? formatDateTime : formatDate;
  if (pattern !== undefined) {
    const p = program(pattern);
    return (s) => (run(p, s, wantTime) === NONE ? undefined : format());
  }
  const iso = program('YYYY-MM-DD');
  const slashed = program('YYYY/MM/DD');
  return (s) =>
    run(iso, s, wantTime) === NONE && run(slashed, s, wantTime) === NONE ? undefined : format();
}

/** What detectDateFormat found for a column. */
export interface DetectedDate {
  type: 'date' | 'datetime';
  /** A pattern accepted by compileDateFormat and makeDateConverter. */
  dateFormat: string;
  /** True when both month-first and day-first read every value and month-first was chosen. */
  ambiguous: boolean;
}

/**
 * Finds the one format that reads every value, trying `preferred` (a user pattern, already
 * known to compile) first, then BUILTIN_DATE_FORMATS. The column is a datetime when any value
 * carries a time. Undefined when no single format reads them all.
 */
export function detectDateFormat(
  values: readonly string[],
  preferred?: string,
): DetectedDate | undefined {
  const patterns =
    preferred === undefined ? BUILTIN_DATE_FORMATS : [preferred, ...BUILTIN_DATE_FORMATS];
  const programs = patterns.map(program);
  const alive = programs.map(() => true);
  const timed = programs.map(() => false);
  let left = programs.length;
  if (values.length === 0) return undefined;
  for (const v of values) {
    for (let k = 0; k < programs.length; k++) {
      if (!alive[k]) continue;
      const r = run(programs[k]!, v, true);
      if (r === NONE) {
        alive[k] = false;
        if (--left === 0) return undefined;
      } else if (r === DATETIME) timed[k] = true;
    }
  }
  const k = alive.indexOf(true);
  const dateFormat = patterns[k]!;
  const skip = preferred === undefined ? 0 : 1;
  const monthFirst = skip + BUILTIN_DATE_FORMATS.indexOf('MM/DD/YYYY');
  const dayFirst = skip + BUILTIN_DATE_FORMATS.indexOf('DD/MM/YYYY');
  return {
    type: timed[k] ? 'datetime' : 'date',
    dateFormat,
    ambiguous: k === monthFirst && alive[dayFirst] === true,
  };
}
