// Where things are: the package root (for the committed sample data) and the user's data folder.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding Sightline's package.json, whether running from source or from dist/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (
      existsSync(pkg) &&
      (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'sightline'
    )
      return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the sightline package root');
    dir = up;
  }
}

/** Sightline's own folder for the sample workspace: $SIGHTLINE_HOME or ~/.sightline. */
export function sightlineHome(): string {
  return process.env.SIGHTLINE_HOME ?? join(homedir(), '.sightline');
}

export function packageVersion(): string {
  return (
    JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }
  ).version;
}
