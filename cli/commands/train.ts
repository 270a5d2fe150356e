// sightline train custom: train and compare learners on any table and target column.
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { LEARNERS } from '../../core/common/learners/index.js';
import { paramsFromFlags, parseParamRecord } from '../../core/common/params.js';
import { initTensorflow } from '../../core/node/tf/backend.js';
import { trainCustom, type CustomTrainResult } from '../../models/custom/train.js';
import type { CustomTask } from '../../models/custom/task.js';
import { fail, printJson, table, UsageError } from '../output.js';
import { openWorkspace } from '../workspace-option.js';

interface Flags {
  workspace?: string;
  table: string;
  target: string;
  task?: string;
  positive?: string;
  exclude?: string;
  learner: string;
  param: string[];
  holdoutFraction: string;
  folds: string;
  seed: string;
  out?: string;
  json?: boolean;
}

const KINDS_LATER = ['churn', 'ltv', 'demand', 'failure'];

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description(
      'train and compare learners on a table (kinds: custom; churn, ltv, demand and failure are coming)',
    )
    .argument('<kind>', 'custom')
    .option('-w, --workspace <file>', 'workspace file')
    .requiredOption('-t, --table <name>', 'table to train on')
    .requiredOption('--target <column>', 'the column to predict')
    .option('--task <task>', 'binary | multiclass | regression (default: from the target column)')
    .option(
      '--positive <value>',
      'the positive class of a binary target (default: found by name, e.g. yes/true/1)',
    )
    .option('--exclude <columns>', 'comma-separated columns to leave out')
    .option('--learner <name>', `auto | ${Object.keys(LEARNERS).join(' | ')}`, 'auto')
    .option(
      '--param <name=value>',
      'a learner parameter (LightGBM names for gbdt; learner.name=value to aim at one learner); repeatable',
      (v: string, prev: string[]) => [...prev, v],
      [],
    )
    .option(
      '--holdout-fraction <f>',
      'share of rows held out for the final evaluation (0 = none)',
      '0.2',
    )
    .option('--folds <k>', 'cross-validation folds for the leaderboard', '5')
    .option('--seed <n>', 'random seed', '42')
    .option('--out <file>', 'write the trained model as JSON')
    .option('--json', 'print one JSON document')
    .action(async (kind: string, flags: Flags) => {
      try {
        await runTrain(kind, flags);
      } catch (err) {
        fail(err, flags.json === true);
      }
    });
}

/** `--param` flags per learner: `name=value` goes to every candidate that declares `name`. */
export function learnerParams(
  names: string[],
  flags: string[],
): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const f of flags) {
    const eq = f.indexOf('=');
    const dot = f.indexOf('.');
    if (eq <= 0) throw new Error(`${f}: expected name=value`);
    if (dot > 0 && dot < eq) {
      if (!names.includes(f.slice(0, dot)))
        throw new Error(
          `${f}: ${f.slice(0, dot)} is not a candidate learner (${names.join(', ')})`,
        );
      continue;
    }
    const p = f.slice(0, eq);
    if (!names.some((n) => Object.hasOwn(LEARNERS[n]!().params, p))) {
      const valid = [...new Set(names.flatMap((n) => Object.keys(LEARNERS[n]!().params)))];
      throw new Error(`no candidate learner has a parameter '${p}'; valid: ${valid.join(', ')}`);
    }
  }
  for (const name of names) {
    const specs = LEARNERS[name]!().params;
    const mine = flags.flatMap((f) => {
      const dot = f.indexOf('.');
      const eq = f.indexOf('=');
      if (dot > 0 && dot < eq) return f.slice(0, dot) === name ? [f.slice(dot + 1)] : [];
      return names.length === 1 || Object.hasOwn(specs, f.slice(0, eq)) ? [f] : [];
    });
    const values = paramsFromFlags(specs, mine);
    parseParamRecord(specs, values); // checks names, types and ranges now, with the learner's own message
    out[name] = values;
  }
  return out;
}

