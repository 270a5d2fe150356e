// Character-code helpers shared by the hand-rolled parsers, so the hot path needs no regexes.

/** True for the code units that String.prototype.trim removes (ASCII and Unicode white space). */
export function isSpace(c: number): boolean {
  // Nearly every value starts with a printable ASCII character: answer those with one compare.
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
