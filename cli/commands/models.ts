// sightline models: the registry — list versions, promote, archive, compare, export one.
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { now } from '../../core/node/workspace/workspace.js';
import { writeFileAtomic } from '../../core/node/workspace/atomic-file.js';
import { Registry, type Stage } from '../../core/node/registry/registry.js';
import { artifactFileText } from '../../models/export/artifact-file.js';
import { fail, printJson, table } from '../output.js';
import { openWorkspace } from '../workspace-option.js';

const KEY_METRICS = ['auc', 'pr_auc', 'recall', 'fpr', 'rmse', 'r2', 'wape', 'mase'];

export function registerModels(program: Command): void {
  const models = program
    .command('models')
    .description('list the registered models; promote, archive, compare or export a version')
    .option('-w, --workspace <file>', 'workspace file')
    .option('--json', 'print one JSON document')
    .action((flags: { workspace?: string; json?: boolean }) => {
      try {
        const ws = openWorkspace(flags.workspace);
        try {
          const list = new Registry(ws).list();
          if (flags.json) return printJson({ ok: true, models: list });
          if (list.length === 0) {
            process.stdout.write('No models yet: train one with `sightline train <kind>`.\n');
            return;
          }
          process.stdout.write(
            `${table(
              ['model', 'version', 'kind', 'stage', 'metrics', 'created'],
              list.map((v) => [
                v.name,
                String(v.version),
                v.kind,
                v.stage,
                KEY_METRICS.filter((m) => v.metrics[m] !== undefined)
                  .map((m) => `${m} ${v.metrics[m]!.toFixed(3)}`)
                  .join(', '),
                v.createdAt.slice(0, 19).replace('T', ' '),
              ]),
            )}\n`,
          );
        } finally {
          ws.close();
        }
      } catch (err) {
        fail(err, flags.json === true);
      }
    });
  for (const [verb, stage] of [
    ['promote', 'production'],
    ['archive', 'archived'],
  ] as const) {
    models
      .command(verb)
      .description(
        stage === 'production' ? 'make a version the production one' : 'archive a version',
      )
      .argument('<model>', 'name@version')
      .option('-w, --workspace <file>', 'workspace file')
      .option('--json', 'print one JSON document')
      .action((ref: string, flags: { workspace?: string; json?: boolean }) =>
        setStage(ref, stage, withParent(models, flags)),
      );
  }
  models
    .command('compare')
    .description('two versions side by side')
    .argument('<a>', 'name@version')
    .argument('<b>', 'name@version')
    .option('-w, --workspace <file>', 'workspace file')
    .option('--json', 'print one JSON document')
    .action((a: string, b: string, given: { workspace?: string; json?: boolean }) => {
      const flags = withParent(models, given);
      try {
        const ws = openWorkspace(flags.workspace);
        try {
          const c = new Registry(ws).compare(a, b);
          if (flags.json) return printJson({ ok: true, ...c });
          const name = (v: { name: string; version: number }) => `${v.name}@${v.version}`;
          process.stdout.write(
            `${table(
              ['metric', name(c.a), name(c.b), 'difference'],
              c.metrics.map((m) => [
                m.metric,
                m.a?.toFixed(4) ?? '—',
                m.b?.toFixed(4) ?? '—',
                m.difference === null
                  ? '—'
                  : `${m.difference >= 0 ? '+' : ''}${m.difference.toFixed(4)}`,
              ]),
            )}\n\nSame data: ${c.sameData ? 'yes' : 'no'}; same parameters: ${c.sameParams ? 'yes' : 'no'}.\n`,
          );
        } finally {
          ws.close();
        }
      } catch (err) {
        fail(err, flags.json === true);
      }
    });
  models
    .command('export')
    .description('write a version as a JSON artifact file (its record and the model)')
    .argument('<model>', 'name[@version]')
    .requiredOption('-o, --output <file>', 'the JSON file to write')
    .option('-w, --workspace <file>', 'workspace file')
    .option('--json', 'print one JSON document')
    .action((ref: string, given: { workspace?: string; output: string; json?: boolean }) => {
      const flags = withParent(models, given);
      try {
        const ws = openWorkspace(flags.workspace);
        try {
          const v = new Registry(ws).get(ref);
          const { evaluation: _e, ...record } = v;
          writeFileAtomic(flags.output, artifactFileText(record));
          ws.db
            .prepare(
              'INSERT INTO sl_exports (model, version, format, path, parity, created_at) VALUES (?, ?, ?, ?, NULL, ?)',
            )
            .run(v.name, v.version, 'json', resolve(flags.output), now());
          if (flags.json)
            printJson({ ok: true, name: v.name, version: v.version, output: flags.output });
          else process.stdout.write(`Wrote ${v.name}@${v.version} to ${flags.output}.\n`);
        } finally {
          ws.close();
        }
      } catch (err) {
        fail(err, flags.json === true);
      }
    });
}

/** Options given after the subcommand are parsed by `models` itself (commander's default). */
function withParent<T extends { workspace?: string; json?: boolean }>(
  parent: Command,
  flags: T,
): T {
  const p = parent.opts<{ workspace?: string; json?: boolean }>();
  return {
    ...flags,
    ...((flags.workspace ?? p.workspace) ? { workspace: flags.workspace ?? p.workspace } : {}),
    ...(flags.json || p.json ? { json: true } : {}),
  };
}

function setStage(ref: string, stage: Stage, flags: { workspace?: string; json?: boolean }): void {
  try {
    const ws = openWorkspace(flags.workspace);
    try {
      const v = new Registry(ws).setStage(ref, stage);
      if (flags.json) printJson({ ok: true, name: v.name, version: v.version, stage });
      else process.stdout.write(`${v.name}@${v.version} is now ${stage}.\n`);
    } finally {
      ws.close();
    }
  } catch (err) {
    fail(err, flags.json === true);
  }
}
