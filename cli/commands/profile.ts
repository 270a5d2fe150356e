// sightline profile T: per-column statistics of a table (stored; --refresh recomputes).
import type { Command } from 'commander';
import type { ColumnProfile } from '../../core/common/stats/index.js';
import { profileTable, type TableProfile } from '../../core/node/profile.js';
import { fail, interruptSignal, printJson, table } from '../output.js';
import { formatCount, progressBar } from '../progress.js';
import { openWorkspace } from '../workspace-option.js';

export function registerProfile(program: Command): void {
  program
    .command('profile')
    .description(
      'profile the columns of a table: missing, distinct, range, mean, quantiles, histogram, top values',
    )
    .argument('<table>', 'table name')
    .option('-w, --workspace <file>', 'workspace file')
    .option('--refresh', 'recompute even when a stored profile exists')
    .option('--json', 'print one JSON document')
    .action(
      async (name: string, flags: { workspace?: string; refresh?: boolean; json?: boolean }) => {
        try {
          const ws = openWorkspace(flags.workspace);
          try {
            const bar = progressBar('profiling');
            const result = await profileTable(ws, name, {
              refresh: flags.refresh === true,
              signal: interruptSignal(),
              onProgress: (p) => bar.update(p.rows, p.total, `${formatCount(p.rows)} rows`),
            });
            bar.done();
            if (flags.json) printJson({ ok: true, ...result });
            else process.stdout.write(renderProfile(result));
          } finally {
            ws.close();
          }
        } catch (err) {
          fail(err, flags.json === true);
        }
      },
    );
}

export function renderProfile(p: TableProfile): string {
  const rows = p.columns.map((c) => {
    const pr = c.profile;
    return [
      c.name,
      c.type + (c.idLike ? ' (id)' : ''),
      pct(pr.missing, pr.count),
      (pr.distinctExact ? '' : '~') + formatCount(pr.distinct),
      summary(pr),
    ];
  });
  return `Table "${p.table}": ${formatCount(p.rows)} rows, profiled ${p.profiledAt.slice(0, 19).replace('T', ' ')}\n\n${table(
    ['column', 'type', 'missing', 'distinct', 'summary'],
    rows,
  )}\n`;
}

function pct(n: number, d: number): string {
  return d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`;
}

function fmt(v: unknown): string {
  if (typeof v !== 'number') return String(v);
  if (Number.isInteger(v)) return String(v);
  const abs = Math.abs(v);
  if (abs >= 1e6 || abs < 1e-3) return v.toExponential(3);
  return String(Number(v.toPrecision(4)));
}

function summary(pr: ColumnProfile): string {
  const present = pr.count - pr.missing;
  if (present > 1 && pr.distinctExact && pr.distinct === present && pr.lengths) {
    return `all values distinct; length ${pr.lengths.min}-${pr.lengths.max}`;
  }
  if (
    pr.top &&
    pr.top.length > 0 &&
    (pr.type === 'categorical' || pr.type === 'boolean' || pr.type === 'text')
  ) {
    return pr.top
      .slice(0, 4)
      .map(
        (t) =>
          `${t.value.length > 16 ? `${t.value.slice(0, 15)}…` : t.value} ${pct(t.count, pr.count - pr.missing)}`,
      )
      .join(', ');
  }
  if (pr.min === undefined) return '';
  const parts = [`min ${fmt(pr.min)}`];
  if (pr.quantiles) parts.push(`median ${fmt(pr.quantiles.p50)}`);
  if (pr.mean !== undefined) parts.push(`mean ${fmt(pr.mean)}`);
  parts.push(`max ${fmt(pr.max)}`);
  return parts.join(', ');
}
