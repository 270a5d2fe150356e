// Runs the `sightline` command line from source, as a user would, in a child process.
import { spawnSync } from 'node:child_process';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  json: () => Record<string, unknown>;
}

export function sightline(args: string[], env: Record<string, string> = {}): CliResult {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    status: res.status,
    stdout: res.stdout,
    stderr: res.stderr,
    json: () => JSON.parse(res.stdout) as Record<string, unknown>,
  };
}
