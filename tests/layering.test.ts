// The layering table of ARCHITECTURE.md is enforced by lint: these cases must be rejected.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

describe('layering of Svelte components', () => {
  // ESLint has no Svelte parser here, so each component's <script> is linted as the TypeScript
  // module it compiles to, under the renderer's rules.
  const files = readdirSync('renderer', { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.svelte'))
    .map((f) => join('renderer', f));

  it('finds the components', () => {
    expect(files.length).toBeGreaterThan(3);
  });

  it.each(files)('%s imports only what the renderer may', async (file) => {
    const text = readFileSync(file, 'utf8');
    const scripts = [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    const code = `${
      scripts
        .join('\n')
        .match(/^\s*import[\s\S]*?from\s+['"][^'"]+['"];?/gm)
        ?.join('\n') ?? ''
    }\nexport {};`;
    expect(await restricted(file.replace(/\.svelte$/, '.svelte.ts'), code)).toEqual([]);
  });
});
