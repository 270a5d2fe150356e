// Regenerates the committed small files: `npx tsx sample-data/write-small.ts`.
// Prints the file table and the measured signal that README.md quotes; update README.md when
// they change (generate.test.ts fails until the committed files and the README match).
import { readdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { DEFAULT_SEED, generateSamples } from './generate.js';
import { churnSignal, leadsSignal, salesSignal, telemetrySignal } from './signal.js';

const outDir = fileURLToPath(new URL('./small/', import.meta.url));

const { files } = await generateSamples({ outDir, scale: 'small', seed: DEFAULT_SEED });
const keep = new Set(files.map((f) => f.name));
for (const name of await readdir(outDir)) {
  if (!keep.has(name)) await rm(join(outDir, name), { force: true });
}

const n = (x: number): string => x.toLocaleString('en-US');
console.log('| file | rows | bytes |\n| --- | ---: | ---: |');
for (const f of files) console.log(`| ${f.name} | ${n(f.rows)} | ${n(f.bytes)} |`);
const total = files.reduce((a, f) => a + f.bytes, 0);
console.log(`| **total** | | ${n(total)} |`);

const round = (_key: string, v: unknown): unknown =>
  typeof v === 'number' ? Math.round(v * 1000) / 1000 : v;
console.log(
  JSON.stringify(
    {
      churn: await churnSignal(outDir),
      sales: await salesSignal(outDir),
      telemetry: await telemetrySignal(outDir),
      leads: await leadsSignal(outDir),
    },
    round,
    2,
  ),
);
