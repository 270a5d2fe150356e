// sightline sample: write the seeded sample datasets (customers, transactions, sales, telemetry, leads).
import type { Command } from 'commander';
import { generateSamples } from '../../sample-data/generate.js';
import { fail, printJson, table, UsageError } from '../output.js';
import { formatBytes, formatCount } from '../progress.js';

export function registerSample(program: Command): void {
  program
    .command('sample')
    .description('generate the sample datasets (seeded: the same seed gives the same bytes)')
    .requiredOption('--out <dir>', 'folder to write the CSV files to')
    .option('--scale <scale>', 'small | large', 'small')
    .option('--seed <n>', 'random seed', '42')
    .option('--json', 'print one JSON document')
    .action(async (flags: { out: string; scale: string; seed: string; json?: boolean }) => {
      try {
        if (flags.scale !== 'small' && flags.scale !== 'large')
          throw new UsageError(`--scale ${flags.scale}: use small or large`);
        const seed = Number(flags.seed);
        if (!Number.isInteger(seed))
          throw new UsageError(`--seed ${flags.seed}: expected an integer`);
        const tty = process.stderr.isTTY;
        const res = await generateSamples({
          outDir: flags.out,
          scale: flags.scale,
          seed,
          onProgress: (ds, done, total) => {
            if (tty)
              process.stderr.write(
                `\rgenerating ${ds}: ${Math.round((100 * done) / Math.max(1, total))}%\x1b[K`,
              );
          },
        });
        if (tty) process.stderr.write('\r\x1b[K');
        if (flags.json) printJson({ ok: true, ...res });
        else
          process.stdout.write(
            `${table(
              ['file', 'rows', 'size'],
              res.files.map((f) => [f.path, formatCount(f.rows), formatBytes(f.bytes)]),
            )}\n`,
          );
      } catch (err) {
        fail(err, flags.json === true);
      }
    });
}
