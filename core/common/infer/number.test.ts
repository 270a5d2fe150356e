// Tests for the integer and real parsers: signs, white space, int64 bounds, overflow, rounding.
import { describe, expect, it } from 'vitest';
import { hasLeadingZero, isIntegerSyntax, parseInteger, parseReal } from './number.js';

describe('parseInteger', () => {
  it('reads signs and surrounding white space', () => {
    expect(parseInteger('42')).toBe(42);
    expect(parseInteger('-42')).toBe(-42);
    expect(parseInteger('+42')).toBe(42);
    expect(parseInteger('  7\t')).toBe(7);
    expect(parseInteger('0')).toBe(0);
    expect(Object.is(parseInteger('-0'), 0)).toBe(true);
    expect(parseInteger('007')).toBe(7);
    expect(parseInteger('\u00a0-12\u3000')).toBe(-12);
  });

  it('rejects anything that is not sign and digits', () => {
    for (const s of [
      '',
      ' ',
      '-',
      '+',
      '1.0',
      '1e3',
      '0x10',
      '1 000',
      '1,000',
      '--1',
      '+-1',
      '12a',
      'a12',
      'Infinity',
      '١٢',
    ]) {
      expect(parseInteger(s), JSON.stringify(s)).toBeUndefined();
    }
  });

  it('returns numbers up to MAX_SAFE_INTEGER and bigints up to int64', () => {
    expect(parseInteger('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseInteger('-9007199254740991')).toBe(-Number.MAX_SAFE_INTEGER);
    expect(parseInteger('9007199254740992')).toBe(9007199254740992n);
    expect(parseInteger('-9007199254740993')).toBe(-9007199254740993n);
    expect(parseInteger('9223372036854775807')).toBe(9223372036854775807n);
    expect(parseInteger('-9223372036854775808')).toBe(-9223372036854775808n);
    expect(parseInteger('00009223372036854775807')).toBe(9223372036854775807n);
  });

  it('rejects values beyond int64', () => {
    expect(parseInteger('9223372036854775808')).toBeUndefined();
    expect(parseInteger('-9223372036854775809')).toBeUndefined();
    expect(parseInteger('99999999999999999999999')).toBeUndefined();
    expect(parseInteger('1'.repeat(400))).toBeUndefined();
  });
});

describe('isIntegerSyntax and hasLeadingZero', () => {
  it('recognises integer-shaped strings of any size', () => {
    expect(isIntegerSyntax(' -123 ')).toBe(true);
    expect(isIntegerSyntax('1'.repeat(40))).toBe(true);
    expect(isIntegerSyntax('1.0')).toBe(false);
    expect(isIntegerSyntax('-')).toBe(false);
    expect(isIntegerSyntax('')).toBe(false);
  });

  it('flags leading zeros but not zero itself', () => {
    expect(hasLeadingZero('007')).toBe(true);
    expect(hasLeadingZero(' 02139')).toBe(true);
    expect(hasLeadingZero('-01')).toBe(true);
    expect(hasLeadingZero('0')).toBe(false);
    expect(hasLeadingZero('-0')).toBe(false);
    expect(hasLeadingZero('10')).toBe(false);
  });
});

describe('parseReal', () => {
  it('reads decimal and exponent forms', () => {
    expect(parseReal('1.5')).toBe(1.5);
    expect(parseReal('-.5')).toBe(-0.5);
    expect(parseReal('+.5')).toBe(0.5);
    expect(parseReal('2.')).toBe(2);
    expect(parseReal('1e-3')).toBe(0.001);
    expect(parseReal('1E+3')).toBe(1000);
    expect(parseReal('-2.5e2')).toBe(-250);
    expect(parseReal(' 3.25 ')).toBe(3.25);
    expect(parseReal('42')).toBe(42);
    expect(parseReal('1e-400')).toBe(0);
    expect(Object.is(parseReal('-0.0'), 0)).toBe(true);
  });

  it('gives exactly what Number() gives, fast path or not', () => {
    const samples = [
      '0.1',
      '0.3',
      '123.456',
      '-9999.99',
      '3.141592653589793',
      '2.718281828459045e10',
      '1.7976931348623157e308',
      '5e-324',
      '123456789012345678',
      '0.000001234',
      '9007199254740993',
      '1.00000000000000000001',
      '4.35',
      '8.589973e9',
      '1e22',
      '1e23',
      '-1e-22',
    ];
    for (const s of samples) expect(parseReal(s), s).toBe(Number(s));
    for (let i = 0; i < 2000; i++) {
      const s = (Math.random() * 2e6 - 1e6).toFixed(i % 7);
      expect(parseReal(s), s).toBe(Number(s));
    }
  });

  it('trims any white space but rejects it inside the number', () => {
    for (const s of [' 1.5', '1.5 ', '\t1.5\n', '\u00a01.5\u00a0', '\u20281.5']) {
      expect(parseReal(s), JSON.stringify(s)).toBe(1.5);
    }
    for (const s of ['- 1.5', '1 .5', '1. 5', '1e 5', '1.5 e3']) {
      expect(parseReal(s), JSON.stringify(s)).toBeUndefined();
    }
  });

  it('handles long mantissas and many digits', () => {
    expect(parseReal('0.12345678901234567890')).toBe(0.12345678901234568);
    expect(parseReal('-123456789012345678901234567890')).toBe(-1.2345678901234568e29);
    expect(parseReal('0.' + '0'.repeat(30) + '1')).toBe(1e-31);
    expect(parseReal('1'.repeat(400))).toBeUndefined();
    expect(parseReal('0'.repeat(400))).toBe(0);
  });

  it('rejects hex, special values, separators and overflow', () => {
    for (const s of [
      '0x1A',
      '0b1',
      '0o7',
      'Infinity',
      '-Infinity',
      'NaN',
      '1,000.5',
      '1 000',
      '1_000',
      '1e400',
      '-1e400',
      '.',
      '-',
      'e5',
      '1e',
      '1e+',
      '1.2.3',
      '$5',
      '5%',
      '',
      ' ',
    ]) {
      expect(parseReal(s), JSON.stringify(s)).toBeUndefined();
    }
  });
});
