// The same first session as journey.spec.ts, through the desktop shell (Playwright's Electron
// support): the window, the preload's typed global, the engine in a utilityProcess. Electron is
// an optional dependency whose binary download fails without network; where it is missing, the
// test is skipped and says why.
import { _electron as electron, test } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { churnJourney } from './journey-steps.js';

const MAIN = resolve('dist/electron/main.js');

/** The Electron binary, or why there is none. */
function electronBinary(): { path: string } | { missing: string } {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    if (typeof path === 'string' && existsSync(path)) return { path };
    return { missing: 'the electron package is installed but its binary is not' };
  } catch (err) {
    return {
      missing: `no Electron binary (${(err as Error).message.split('\n')[0]}); it is an optional dependency whose download needs network`,
    };
  }
}

const binary = electronBinary();
const reason =
  'missing' in binary
    ? binary.missing
    : existsSync(MAIN)
      ? undefined
      : `${MAIN} is not built (npm run build builds it where electron is installed)`;
if (reason) console.log(`electron journey skipped: ${reason}`);
test.skip(reason !== undefined, reason ?? '');

test('the desktop shell: the same journey as web mode', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sightline-electron-'));
  mkdirSync(join(dir, 'user-data'));
  const app = await electron.launch({
    ...('path' in binary ? { executablePath: binary.path } : {}),
    args: [
      MAIN,
      `--workspace=${join(dir, 'e2e.sightline')}`,
      `--user-data-dir=${join(dir, 'user-data')}`,
    ],
  });
  try {
    const page = await app.firstWindow();
    await churnJourney(page, { dir, shots: 'test-results/screenshots/electron' });
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
