import { describe, expect, it } from 'vitest';
import { checkModelName, parseModelRef } from './registry.js';

describe('model names', () => {
  it.each(['churn', 'churn v2', 'ltv_2025-01', 'Kündigung', 'a.b'])('accepts %j', (name) => {
    expect(() => checkModelName(name)).not.toThrow();
    expect(parseModelRef(name)).toEqual({ name });
  });

  it.each([
    '',
    '../../etc/passwd',
    'models/churn',
    'a\\b',
    'churn@2',
    '.hidden',
    ' churn',
    'x\u0000y',
    'line\nbreak',
    'x'.repeat(65),
  ])('refuses %j with a message naming it', (name) => {
    expect(() => checkModelName(name)).toThrow(`model name ${JSON.stringify(name)}`);
  });
});
