// sightline train <kind>: train a model kind, compare candidate learners and register the best.
import type { Command } from 'commander';
import { LEARNERS } from '../../core/common/learners/index.js';
import { paramsFromFlags, parseParamRecord } from '../../core/common/params.js';
import { daysFromCivil } from '../../core/common/calendar.js';
import { initTensorflow } from '../../core/node/tf/backend.js';
import { checkModelName } from '../../core/node/registry/registry.js';
import { MODEL_KINDS, type ModelKind } from '../../models/common/artifact.js';
import { parseThresholdRule } from '../../models/common/decision.js';
import { trainAndRegister, type SavedModel } from '../../models/common/save.js';
import type { CustomTask } from '../../models/custom/task.js';
import { parseHorizon, trainKind, type KindOptions } from '../../models/train.js';
import { fail, interruptSignal, printJson, table, UsageError } from '../output.js';
import { packageVersion } from '../paths.js';
import { openWorkspace } from '../workspace-option.js';

interface Flags {
  workspace?: string;
  table: string;
  target?: string;
  task?: string;
  positive?: string;
  id?: string;
  time?: string;
  amount?: string;
  item?: string;
  events?: string;
  attributes?: string;
  holidays?: string;
  rul?: boolean;
  search?: boolean;
  exclude?: string;
  cutoff?: string;
  horizon?: string;
  holdoutFraction?: string;
  holdoutAfter?: string;
  learner: string;
  param: string[];
  timeBudget?: string;
  thresholdRule?: string;
  folds: string;
  seed: string;
  name?: string;
  json?: boolean;
}

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('train a model kind on workspace tables and register the best candidate')
    .argument('<kind>', MODEL_KINDS.join(' | '))
    .option('-w, --workspace <file>', 'workspace file')
    .requiredOption('-t, --table <name>', 'the main input table')
    .option('--target <column>', 'the column to predict (table mode)')
    .option('--positive <value>', 'the positive class of a binary target (default: found by name)')
    .option('--task <task>', 'binary | multiclass | regression (custom; default: from the target)')
    .option('--id <column>', 'the customer, device or row id column')
    .option('--time <column>', 'the date or timestamp column')
    .option('--amount <column>', 'the amount column of a transaction log')
    .option('--item <column>', 'the item column of a sales table')
    .option('--events <table>', 'failure events table (device failure from telemetry)')
    .option('--attributes <table>', 'customer or device attributes table, joined on the id column')
    .option('--holidays <table>', 'demand: a table of holiday dates')
    .option('--rul', 'failure: also train remaining useful life (hours to the next failure)')
    .option('--exclude <columns>', 'comma-separated columns to leave out')
    .option('--cutoff <date>', 'YYYY-MM-DD: the point in time features are computed at')
    .option('--horizon <duration>', 'prediction horizon such as 24h, 90d, 39w, 12m')
    .option('--holdout-fraction <f>', 'share of rows held out for the final evaluation (0 = none)')
    .option('--holdout-after <date>', 'YYYY-MM-DD: hold out everything from this date on')
    .option('--learner <name>', `auto | ${Object.keys(LEARNERS).join(' | ')}`, 'auto')
    .option(
      '--param <name=value>',
      'a learner parameter (LightGBM names for gbdt; learner.name=value to aim at one learner); repeatable',
      (v: string, prev: string[]) => [...prev, v],
      [],
    )
    .option('--time-budget <seconds>', 'stop starting new candidates after this many seconds')
    .option(
      '--search',
      'tune each candidate by successive halving over its search space (within --time-budget, else 60 s each)',
    )
    .option(
      '--threshold-rule <rule>',
      'binary decision threshold: max_f1, costs:FP:FN or recall:R (default max_f1; failure recall:0.9)',
    )
    .option('--folds <k>', 'cross-validation folds for the leaderboard', '5')
    .option('--seed <n>', 'random seed', '42')
    .option('--name <name>', 'registry name (default: the kind)')
    .option('--json', 'print one JSON document')
    .action(async (kind: string, flags: Flags) => {
      try {
        await runTrain(kind, flags);
      } catch (err) {
        fail(err, flags.json === true);
      }
    });
}

