import { describe, expect, it } from 'vitest';
import { MLP_PARAMS, parseMlpParams } from './params.js';

describe('parseMlpParams', () => {
  it('fills every declared default', () => {
    const p = parseMlpParams();
    expect(p.hidden_units).toEqual([64, 32]);
    expect(p.task).toBe('binary');
    expect(Object.keys(p).sort()).toEqual(Object.keys(MLP_PARAMS).sort());
    p.hidden_units.push(1); // defaults are copies
    expect(parseMlpParams().hidden_units).toEqual([64, 32]);
  });

  it('names the parameter in errors', () => {
    expect(() => parseMlpParams({ batch_size: 0 })).toThrow(/'batch_size' must be in \[1, /);
    expect(() => parseMlpParams({ learning_rate: 0 })).toThrow(/'learning_rate' must be in \(0, /);
    expect(() => parseMlpParams({ hidden_units: [8, 0] })).toThrow(/'hidden_units\[1\]'/);
    expect(() => parseMlpParams({ hidden_units: 8 })).toThrow(/'hidden_units' must be an array/);
    expect(() => parseMlpParams({ epochs: '5' })).toThrow(/'epochs' must be an integer/);
    expect(() => parseMlpParams({ trees: 5 })).toThrow(/unknown parameter 'trees'; valid: task/);
  });
});
