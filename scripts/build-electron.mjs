// Builds the desktop shell (electron/ → dist/electron) when the electron package is installed.
// It is an optional dependency: where its binary download fails (no network), npm leaves it out,
// and there is nothing to build against — the CLI and web mode do not need it.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const check = process.argv.includes('--check');
function resolveTypes() {
  try {
    return require.resolve('electron/electron.d.ts');
  } catch {
    return null;
  }
}
const types = resolveTypes();
if (!types || !existsSync(types)) {
  console.log(
    'electron: not installed here; the desktop shell is not built (web mode works without it)',
  );
  process.exit(0);
}
const tsc = require.resolve('typescript/bin/tsc');
execFileSync(
  process.execPath,
  [tsc, '-p', 'tsconfig.electron.json', ...(check ? ['--noEmit'] : [])],
  {
    stdio: 'inherit',
  },
);
if (!check) {
  mkdirSync('dist/electron', { recursive: true });
  copyFileSync('electron/preload.cjs', 'dist/electron/preload.cjs');
}