export function parseDay(text: string, flag: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new UsageError(`${flag} ${text}: use a date such as 2025-01-31`);
  const d = daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
  if (Number.isNaN(d)) throw new UsageError(`${flag} ${text}: not a date`);
  return d;
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
  if (!MODEL_KINDS.includes(kind as ModelKind))
    throw new UsageError(
      `unknown model kind ${JSON.stringify(kind)} (kinds: ${MODEL_KINDS.join(', ')})`,
    );
  if (flags.task && !['binary', 'multiclass', 'regression'].includes(flags.task))
    throw new UsageError(`--task ${flags.task}: use binary, multiclass or regression`);
  if (flags.learner !== 'auto' && !LEARNERS[flags.learner])
    throw new UsageError(
      `--learner ${flags.learner}: use auto, ${Object.keys(LEARNERS).join(', ')}`,
    );
  if (flags.holdoutFraction !== undefined && flags.holdoutAfter !== undefined)
    throw new UsageError('give --holdout-fraction or --holdout-after, not both');
  const holdoutFraction =
    flags.holdoutFraction === undefined ? undefined : Number(flags.holdoutFraction);
  if (holdoutFraction !== undefined && !(holdoutFraction >= 0 && holdoutFraction < 1))
    throw new UsageError(`--holdout-fraction ${flags.holdoutFraction}: use a number in [0, 1)`);
  const folds = Number(flags.folds);
  const seed = Number(flags.seed);
  if (!Number.isInteger(folds) || folds < 2)
    throw new UsageError(`--folds ${flags.folds}: use an integer ≥ 2`);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed ${flags.seed}: use an integer`);
  const budget = flags.timeBudget === undefined ? undefined : Number(flags.timeBudget);
  if (budget !== undefined && !(budget > 0))
    throw new UsageError(`--time-budget ${flags.timeBudget}: use a number of seconds > 0`);
  const candidates = flags.learner === 'auto' ? Object.keys(LEARNERS) : [flags.learner];
  let params: Record<string, Record<string, unknown>>;
  try {
    params = learnerParams(candidates, flags.param);
  } catch (err) {
    throw new UsageError(`--param: ${(err as Error).message}`);
  }
  let options: KindOptions;
  try {
    options = {
      table: flags.table,
      learner: flags.learner,
      params,
      folds,
      seed,
      codeVersion: packageVersion(),
      ...(flags.target !== undefined ? { target: flags.target } : {}),
      ...(flags.positive !== undefined ? { positive: flags.positive } : {}),
      ...(flags.task ? { task: flags.task as CustomTask } : {}),
      ...(flags.id ? { id: flags.id } : {}),
      ...(flags.time ? { time: flags.time } : {}),
      ...(flags.amount ? { amount: flags.amount } : {}),
      ...(flags.item ? { item: flags.item } : {}),
      ...(flags.events ? { events: flags.events } : {}),
      ...(flags.attributes ? { attributes: flags.attributes } : {}),
      ...(flags.holidays ? { holidays: flags.holidays } : {}),
      ...(flags.rul ? { rul: true } : {}),
      ...(flags.search ? { search: true } : {}),
      ...(flags.exclude ? { exclude: flags.exclude.split(',').map((x) => x.trim()) } : {}),
      ...(flags.cutoff ? { cutoff: parseDay(flags.cutoff, '--cutoff') } : {}),
      ...(flags.horizon ? { horizon: parseHorizon(flags.horizon) } : {}),
      ...(holdoutFraction !== undefined ? { holdoutFraction } : {}),
      ...(flags.holdoutAfter
        ? { holdoutAfter: parseDay(flags.holdoutAfter, '--holdout-after') }
        : {}),
      ...(budget !== undefined ? { timeBudgetSeconds: budget } : {}),
      ...(flags.thresholdRule ? { thresholdRule: parseThresholdRule(flags.thresholdRule) } : {}),
      ...(flags.name ? { name: validName(flags.name) } : {}),
    };
  } catch (err) {
    throw err instanceof UsageError ? err : new UsageError((err as Error).message);
  }
  const ws = openWorkspace(flags.workspace);
  try {
    ws.requireDataset(flags.table);
    const ctx = candidates.includes('mlp') ? { tf: (await initTensorflow()).tf } : {};
    const tty = process.stderr.isTTY && !flags.json;
    const signal = interruptSignal();
    const saved = await trainAndRegister(
      ws,
      kind,
      { kind, ...flags },
      (onProgress) => trainKind(ws, kind as ModelKind, { ...options, ctx, signal, onProgress }),
      (p) => {
        if (!tty) return;
        const where = [p.candidate, p.fold ? `fold ${p.fold}/${p.folds}` : '']
          .filter(Boolean)
          .join(' ');
        const pct = p.fraction !== undefined ? ` ${Math.round(p.fraction * 100)}%` : '';
        process.stderr.write(`\r${p.stage}${where ? `: ${where}` : ''}${pct}\x1b[K`);
      },
    );
    if (tty) process.stderr.write('\r\x1b[K');
    if (flags.json) {
      const t = saved.trained;
      printJson({
        ok: true,
        name: saved.name,
        version: saved.version,
        kind,
        learner: t.artifact.learner ?? null,
        rows: t.rows,
        notes: t.notes,
        leaderboard: t.leaderboard,
        metrics: t.metrics,
        ...(t.artifact.decision
          ? { threshold: t.artifact.decision.threshold, thresholdRule: t.artifact.decision.rule }
          : {}),
      });
    } else process.stdout.write(render(saved));
  } finally {
    ws.close();
  }
}

const fmt = (v: number) =>
  Number.isFinite(v) ? (Math.abs(v) >= 1000 ? v.toFixed(0) : v.toPrecision(4)) : '—';

function render(s: SavedModel): string {
  const t = s.trained;
  const a = t.artifact;
  const rows = Object.entries(t.rows)
    .map(([k, v]) => `${v.toLocaleString('en-US')} ${k}`)
    .join(', ');
  const lines = [
    `Trained ${a.kind} model "${s.name}" version ${s.version} (${a.task}${a.target?.positive !== undefined ? `, positive: ${a.target.positive}` : ''}; ${rows}).`,
  ];
  for (const n of t.notes) lines.push(`  ${n}`);
  if (t.leaderboard.length > 0) {
    lines.push(
      '',
      `Leaderboard (${t.leaderboard[0]!.metric}, ${a.kind === 'demand' ? 'rolling-origin backtest' : 'cross-validated on the training rows'}):`,
    );
    lines.push(
      table(
        ['rank', 'learner', t.leaderboard[0]!.metric, '± std', 'seconds', 'status'],
        t.leaderboard.map((l) => [
          l.rank > 0 ? String(l.rank) : '—',
          l.learner,
          fmt(l.mean),
          fmt(l.std),
          l.trainSeconds.toFixed(1),
          l.status,
        ]),
      ),
    );
  }
  if (Object.keys(t.metrics).length > 0) {
    lines.push('', `Held-out metrics${a.learner ? ` of the best (${a.learner})` : ''}:`);
    lines.push(
      table(
        ['metric', 'value'],
        Object.entries(t.metrics).map(([k, v]) => [k, fmt(v)]),
      ),
    );
  }
  if (a.decision)
    lines.push(
      '',
      `Decision threshold ${a.decision.threshold.toFixed(3)} by rule ${a.decision.rule.rule}; risk levels from ${a.decision.riskCuts.map((c) => c.toFixed(3)).join(' / ')}.`,
    );
  lines.push('', `Registered as ${s.name}@${s.version}; see \`sightline models\`.`);
  return `${lines.join('\n')}\n`;
}

/** The --name, checked before any training starts (the registry checks it again on write). */
function validName(name: string): string {
  checkModelName(name);
  return name;
}
