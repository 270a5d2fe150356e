// sightline open: the UI in a browser, no Electron. Starts the loopback web host (cli/host/web.ts)
// on a workspace and opens the page; without --workspace, the sample workspace, built on first use.
import type { Command } from 'commander';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startWebHost } from '../host/web.js';
import { fail, UsageError } from '../output.js';
import { sightlineHome } from '../paths.js';

interface OpenFlags {
  workspace?: string;
  port?: string;
  open?: boolean;
}

export function registerOpen(program: Command): void {
  program
    .command('open')
    .description('open the Sightline UI in your browser (a loopback web host with a session token)')
    .option(
      '-w, --workspace <file>',
      'workspace file (default: the sample workspace, $SIGHTLINE_HOME/sample.sightline)',
    )
    .option('--port <n>', 'port on 127.0.0.1 (default: any free port)')
    .option('--no-open', 'do not start a browser; print the URL')
    .action(async (flags: OpenFlags) => {
      try {
        await runOpen(flags);
      } catch (err) {
        fail(err, false);
      }
    });
}

async function runOpen(flags: OpenFlags): Promise<void> {
  const port = flags.port === undefined ? 0 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port ${flags.port}: expected a port number`);
  const sample = flags.workspace === undefined;
  const workspacePath = flags.workspace ?? join(sightlineHome(), 'sample.sightline');
  if (sample) mkdirSync(dirname(workspacePath), { recursive: true });
  else if (!existsSync(workspacePath))
    process.stdout.write(`Creating a new workspace at ${workspacePath}\n`);
  const host = await startWebHost({ workspacePath, port, host: '127.0.0.1' });
  const info = (await host.engine.call('workspace.info', {})) as { tables: number };
  if (sample && info.tables === 0) {
    // The page shows this job's progress on Home.
    await host.engine.call('sample.open', {});
    process.stdout.write(`Building the sample workspace at ${workspacePath} (first use)\n`);
  }
  process.stdout.write(`Sightline is at ${host.url}\n`);
  if (flags.open === false)
    process.stdout.write('Open that address in a browser on this machine. Ctrl-C stops it.\n');
  else {
    launchBrowser(host.url);
    process.stdout.write('Opened it in your browser. Ctrl-C stops the server.\n');
  }
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  process.stdout.write('\nStopping…\n');
  await host.close();
}

function launchBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () =>
    process.stderr.write(`sightline: could not start a browser (${cmd}); open ${url} yourself\n`),
  );
  child.unref();
}
