import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixed, id, parseCsv, text, withCsv } from './csv.js';

describe('csv', () => {
  it('formats numbers with fixed decimals and never as -0', () => {
    expect(fixed(1.005, 2)).toBe('1.00'); // the double below 1.005: toFixed is exact
    expect(fixed(2.5, 0)).toBe('3');
    expect(fixed(-0.001, 2)).toBe('0.00');
    expect(fixed(-0.4, 0)).toBe('0');
    expect(fixed(-1.25, 1)).toBe('-1.3');
    expect(id('C', 42, 6)).toBe('C000042');
  });

  it('quotes text only when needed and parses it back', () => {
    const values = ['plain', 'a, b', 'say "hi"', 'two\nlines', 'Zürich', ''];
    expect(values.map(text)).toEqual([
      'plain',
      '"a, b"',
      '"say ""hi"""',
      '"two\nlines"',
      'Zürich',
      '',
    ]);
    const input = `h1,h2\n${values.map(text).join(',')},x\n,\n`;
    expect(parseCsv(input)).toEqual([
      ['h1', 'h2'],
      [...values, 'x'],
      ['', ''],
    ]);
    expect(parseCsv('a,b')).toEqual([['a', 'b']]);
    expect(() => parseCsv('"open')).toThrow();
  });

  it('writes through a .partial file and leaves nothing behind on failure', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sightline-csv-'));
    try {
      const f = await withCsv(dir, 'ok.csv', ['a', 'b'], async (w) => {
        for (let i = 0; i < 50_000; i++) await w.row(`${i},é`);
      });
      const content = await readFile(join(dir, 'ok.csv'), 'utf8');
      expect(f.rows).toBe(50_000);
      expect(f.bytes).toBe(Buffer.byteLength(content));
      expect(content.startsWith('a,b\n0,é\n1,é\n')).toBe(true);
      await expect(
        withCsv(dir, 'bad.csv', ['a'], async (w) => {
          await w.row('1');
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await readdir(dir)).toEqual(['ok.csv']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
