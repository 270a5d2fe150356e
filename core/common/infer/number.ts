// Integer and real parsers for the import hot path: hand-rolled character checks, no regexes.
import { isSpace } from './chars.js';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;
/** A float accumulator above this means the digits exceed int64 whatever the rounding. */
const BEYOND_INT64 = 9.3e18;

/** Exact powers of ten: 10^0 … 10^22 are all representable as doubles. */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * Parses an integer: optional sign, ASCII digits, surrounding white space allowed.
 * Returns a number when |v| ≤ Number.MAX_SAFE_INTEGER, a bigint when it still fits a signed
 * 64-bit integer (SQLite's INTEGER), otherwise undefined. Leading zeros are accepted here
 * ("007" → 7); inference is what keeps such columns as text.
 */
export function parseInteger(s: string): number | bigint | undefined {
  let end = s.length;
  if (end === 0) return undefined;
  let i = 0;
  let c = s.charCodeAt(0);
  // Trim only when an end could be white space: one compare per end in the common case.
  if (c <= 32 || c >= 0xa0) {
    while (isSpace(c)) {
      if (++i === end) return undefined;
      c = s.charCodeAt(i);
    }
  }
  const last = s.charCodeAt(end - 1);
  if (last <= 32 || last >= 0xa0) while (isSpace(s.charCodeAt(end - 1))) end--;
  let neg = false;
  if (c === 45 /* - */ || c === 43 /* + */) {
    neg = c === 45;
    if (++i === end) return undefined;
  }
  const start = i;
  let v = 0;
  for (; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    v = v * 10 + d;
  }
  // Every step is exact while the running value stays ≤ MAX_SAFE, and the accumulator only grows,
  // so a final value ≤ MAX_SAFE is exact. `0 - v` rather than `-v` so "-0" gives 0, not -0.
  if (v <= MAX_SAFE) return neg ? 0 - v : v;
  if (v > BEYOND_INT64) return undefined;
  let b = BigInt(s.slice(start, end));
  if (neg) b = -b;
  return b > INT64_MAX || b < INT64_MIN ? undefined : b;
}

/**
 * True when `s` is written as an integer (sign and digits, white space around) whatever its
 * size, so inference can tell an over-long identifier from a real number.
 */
export function isIntegerSyntax(s: string): boolean {
  let i = 0;
  let end = s.length;
  while (i < end && isSpace(s.charCodeAt(i))) i++;
  while (end > i && isSpace(s.charCodeAt(end - 1))) end--;
  const c = s.charCodeAt(i);
  if (c === 45 || c === 43) i++;
  if (i === end) return false;
  for (; i < end; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
  }
  return true;
}

/**
 * True when an integer-shaped value has a leading zero that would be lost ("007", "-01"), which
 * marks zip codes and identifiers rather than quantities. "0" itself is not.
 */
export function hasLeadingZero(s: string): boolean {
  let i = 0;
  const end = s.length;
  while (i < end && isSpace(s.charCodeAt(i))) i++;
  const c = s.charCodeAt(i);
  if (c === 45 || c === 43) i++;
  if (s.charCodeAt(i) !== 48) return false;
  const next = s.charCodeAt(i + 1) - 48;
  return next >= 0 && next <= 9;
}

/**
 * Parses a finite decimal number: `1.5`, `-.5`, `2.`, `1e-3`, `+4E+2`, white space trimmed.
 * Rejects hex, `Infinity`, `NaN`, thousands separators, and values that overflow (`1e400`).
 */
export function parseReal(s: string): number | undefined {
  // Fast path for the usual `-123.45`: no exponent, at most 15 significant digits. Anything
  // else (exponents, long mantissas, malformed input) goes to parseRealFull.
  let end = s.length;
  if (end === 0) return undefined;
  let i = 0;
  let c = s.charCodeAt(0);
  if (c <= 32 || c >= 0xa0) {
    while (isSpace(c)) {
      if (++i === end) return undefined;
      c = s.charCodeAt(i);
    }
  }
  const last = s.charCodeAt(end - 1);
  if (last <= 32 || last >= 0xa0) while (isSpace(s.charCodeAt(end - 1))) end--;
  let neg = false;
  if (c === 45 || c === 43) {
    neg = c === 45;
    if (++i === end) return undefined;
  }
  let m = 0;
  const start = i;
  for (; i < end; i++) {
    c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    m = m * 10 + c;
  }
  let digits = i - start;
  let frac = 0;
  if (i < end && c === -2 /* . */) {
    const fracStart = ++i;
    for (; i < end; i++) {
      c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      m = m * 10 + c;
    }
    frac = i - fracStart;
    digits += frac;
  }
  // Clinger's fast path: an exact mantissa divided by an exact power of ten is one correctly
  // rounded operation, so it equals what Number() would give.
  if (i === end && digits > 0) {
    if (m <= MAX_SAFE && frac <= 22) {
      if (m === 0) return 0;
      const v = frac === 0 ? m : m / POW10[frac]!;
      return neg ? -v : v;
    }
    // Plain decimal syntax is already checked: a long mantissa only needs Number()'s rounding.
    const v = Number(s);
    if (v - v !== 0) return undefined; // hundreds of digits overflow to Infinity
    return v === 0 ? 0 : v;
  }
  return parseRealFull(s);
}

/** The general case of parseReal: validates the full syntax, then lets Number() round. */
function parseRealFull(s: string): number | undefined {
  let i = 0;
  let end = s.length;
  while (i < end && isSpace(s.charCodeAt(i))) i++;
  while (end > i && isSpace(s.charCodeAt(end - 1))) end--;
  if (i === end) return undefined;
  let c = s.charCodeAt(i);
  let neg = false;
  if (c === 45 || c === 43) {
    neg = c === 45;
    if (++i === end) return undefined;
  }
  let m = 0;
  let digits = 0;
  let frac = 0;
  for (; i < end; i++) {
    c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    m = m * 10 + c;
    digits++;
  }
  if (i < end && s.charCodeAt(i) === 46 /* . */) {
    for (i++; i < end; i++) {
      c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      m = m * 10 + c;
      frac++;
    }
  }
  if (digits + frac === 0) return undefined;
  let exp = 0;
  if (i < end && (s.charCodeAt(i) | 0x20) === 101 /* e */) {
    if (++i === end) return undefined;
    c = s.charCodeAt(i);
    let expNeg = false;
    if (c === 45 || c === 43) {
      expNeg = c === 45;
      if (++i === end) return undefined;
    }
    const expStart = i;
    for (; i < end; i++) {
      c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return undefined;
      // Capped: any exponent this large already over- or underflows.
      if (exp < 100000) exp = exp * 10 + c;
    }
    if (i === expStart) return undefined;
    if (expNeg) exp = -exp;
  }
  if (i !== end) return undefined;
  const net = exp - frac;
  let v: number;
  // Clinger's fast path again, now with the exponent: multiply or divide by 10^|net|.
  if (m <= MAX_SAFE && net >= -22 && net <= 22) {
    if (m === 0) return 0;
    v = net >= 0 ? m * POW10[net]! : m / POW10[-net]!;
    return neg ? -v : v;
  }
  // The syntax checked above is a subset of what Number() accepts, so this is the same value.
  v = Number(s);
  if (v - v !== 0) return undefined; // Infinity (or NaN, which cannot happen here)
  return v === 0 ? 0 : v;
}
