// sightline demo: a new user's first look. Imports the committed sample data into a fresh sample
// workspace, profiles every table, then trains the four model kinds on it and prints their
// held-out metrics.
import type { Command } from 'commander';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../../core/node/import/importer.js';
import { profileTable } from '../../core/node/profile.js';
import { Workspace } from '../../core/node/workspace/workspace.js';
import { trainAndRegister } from '../../models/common/save.js';
import { trainKind, type KindOptions } from '../../models/train.js';
import type { ModelKind } from '../../models/common/artifact.js';
import { packageVersion } from '../paths.js';
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
    .option('--no-train', 'only import and profile; train no models')
    .option('--json', 'print one JSON document')
    .action(async (flags: DemoFlags) => {
      try {
        await runDemo(flags);
      } catch (err) {
        fail(err, flags.json === true);
      }
    });
}

interface DemoFlags {
  workspace?: string;
  json?: boolean;
  train?: boolean;
  noTrain?: boolean;
}

/** The four kinds on the sample tables (sample-data/README.md describes their planted signal). */
const DEMO_MODELS: { kind: ModelKind; what: string; options: KindOptions; show: string[] }[] = [
  {
    kind: 'churn',
    what: 'transactions + customers, 90-day churn',
    options: { table: 'transactions', attributes: 'customers', learner: 'auto' },
    show: ['auc', 'pr_auc', 'recall', 'precision'],
  },
  {
    kind: 'ltv',
    what: 'spend in the next 12 months',
    options: { table: 'transactions', attributes: 'customers', learner: 'auto' },
    show: ['r2', 'mae', 'bgnbd_rmse', 'rmse'],
  },
  {
    kind: 'demand',
    what: 'daily unit sales of 60 items, last 30 days held out',
    options: {
      table: 'sales',
      holidays: 'holidays',
      params: { gbdt: { trees: 150, learning_rate: 0.1 } },
    },
    show: ['wape', 'mase', 'seasonal_naive_wape', 'holt_winters_wape'],
  },
  {
    kind: 'failure',
    what: 'telemetry + failures + devices, failure within 24 h',
    options: { table: 'telemetry', events: 'failures', attributes: 'devices', learner: 'auto' },
    show: ['auc', 'pr_auc', 'recall', 'fpr'],
  },
];

async function runDemo(flags: DemoFlags): Promise<void> {
  flags.noTrain = flags.train === false;
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
  const trained: {
    kind: string;
    model: string;
    learner: string;
    what: string;
    metrics: Record<string, number>;
    seconds: number;
  }[] = [];
  const tty = process.stderr.isTTY && !flags.json;
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
    if (!flags.noTrain)
      for (const job of DEMO_MODELS) {
        const started = Date.now();
        const saved = await trainAndRegister(
          ws,
          job.kind,
          { kind: job.kind, ...job.options },
          (onProgress) =>
            trainKind(ws, job.kind, {
              ...job.options,
              codeVersion: packageVersion(),
              signal,
              onProgress,
            }),
          (p) => {
            if (tty)
              process.stderr.write(
                `\r  ${job.kind}: ${p.stage}${p.candidate ? ` ${p.candidate}` : ''}${p.fold ? ` fold ${p.fold}/${p.folds}` : ''}\x1b[K`,
              );
          },
        );
        if (tty) process.stderr.write('\r\x1b[K');
        const t = saved.trained;
        trained.push({
          kind: job.kind,
          model: `${saved.name}@${saved.version}`,
          learner: t.artifact.learner ?? '',
          what: job.what,
          metrics: Object.fromEntries(
            job.show.filter((m) => t.metrics[m] !== undefined).map((m) => [m, t.metrics[m]!]),
          ),
          seconds: (Date.now() - started) / 1000,
        });
        say(`  trained ${job.kind} (${job.what}) → ${saved.name}@${saved.version}`);
      }
  } finally {
    ws.close();
  }
  if (flags.json) {
    printJson({ ok: true, workspace: path, tables: summary, models: trained });
    return;
  }
  say('');
  say(
    table(
      ['table', 'rows', 'columns', 'seconds'],
      summary.map((s) => [s.table, formatCount(s.rows), String(s.columns), s.seconds.toFixed(2)]),
    ),
  );
  if (trained.length > 0) {
    say('');
    say('Held-out metrics:');
    say(
      table(
        ['model', 'learner', 'metrics', 'seconds'],
        trained.map((m) => [
          m.model,
          m.learner,
          Object.entries(m.metrics)
            .map(([k, v]) => `${k} ${v.toFixed(3)}`)
            .join(', '),
          m.seconds.toFixed(1),
        ]),
      ),
    );
  }
  say('');
  say('Next:');
  say(`  sightline models --workspace ${path}`);
  say(
    `  sightline predict --model churn --table transactions --output churn.csv --workspace ${path}`,
  );
  say(`  sightline tables --workspace ${path}`);
  say(`  sightline profile ${summary[0]?.table ?? 'customers'} --workspace ${path}`);
}
