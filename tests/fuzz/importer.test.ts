// Property tests of the delimited-text importer (decode, detect, delimited, importer, encode):
// random typed rows written as CSV import to the same values; random and damaged files are
// imported or refused with an ImportError naming the file, and a refusal changes nothing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isMissing } from '../../core/common/infer/index.js';
import { importFile } from '../../core/node/import/importer.js';
import { tempDir } from '../helpers/tmp.js';
import { rows } from '../helpers/workspace.js';
import { csvField, csvTableArb, importOnce, openImportWorkspace, toCsv } from './targets.js';

const dir = tempDir('sightline-fuzz-import-');
const ws = openImportWorkspace(dir);
afterAll(() => ws.close());
let k = 0;
export const tried: Record<string, number> = {};

const DELIMITERS = [',', ';', '\t', '|'] as const;
const NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/** A text cell: anything, including quotes, delimiters and line breaks (but no NUL). */
const text = fc.string({ unit: 'grapheme', maxLength: 16 }).filter((s) => !s.includes('\0'));

describe('importer: round trip', () => {
  it('random typed rows written as CSV import to the same values', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            i: fc.oneof(fc.integer(), fc.maxSafeInteger()),
            r: fc.double({ noNaN: true, noDefaultInfinity: true }),
            s: text,
          }),
          { minLength: 1, maxLength: 30 },
        ),
        fc.constantFrom(...DELIMITERS),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
        async (data, d, nl, bom, gzip) => {
          runs++;
          const lines = [
            ['i', 'r', 's'].join(d),
            ...data.map((x) => [String(x.i), String(x.r), csvField(x.s, d)].join(d)),
          ];
          let bytes = Buffer.from(`${bom ? '\uFEFF' : ''}${lines.join(nl)}${nl}`);
          if (gzip) bytes = gzipSync(bytes);
          const file = join(dir, `rt-${++k}.csv${gzip ? '.gz' : ''}`);
          writeFileSync(file, bytes);
          const [r] = await importFile(ws, file, {
            table: `rt${k}`,
            delimiter: NAMES[d]!,
            types: { i: 'integer', r: 'real', s: 'text' },
            onError: 'fail',
            parallel: false,
          });
          expect(r!.rows).toBe(data.length);
          expect(rows(ws, `rt${k}`)).toEqual(
            data.map((x) => ({
              i: x.i,
              r: Object.is(x.r, -0) ? 0 : x.r,
              s: isMissing(x.s) ? null : x.s,
            })),
          );
          ws.db.exec(`DROP TABLE rt${k}`);
          ws.db.prepare('DELETE FROM sl_datasets WHERE name = ?').run(`rt${k}`);
        },
      ),
      { seed: 424242, numRuns: 150 },
    );
    tried['round trip'] = runs;
  });

  it('inferred types read the values back too (integers, reals, text)', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: -1e6, max: 1e6 })),
          {
            minLength: 2,
            maxLength: 25,
          },
        ),
        async (data) => {
          runs++;
          const file = join(dir, `inf-${++k}.csv`);
          writeFileSync(file, `n,x\n${data.map(([n, x]) => `${n},${x}.5`).join('\n')}\n`);
          const [r] = await importFile(ws, file, { table: `inf${k}`, parallel: false });
          expect(r!.report.columns.map((c) => c.type)).toEqual(['integer', 'real']);
          expect(rows(ws, `inf${k}`)).toEqual(data.map(([n, x]) => ({ n, x: Number(`${x}.5`) })));
        },
      ),
      { seed: 77, numRuns: 60 },
    );
    tried['inferred types'] = runs;
  });
});

describe('importer: random and damaged input', () => {
  it('random tables (quotes, delimiters, line breaks in fields, any options): imported or refused cleanly', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(255), csvTableArb(), async (opt, t) => {
        runs++;
        await importOnce(ws, dir, Buffer.concat([Buffer.of(opt), Buffer.from(toCsv(t))]));
      }),
      { seed: 1337, numRuns: 250 },
    );
    tried['random tables'] = runs;
  });

  it('random bytes and damaged CSV (truncated, bit flips, binary): imported or refused cleanly', async () => {
    let runs = 0;
    const good = Buffer.from(
      'id,name,when,score\n1,"a, b",2024-01-05,1.5\n2,"say ""hi""",2024-02-29,NA\n',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.nat(255),
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
          fc.nat(good.length).map((n) => good.subarray(0, n)),
          fc.tuple(fc.nat(good.length - 1), fc.nat(7)).map(([i, bit]) => {
            const b = Buffer.from(good);
            b[i]! ^= 1 << bit;
            return b;
          }),
          fc
            .string({
              unit: fc.constantFrom(',', '"', '\n', '\r', ';', 'a', '1', ' ', '\t'),
              maxLength: 80,
            })
            .map((s) => Buffer.from(s)),
        ),
        async (opt, content) => {
          runs++;
          await importOnce(ws, dir, Buffer.concat([Buffer.of(opt), content]));
        },
      ),
      { seed: 9001, numRuns: 300 },
    );
    tried['random bytes'] = runs;
  });

  afterAll(() => {
    process.stdout.write(`importer property runs: ${JSON.stringify(tried)}\n`);
  });
});