async function runTrain(kind: string, flags: Flags): Promise<void> {
  if (KINDS_LATER.includes(kind))
    throw new UsageError(
      `sightline train ${kind} is not built yet; train custom works on any table and target`,
    );
  if (kind !== 'custom')
    throw new UsageError(`unknown model kind ${JSON.stringify(kind)} (kinds: custom)`);
  if (flags.task && !['binary', 'multiclass', 'regression'].includes(flags.task))
    throw new UsageError(`--task ${flags.task}: use binary, multiclass or regression`);
  if (flags.learner !== 'auto' && !LEARNERS[flags.learner])
    throw new UsageError(
      `--learner ${flags.learner}: use auto, ${Object.keys(LEARNERS).join(', ')}`,
    );
  const holdoutFraction = Number(flags.holdoutFraction);
  if (!(holdoutFraction >= 0 && holdoutFraction < 1))
    throw new UsageError(`--holdout-fraction ${flags.holdoutFraction}: use a number in [0, 1)`);
  const folds = Number(flags.folds);
  const seed = Number(flags.seed);
  if (!Number.isInteger(folds) || folds < 2)
    throw new UsageError(`--folds ${flags.folds}: use an integer ≥ 2`);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed ${flags.seed}: use an integer`);
  const candidates = flags.learner === 'auto' ? Object.keys(LEARNERS) : [flags.learner];
  let params: Record<string, Record<string, unknown>>;
  try {
    params = learnerParams(candidates, flags.param);
  } catch (err) {
    throw new UsageError(`--param: ${(err as Error).message}`);
  }
  const ws = openWorkspace(flags.workspace);
  try {
    const ds = ws.requireDataset(flags.table);
    const ctx = candidates.includes('mlp') ? { tf: (await initTensorflow()).tf } : {};
    const tty = process.stderr.isTTY && !flags.json;
    const result = trainCustom(ws, ds, {
      table: flags.table,
      target: flags.target,
      ...(flags.task ? { task: flags.task as CustomTask } : {}),
      ...(flags.positive !== undefined ? { positive: flags.positive } : {}),
      ...(flags.exclude ? { exclude: flags.exclude.split(',').map((s) => s.trim()) } : {}),
      learner: flags.learner,
      params,
      holdoutFraction,
      folds,
      seed,
      ctx,
      onProgress: (p) => {
        if (tty) process.stderr.write(`\r${p.stage}${p.candidate ? `: ${p.candidate}` : ''}\x1b[K`);
      },
    });
    if (tty) process.stderr.write('\r\x1b[K');
    if (flags.out)
      writeFileSync(
        flags.out,
        `${JSON.stringify({ format: 'sightline-custom-preview', ...result }, null, 1)}\n`,
      );
    if (flags.json) {
      const { model: _model, ...rest } = result;
      printJson({ ok: true, ...rest, ...(flags.out ? { out: flags.out } : {}) });
    } else process.stdout.write(render(result, flags.out));
  } finally {
    ws.close();
  }
}

function render(r: CustomTrainResult, out?: string): string {
  const lines = [
    `Custom ${r.task} model of "${r.target}"${r.positive !== undefined ? ` (positive: ${r.positive})` : ''} on table "${r.table}": ${r.features.length} features, ${r.rows.train.toLocaleString('en-US')} training rows, ${r.rows.holdout.toLocaleString('en-US')} held out.`,
  ];
  for (const e of r.excluded) lines.push(`  left out ${e.column}: ${e.reason}`);
  if (r.rows.droppedMissingTarget > 0)
    lines.push(`  ${r.rows.droppedMissingTarget} rows without a target were left out`);
  lines.push('', `Leaderboard (${r.metric}, cross-validated on the training rows):`);
  lines.push(
    table(
      ['rank', 'learner', r.metric, '± std', 'seconds'],
      r.leaderboard.map((l) => [
        String(l.rank),
        l.learner,
        l.mean.toFixed(4),
        l.std.toFixed(4),
        l.trainSeconds.toFixed(1),
      ]),
    ),
  );
  if (Object.keys(r.holdout).length > 0) {
    lines.push('', `Held-out metrics of the best (${r.best}):`);
    lines.push(
      table(
        ['metric', 'value'],
        Object.entries(r.holdout).map(([k, v]) => [k, v.toFixed(4)]),
      ),
    );
  }
  lines.push(
    '',
    out
      ? `Model written to ${out}.`
      : 'The model registry comes with the model kinds; --out FILE saves this model as JSON.',
  );
  return `${lines.join('\n')}\n`;
}
