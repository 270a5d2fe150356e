import { describe, expect, it } from 'vitest';
import { isLoopback, bearerMatches } from './auth.js';
import type { InputField } from './model.js';
import { checkRecords, toColumns } from './records.js';

const fields: InputField[] = [
  { name: 'age', kind: 'numeric' },
  { name: 'plan', kind: 'categorical', levels: ['basic', 'pro'] },
];

describe('records', () => {
  it('builds numeric and categorical columns, levels per request, null as missing', () => {
    const cols = toColumns(fields, [
      { age: 30, plan: 'pro' },
      { age: null, plan: 'gold' },
      { age: true, plan: null },
      { age: 1.5, plan: 'pro' },
    ]);
    expect(cols[0]).toEqual({
      name: 'age',
      kind: 'numeric',
      values: Float64Array.of(30, NaN, 1, 1.5),
    });
    expect(cols[1]).toEqual({
      name: 'plan',
      kind: 'categorical',
      codes: Int32Array.of(0, 1, -1, 0),
      levels: ['pro', 'gold'],
    });
  });

  it('says which field of which record is wrong', () => {
    expect(checkRecords(fields, [{ age: 1, plan: 'pro' }], false)).toEqual([]);
    expect(checkRecords(fields, [{ age: '1', plan: {} }], false)).toEqual([
      { path: 'age', message: 'expected a number or null, got string "1"' },
      { path: 'plan', message: 'expected a string or null, got object {}' },
    ]);
    expect(
      checkRecords(
        fields,
        [
          { age: 1, plan: 'a' },
          { id: 7, age: 2 },
        ],
        true,
        ['id'],
      ),
    ).toEqual([
      { path: 'records[1].plan', message: 'missing required field (send null if unknown)' },
    ]);
    expect(checkRecords(fields, [null], true)).toEqual([
      { path: 'records[0]', message: 'expected a JSON object, got object null' },
    ]);
  });

  it('caps the number of messages', () => {
    const many = Array.from({ length: 200 }, () => ({ age: 'x', plan: 'pro' }));
    expect(checkRecords(fields, many, true)).toHaveLength(50);
  });
});

describe('auth', () => {
  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost'])
      expect(isLoopback(h)).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.4', 'example.com', '127.example.com'])
      expect(isLoopback(h)).toBe(false);
  });

  it('matches bearer tokens only', () => {
    expect(bearerMatches('Bearer abc', 'abc')).toBe(true);
    expect(bearerMatches('bearer  abc', 'abc')).toBe(true);
    expect(bearerMatches('Bearer abcd', 'abc')).toBe(false);
    expect(bearerMatches('Basic abc', 'abc')).toBe(false);
    expect(bearerMatches(undefined, 'abc')).toBe(false);
  });
});
