// Property tests of type inference (core/common/infer): whatever the sample, the inferred type is
// one no value contradicts — every non-missing value converts, and none widens the type — and
// inference never throws, with or without a user date format (valid or not).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inferColumn } from '../../core/common/infer/index.js';
import { checkInference, DATE_FORMATS } from './targets.js';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const date = fc
  .record({
    y: fc.integer({ min: 1, max: 9999 }),
    m: fc.integer({ min: 0, max: 13 }),
    d: fc.integer({ min: 0, max: 32 }),
    h: fc.integer({ min: 0, max: 25 }),
    mi: fc.integer({ min: 0, max: 61 }),
    time: fc.boolean(),
    style: fc.nat(6),
  })
  .map(({ y, m, d, h, mi, time, style }) => {
    const t = time ? ` ${pad(h)}:${pad(mi)}` : '';
    switch (style) {
      case 0:
        return `${pad(y, 4)}-${pad(m)}-${pad(d)}${t}`;
      case 1:
        return `${pad(d)}/${pad(m)}/${pad(y, 4)}${t}`;
      case 2:
        return `${pad(m)}/${pad(d)}/${pad(y, 4)}${t}`;
      case 3:
        return `${pad(d)}.${pad(m)}.${pad(y, 4)}`;
      case 4:
        return `${pad(y, 4)}${pad(m)}${pad(d)}`;
      case 5:
        return `${pad(y, 4)}-${pad(m)}-${pad(d)}T${pad(h)}:${pad(mi)}:00${time ? 'Z' : '+05:30'}`;
      default:
        return `${pad(y, 4)}/${pad(m)}/${pad(d)}`;
    }
  });

/** Values of every shape inference distinguishes, and near misses of each. */
const value = fc.oneof(
  fc.integer().map(String),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
  fc.double().map(String),
  fc.integer({ min: 0, max: 999 }).map((n) => `00${n}`),
  date,
  fc.constantFrom(
    'yes',
    'no',
    'TRUE',
    'f',
    'Y',
    ' t ',
    'NA',
    'null',
    '',
    'n/a',
    'NaN',
    'nan',
    '-',
    '+',
    '.',
    '1e5',
    '1E-3',
    '0x1F',
    '1,000',
    '.5',
    '5.',
    ' 42 ',
    '\u00a042',
    'Infinity',
    '-0',
    '12:30',
    '2024-02-30',
    '29/02/2023',
  ),
  fc.string({ maxLength: 12 }),
);

describe('type inference', () => {
  it('never returns a type the values contradict (mixed samples, any date format)', () => {
    let runs = 0;
    fc.assert(
      fc.property(
        fc.string({ maxLength: 10 }),
        fc.array(fc.option(value, { freq: 8 }), { maxLength: 40 }),
        fc.constantFrom(...DATE_FORMATS),
        (name, values, fmt) => {
          runs++;
          checkInference(name, values, fmt);
        },
      ),
      { seed: 31337, numRuns: 5000 },
    );
    expect(runs).toBe(5000);
  });

  it('homogeneous samples: one shape repeated (with missing values) keeps its type', () => {
    let runs = 0;
    fc.assert(
      fc.property(
        fc.constantFrom<[string, fc.Arbitrary<string>]>(
          ['integer', fc.integer({ min: 2, max: 1e9 }).map(String)],
          [
            'real',
            fc
              .double({ min: -1e9, max: 1e9, noNaN: true })
              .filter((x) => !Number.isInteger(x))
              .map(String),
          ],
          ['boolean', fc.constantFrom('yes', 'no', 'true', 'false')],
        ),
        fc.integer({ min: 3, max: 30 }),
        fc.nat(),
        ([type, arb], n, seed) => {
          runs++;
          const values = fc.sample(arb, { numRuns: n, seed });
          values.push('NA', '');
          expect(inferColumn('v', values).type).toBe(type);
        },
      ),
      { seed: 5, numRuns: 200 },
    );
    expect(runs).toBe(200);
  });

  it('dates of one style read as a date or datetime that converts every value', () => {
    let runs = 0;
    fc.assert(
      fc.property(fc.array(date, { minLength: 1, maxLength: 30 }), (values) => {
        runs++;
        checkInference('when', values);
      }),
      { seed: 8, numRuns: 500 },
    );
    expect(runs).toBe(500);
  });
});
