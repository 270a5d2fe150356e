// Tests for the missing-value markers.
import { describe, expect, it } from 'vitest';
import { isMissing, MISSING_MARKERS } from './missing.js';

describe('isMissing', () => {
  it('treats empty and whitespace-only strings as missing', () => {
    for (const s of ['', ' ', '\t', '   \t  ', '\u00a0', '\r\n', '          ']) {
      expect(isMissing(s), JSON.stringify(s)).toBe(true);
    }
  });

  it('treats the markers as missing in any case and with surrounding space', () => {
    for (const s of [
      'NA',
      'na',
      'N/A',
      'n/a',
      '#N/A',
      'null',
      'NULL',
      'None',
      'NaN',
      ' NA ',
      '\tnull\t',
    ]) {
      expect(isMissing(s), s).toBe(true);
    }
    expect(MISSING_MARKERS).toEqual(['', 'na', 'n/a', '#n/a', 'null', 'none', 'nan']);
  });

  it('keeps real values, including ones that merely start like a marker', () => {
    for (const s of [
      '0',
      '-',
      'n',
      'N',
      'no',
      'nil',
      'NAN1',
      'nulls',
      'nonexistent',
      'N A',
      'n/a/b',
      '#N/A!',
      'x',
    ]) {
      expect(isMissing(s), s).toBe(false);
    }
  });

  it('answers long values without trimming', () => {
    expect(isMissing('a long value with spaces inside')).toBe(false);
    expect(isMissing('  padded long value  ')).toBe(false);
    expect(isMissing(`${' '.repeat(100)}null${' '.repeat(100)}`)).toBe(true);
  });
});
