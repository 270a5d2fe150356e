import { describe, expect, it } from 'vitest';
import { type ParamSpec, paramsFromFlags, parseParamRecord } from './params.js';

const SPECS = {
  trees: { type: 'integer', default: 100, min: 1, max: 1e6, doc: 'Rounds.' },
  rate: { type: 'number', default: 0.1, min: 0, minOpen: true, max: 1, doc: 'Step.' },
  kind: { type: 'string', default: 'a', choices: () => ['a', 'b'], doc: 'Kind.' },
  units: { type: 'integer[]', default: [4, 2], min: 1, max: 100, doc: 'Widths.' },
} as const satisfies Record<string, ParamSpec>;

describe('parameter declarations', () => {
  it('fills defaults (copying arrays) and validates with errors that name the parameter', () => {
    const p = parseParamRecord(SPECS, { trees: 5 });
    expect(p).toEqual({ trees: 5, rate: 0.1, kind: 'a', units: [4, 2] });
    p.units.push(9);
    expect(SPECS.units.default).toEqual([4, 2]);
    expect(() => parseParamRecord(SPECS, { trees: 1.5 })).toThrow(/'trees' must be an integer/);
    expect(() => parseParamRecord(SPECS, { rate: 0 })).toThrow(/'rate' must be in \(0, 1\]/);
    expect(() => parseParamRecord(SPECS, { kind: 'c' })).toThrow(/'kind' must be one of a, b/);
    expect(() => parseParamRecord(SPECS, { units: [3, 0] })).toThrow(/'units\[1\]' must be in/);
    expect(() => parseParamRecord(SPECS, { tres: 3 })).toThrow(
      /unknown parameter 'tres'; valid: trees, rate, kind, units/,
    );
  });

  it('reads name=value flags by the declared type', () => {
    expect(paramsFromFlags(SPECS, ['trees=200', 'rate=0.05', 'kind=b', 'units=8,4'])).toEqual({
      trees: 200,
      rate: 0.05,
      kind: 'b',
      units: [8, 4],
    });
    expect(() => paramsFromFlags(SPECS, ['trees=many'])).toThrow(/'trees': "many" is not a number/);
    expect(() => paramsFromFlags(SPECS, ['trees'])).toThrow(/expected name=value/);
  });
});
