// Missing-value markers: which raw strings are stored as NULL rather than parsed.
import { isSpace } from './chars.js';

/**
 * Values read as missing, compared case-insensitively after trimming surrounding white space.
 * The empty string covers empty and whitespace-only fields.
 */
export const MISSING_MARKERS: readonly string[] = ['', 'na', 'n/a', '#n/a', 'null', 'none', 'nan'];

/** The longest marker: a longer value (once trimmed) is never missing. */
const MAX_MARKER_LENGTH = 4;

/** True when `s` is empty, white space only, or one of MISSING_MARKERS (any case, trimmed). */
export function isMissing(s: string): boolean {
  let end = s.length;
  if (end === 0) return true;
  let i = 0;
  // Fast exit for the common case: a longer value with no white space at either end.
  if (end > MAX_MARKER_LENGTH && !isSpace(s.charCodeAt(0)) && !isSpace(s.charCodeAt(end - 1))) {
    return false;
  }
  while (i < end && isSpace(s.charCodeAt(i))) i++;
  if (i === end) return true;
  while (isSpace(s.charCodeAt(end - 1))) end--;
  const n = end - i;
  if (n < 2 || n > MAX_MARKER_LENGTH) return false;
  // Every non-empty marker starts with n or #: skip the lower-casing for anything else.
  const c = s.charCodeAt(i) | 0x20;
  if (c !== 0x6e /* n */ && c !== 0x23 /* # */) return false;
  const t = s.slice(i, end).toLowerCase();
  return t === 'na' || t === 'n/a' || t === '#n/a' || t === 'null' || t === 'none' || t === 'nan';
}
