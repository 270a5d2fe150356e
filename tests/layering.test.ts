// The layering table of ARCHITECTURE.md is enforced by lint: these cases must be rejected.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [res] = await eslint.lintText(code, { filePath });
  return res!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering', () => {
  it.each([
    ['core/common/x.ts', `import { readFileSync } from 'node:fs';\nexport const x = readFileSync;`],
    ['core/common/x.ts', `import { readFileSync } from 'fs';\nexport const x = readFileSync;`],
    ['core/common/x.ts', `import Database from 'better-sqlite3';\nexport const x = Database;`],
    [
      'core/common/x.ts',
      `import { Workspace } from '../node/workspace/workspace.js';\nexport const x = Workspace;`,
    ],
    [
      'renderer/src/x.ts',
      `import { Workspace } from '../../core/node/workspace/workspace.js';\nexport const x = Workspace;`,
    ],
    ['renderer/src/x.ts', `import { join } from 'node:path';\nexport const x = join;`],
    ['renderer/src/x.ts', `import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;`],
    [
      'renderer/src/x.ts',
      `import { x as y } from '../../electron/preload.js';\nexport const x = y;`,
    ],
    ['core/node/x.ts', `import { y } from '../../cli/main.js';\nexport const x = y;`],
  ])('rejects %s: %s', async (path, code) => {
    expect(await restricted(path, code)).not.toEqual([]);
  });

  it.each([
    [
      'core/node/x.ts',
      `import { readFileSync } from 'node:fs';\nimport { COLUMN_TYPES } from '../common/schema.js';\nexport const x = [readFileSync, COLUMN_TYPES];`,
    ],
    [
      'renderer/src/x.ts',
      `import { COLUMN_TYPES } from '../../core/common/schema.js';\nexport const x = COLUMN_TYPES;`,
    ],
  ])('allows %s', async (path, code) => {
    expect(await restricted(path, code)).toEqual([]);
  });
});
