// sightline drift: new data against the reference profile a model carries; the report is stored
// in the workspace (sl_drift_reports) when there is one.
import type { Command } from 'commander';
import type { FeatureDrift } from '../../core/common/drift/index.js';
import { Registry } from '../../core/node/registry/registry.js';
import { now } from '../../core/node/workspace/workspace.js';
import { modelDrift } from '../../models/drift.js';
import { openSource, optionalWorkspace, resolveModel } from '../model-source.js';
import { fail, interruptSignal, printJson, table, UsageError } from '../output.js';
import { parseDay } from './train.js';

interface Flags {
  workspace?: string;
  model: string;
  table?: string;
  input?: string;
  timeCol?: string;
  window?: string;
  cutoff?: string;
  json?: boolean;
}

export function registerDrift(program: Command): void {
  program
    .command('drift')
    .description("compare new data with a model's training data: per feature, predictions, dataset")
    .requiredOption('-m, --model <model>', 'registry name[@version] or an exported artifact file')
    .option('-w, --workspace <file>', 'workspace file (the report is stored there)')
    .option('-t, --table <name>', 'workspace table to check')
    .option('-i, --input <file>', 'a file to check')
    .option('--time-col <column>', 'a date column that splits the rows into windows')
    .option(
      '--window <size>',
      'day | week | month: a timeline (tables: with --time-col, default week; telemetry and sales use their own time)',
    )
    .option('--cutoff <date>', 'YYYY-MM-DD: transaction logs are profiled as of this date')
    .option('--json', 'print one JSON document')
    .action(async (flags: Flags) => {
      try {
        await runDrift(flags);
      } catch (err) {
        fail(err, flags.json === true);
      }
    });
}

const fmt = (v: number | undefined) =>
  v === undefined || !Number.isFinite(v)
    ? '—'
    : Math.abs(v) < 1e-3 && v !== 0
      ? v.toExponential(1)
      : v.toFixed(3);

async function runDrift(flags: Flags): Promise<void> {
  if (!['day', 'week', 'month'].includes(flags.window ?? 'week'))
    throw new UsageError(`--window ${flags.window}: use day, week or month`);
  const ws = optionalWorkspace(flags.workspace);
  try {
    const model = resolveModel(flags.model, ws);
    let evaluation: unknown;
    if (ws && model.version !== null) {
      try {
        evaluation = new Registry(ws).get(model.ref).evaluation;
      } catch {
        evaluation = undefined;
      }
    }
    const opened = await openSource(ws, flags, interruptSignal());
    let result;
    try {
      result = modelDrift(
        model.artifact,
        opened.source,
        {
          ...(flags.timeCol ? { timeColumn: flags.timeCol } : {}),
          ...(flags.window || flags.timeCol
            ? { window: (flags.window ?? 'week') as 'day' | 'week' | 'month' }
            : {}),
          ...(flags.cutoff ? { cutoff: parseDay(flags.cutoff, '--cutoff') } : {}),
        },
        evaluation,
      );
    } finally {
      opened.close();
    }
    const source = flags.table ? `table ${flags.table}` : (flags.input ?? '');
    let reportId: number | null = null;
    if (ws) {
      reportId = Number(
        ws.db
          .prepare(
            `INSERT INTO sl_drift_reports (model, version, source, rows, verdict, report, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            model.artifact.name,
            model.version,
            source,
            result.rows,
            result.report.verdict,
            JSON.stringify(result),
            now(),
          ).lastInsertRowid,
      );
    }
    if (flags.json) {
      printJson({ ok: true, model: model.ref, source, reportId, ...result });
      return;
    }
    const r = result.report;
    const row = (f: FeatureDrift) => [
      f.name,
      f.method,
      fmt(f.score),
      fmt(f.threshold),
      fmt(f.psi),
      f.missing.flagged ? `${fmt(f.missing.reference)} → ${fmt(f.missing.current)}` : '',
      f.verdict,
    ];
    const lines = [
      `Drift of ${source} (${r.rows.toLocaleString('en-US')} rows) against ${model.ref}'s training data: ${r.verdict.toUpperCase()}.`,
      `${(r.dataset.share * 100).toFixed(0)} % of features drift${r.dataset.weighted ? ' (weighted by importance)' : ''}; the dataset drifts at ${(r.dataset.threshold * 100).toFixed(0)} %.${
        r.prediction?.verdict === 'drift'
          ? ` The predictions drift (PSI ${fmt(r.prediction.psi)})${r.dataset.drift ? '' : ', which alone makes the verdict DRIFT'}.`
          : ''
      }`,
      '',
      table(
        ['feature', 'method', 'score', 'threshold', 'psi', 'missing', 'verdict'],
        [
          ...[...r.features].sort((a, b) => order(b.verdict) - order(a.verdict)).map(row),
          ...(r.prediction ? [row({ ...r.prediction, name: '(prediction)' })] : []),
        ],
      ),
    ];
    if (result.timeline) {
      lines.push('', `By ${result.timeline.window}:`);
      lines.push(
        table(
          [
            'window',
            'rows',
            'drifting features',
            'verdict',
            ...(result.timeline.baseline !== undefined ? ['metric'] : []),
          ],
          result.timeline.windows.map((w) => [
            w.label,
            String(w.rows),
            String(w.report.dataset.drifting.length),
            w.report.verdict,
            ...(result.timeline!.baseline !== undefined ? [fmt(w.metric)] : []),
          ]),
        ),
      );
      lines.push(
        '',
        result.timeline.retrain
          ? `Retrain: ${result.timeline.reasons.join('; ')}.`
          : 'No retraining needed by the rule.',
      );
    }
    if (reportId !== null) lines.push('', `Stored as drift report ${reportId} in the workspace.`);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    ws?.close();
  }
}

function order(v: string): number {
  return v === 'drift' ? 2 : v === 'watch' ? 1 : 0;
}
