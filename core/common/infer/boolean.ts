// Boolean parser: true/false, yes/no, t/f, y/n in any case, stored as 1/0.
import { isSpace } from './chars.js';

/** The words read as booleans (any case, white space trimmed). 0 and 1 are integers, not these. */
export const TRUE_WORDS: readonly string[] = ['true', 'yes', 't', 'y'];
export const FALSE_WORDS: readonly string[] = ['false', 'no', 'f', 'n'];

/** True when s[i..] spells `word` (lower-case ASCII) in any case. */
function spells(s: string, i: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) {
    if ((s.charCodeAt(i + k) | 0x20) !== word.charCodeAt(k)) return false;
  }
  return true;
}

/** Parses a boolean word to 1 or 0; undefined for anything else. */
export function parseBoolean(s: string): 1 | 0 | undefined {
  let i = 0;
  let end = s.length;
  while (i < end && isSpace(s.charCodeAt(i))) i++;
  while (end > i && isSpace(s.charCodeAt(end - 1))) end--;
  switch (end - i) {
    case 1: {
      const c = s.charCodeAt(i) | 0x20;
      if (c === 0x74 /* t */ || c === 0x79 /* y */) return 1;
      if (c === 0x66 /* f */ || c === 0x6e /* n */) return 0;
      return undefined;
    }
    case 2:
      return spells(s, i, 'no') ? 0 : undefined;
    case 3:
      return spells(s, i, 'yes') ? 1 : undefined;
    case 4:
      return spells(s, i, 'true') ? 1 : undefined;
    case 5:
      return spells(s, i, 'false') ? 0 : undefined;
    default:
      return undefined;
  }
}
