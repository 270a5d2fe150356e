// How commands speak: one JSON document on stdout with --json, readable text otherwise, and errors
// on stderr with a non-zero exit status.
import { ImportError } from '../core/node/import/errors.js';
import { WorkspaceError } from '../core/node/workspace/errors.js';

/** Exit statuses: 1 for a failure in the data or the workspace, 2 for a usage error, 130 when cancelled. */
export const EXIT = { failure: 1, usage: 2, cancelled: 130 } as const;

export class UsageError extends Error {
  override name = 'UsageError';
}

export function printJson(value: unknown): void {
  process.stdout.write(
    `${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`,
  );
}

export function fail(err: unknown, json: boolean): never {
  const e = err as Error;
  const code =
    err instanceof UsageError ? EXIT.usage : isCancel(err) ? EXIT.cancelled : EXIT.failure;
  // Messages are written for users; SIGHTLINE_DEBUG=1 adds the stack of unexpected errors.
  const known =
    err instanceof ImportError || err instanceof WorkspaceError || err instanceof UsageError;
  const message =
    known || isCancel(err) || !process.env.SIGHTLINE_DEBUG
      ? (e?.message ?? String(err))
      : (e?.stack ?? String(err));
  if (json) {
    const detail: Record<string, unknown> = { message: e?.message ?? String(err) };
    if (err instanceof ImportError || err instanceof WorkspaceError) detail.code = err.code;
    if (err instanceof ImportError) Object.assign(detail, err.where);
    printJson({ ok: false, error: detail });
  }
  process.stderr.write(`sightline: ${message}\n`);
  process.exit(code);
}

function isCancel(err: unknown): boolean {
  return (
    (err instanceof ImportError && err.code === 'cancelled') ||
    (err as Error)?.name === 'ProfileCancelled' ||
    (err as Error)?.name === 'TrainingCancelled'
  );
}

/** An AbortSignal that fires on Ctrl-C, so long work rolls back and exits cleanly. */
export function interruptSignal(): AbortSignal {
  const ac = new AbortController();
  process.once('SIGINT', () => {
    process.stderr.write('\nsightline: cancelling…\n');
    ac.abort();
  });
  return ac.signal;
}

/** Renders rows as an aligned text table. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
