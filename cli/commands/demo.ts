// sightline demo: a new user's first look. Imports the committed sample data into a fresh sample
// workspace and profiles every table. (Training the four model kinds joins it with the models.)
import type { Command } from 'commander';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../../core/node/import/importer.js';
import { profileTable } from '../../core/node/profile.js';
import { Workspace } from '../../core/node/workspace/workspace.js';
import { fail, interruptSignal, printJson, table } from '../output.js';
import { packageRoot, sightlineHome } from '../paths.js';
import { formatCount } from '../progress.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('build the sample workspace from the bundled sample data and show what is in it')
    .option(
      '-w, --workspace <file>',
      'where to build it (default: $SIGHTLINE_HOME/sample.sightline, ~/.sightline)',
    )
    .option('--json', 'print one JSON document')
    .action(async (flags: { workspace?: string; json?: boolean }) => {
      try {
        await runDemo(flags);
      } catch (err) {
        fail(err, flags.json === true);
      }
    });
}

async function runDemo(flags: { workspace?: string; json?: boolean }): Promise<void> {
  const path = flags.workspace ?? join(sightlineHome(), 'sample.sightline');
  mkdirSync(join(path, '..'), { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const dataDir = join(packageRoot(), 'sample-data', 'small');
  const files = readdirSync(dataDir)
    .filter((f) => f.endsWith('.csv'))
    .sort();
  const say = (s: string) => {
    if (!flags.json) process.stdout.write(`${s}\n`);
  };
  say(`Building the sample workspace at ${path}`);
  const signal = interruptSignal();
  const ws = Workspace.open(path, { create: true });
  const summary: { table: string; rows: number; columns: number; seconds: number }[] = [];
  try {
    for (const f of files) {
      const started = Date.now();
      const [r] = await importFile(ws, join(dataDir, f), { signal });
      await profileTable(ws, r!.table, { signal });
      summary.push({
        table: r!.table,
        rows: r!.rows,
        columns: r!.report.columns.length,
        seconds: (Date.now() - started) / 1000,
      });
      say(`  imported and profiled ${f} → "${r!.table}"`);
    }
  } finally {
    ws.close();
  }
  if (flags.json) {
    printJson({ ok: true, workspace: path, tables: summary });
    return;
  }
  say('');
  say(
    table(
      ['table', 'rows', 'columns', 'seconds'],
      summary.map((s) => [s.table, formatCount(s.rows), String(s.columns), s.seconds.toFixed(2)]),
    ),
  );
  say('');
  say('Next:');
  say(`  sightline tables --workspace ${path}`);
  say(`  sightline profile ${summary[0]?.table ?? 'customers'} --workspace ${path}`);
}
