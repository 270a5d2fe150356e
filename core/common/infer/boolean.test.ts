// Tests for the boolean words.
import { describe, expect, it } from 'vitest';
import { parseBoolean } from './boolean.js';

describe('parseBoolean', () => {
  it('reads the true and false words in any case', () => {
    for (const s of ['true', 'TRUE', 'True', 'yes', 'YES', 't', 'T', 'y', 'Y', ' yes ']) {
      expect(parseBoolean(s), s).toBe(1);
    }
    for (const s of ['false', 'FALSE', 'no', 'No', 'f', 'F', 'n', 'N', '\tfalse']) {
      expect(parseBoolean(s), s).toBe(0);
    }
  });

  it('rejects numbers and other words', () => {
    for (const s of ['0', '1', '', 'yess', 'nope', 'on', 'off', 'x', 'tru', 'falsy', 'ye s']) {
      expect(parseBoolean(s), s).toBeUndefined();
    }
  });
});
