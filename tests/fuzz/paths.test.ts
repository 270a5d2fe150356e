// Paths given to export and predict cannot be steered by model or table names: output goes
// exactly where --out / --output / -o points, no file name is derived from a model or table name,
// and names that look like paths ("../../etc/x", absolute paths, NUL) stay names.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tableNameFromPath } from '../../core/node/import/headers.js';
import { importFile } from '../../core/node/import/importer.js';
import { Registry } from '../../core/node/registry/registry.js';
import { Workspace } from '../../core/node/workspace/workspace.js';
import { createServer } from '../../core/node/serve/server.js';
import { DirStore } from '../../core/node/serve/store.js';
import { tableEngine } from '../../cli/commands/serve.js';
import { artifactFileText, readArtifactFile } from '../../models/export/artifact-file.js';
import { sightline } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { fixtureText, validRecord } from './targets.js';

const root = tempDir('sightline-fuzz-paths-');
// Everything happens two levels down, so "../../x" from the working folder stays inside root.
const base = join(root, 'a', 'b');
const out = join(base, 'out');
mkdirSync(out, { recursive: true });
const HOSTILE = ['../../escaped', '/tmp/abs-escaped', '..\\..\\win-escaped', 'nul\u0000byte'];

/** Every file under root, relative, sorted. */
function files(dir = root, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
    )
    .sort();
}

function workspaceWithModels(): string {
  const path = join(base, 'w.sightline');
  const ws = Workspace.open(path, { create: true });
  const rec = JSON.parse(fixtureText('glm')) as Record<string, unknown> & {
    artifact: Record<string, unknown>;
  };
  // New names are checked (checkModelName refuses all of these); a workspace written before that
  // check may still hold them, so they are given safe names and renamed in SQL afterwards.
  for (const [i, name] of HOSTILE.entries()) {
    expect(() =>
      new Registry(ws).addVersion({
        name,
        kind: 'churn',
        artifact: { ...rec.artifact, name },
        metrics: {},
        params: rec.params,
        leaderboard: [],
        evaluation: null,
        dataFingerprint: 'x',
        seed: 1,
        codeVersion: 'dev',
      }),
    ).toThrow('model name');
    new Registry(ws).addVersion({
      name: `legacy${i}`,
      kind: 'churn',
      artifact: { ...rec.artifact, name },
      metrics: {},
      params: rec.params,
      leaderboard: [],
      evaluation: null,
      dataFingerprint: 'x',
      seed: 1,
      codeVersion: 'dev',
    });
    ws.db.prepare(`UPDATE sl_models SET name = ? WHERE name = ?`).run(name, `legacy${i}`);
  }
  ws.close();
  return path;
}

describe('paths: output goes exactly where the user points', () => {
  const ws = workspaceWithModels();

  it('models export and export --format json/scorer write only the named file', () => {
    const before = files();
    const written: string[] = [];
    for (const [k, name] of HOSTILE.slice(0, 3).entries()) {
      const target = join(out, `m${k}.json`);
      const r = sightline([
        'models',
        'export',
        `${name}@1`,
        '-o',
        target,
        '--workspace',
        ws,
        '--json',
      ]);
      expect(r.status, r.stderr).toBe(0);
      expect(readArtifactFile(readFileSync(target, 'utf8'), target).name).toBe(name);
      written.push(`a/b/out/m${k}.json`);
    }
    const e = sightline([
      'export',
      '--model',
      `${HOSTILE[0]}@1`,
      '--format',
      'json',
      '--out',
      join(out, 'e.json'),
      '--workspace',
      ws,
      '--json',
    ]);
    expect(e.status, e.stderr).toBe(0);
    written.push('a/b/out/e.json');
    // The workspace's WAL files may come and go; nothing else may appear, anywhere under root.
    const now = files().filter((f) => !/-(wal|shm)$/.test(f));
    expect(now).toEqual([...before.filter((f) => !/-(wal|shm)$/.test(f)), ...written].sort());
    expect(existsSync('/tmp/abs-escaped')).toBe(false);
  });

  it('a model name with a NUL byte is only a name: exported under the path given, name kept inside', () => {
    // A command line cannot carry NUL (Node refuses it before the child starts): in process.
    const w = Workspace.open(ws);
    try {
      const { evaluation: _e, ...record } = new Registry(w).get(`${HOSTILE[3]}@1`);
      const target = join(out, 'nul.json');
      writeFileSync(target, artifactFileText(record));
      expect(readArtifactFile(readFileSync(target, 'utf8'), target).name).toBe(HOSTILE[3]);
      expect(files().filter((f) => f.includes('nul'))).toEqual(['a/b/out/nul.json']);
    } finally {
      w.close();
    }
  });

  it('predict --output writes exactly the named file, even for a model named like a path', () => {
    const input = join(base, 'rows.csv');
    const rec = validRecord();
    writeFileSync(input, `${Object.keys(rec).join(',')}\n${Object.values(rec).join(',')}\n`);
    const model = join(out, 'm0.json'); // the export of "../../escaped" above
    const target = join(out, 'pred.csv');
    const r = sightline([
      'predict',
      '--model',
      model,
      '--input',
      input,
      '--output',
      target,
      '--json',
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(target)).toBe(true);
    expect(files().some((f) => f.includes('escaped') && !f.startsWith('a/b/out/'))).toBe(false);
  });
});

describe('paths: names never become file paths', () => {
  it('serve --models DIR: names from the URL are looked up, never opened as files', async () => {
    const dir = join(base, 'served');
    mkdirSync(dir, { recursive: true });
    const rec = JSON.parse(fixtureText('glm')) as { artifact: Record<string, unknown> };
    writeFileSync(
      join(dir, 'x.json'),
      JSON.stringify({ ...rec, artifact: { ...rec.artifact, name: '../../etc/passwd' } }),
    );
    const app = createServer({ store: new DirStore(dir, tableEngine), engine: tableEngine });
    try {
      const hit = await app.inject({
        method: 'POST',
        url: '/predict/..%2F..%2Fetc%2Fpasswd',
        payload: validRecord(),
      });
      expect(hit.statusCode).toBe(200); // the model of that name, from memory
      for (const name of [
        '..%2Fserved%2Fx',
        '..%2F..%2F..%2Fetc%2Fhostname',
        '%2Fetc%2Fpasswd',
        'x.json',
        'x',
      ]) {
        const r = await app.inject({
          method: 'POST',
          url: `/predict/${name}`,
          payload: validRecord(),
        });
        expect(r.statusCode, name).toBe(404);
      }
    } finally {
      await app.close();
    }
  });

  it('table names from file names keep no directory part (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('..', '.', 'etc', 'x', '', 'a b', '\u0000', 'C:'), {
          maxLength: 5,
        }),
        fc.constantFrom('/', '\\'),
        fc.constantFrom('.csv', '.csv.gz', '.tsv', ''),
        (parts, sep, ext) => {
          const name = tableNameFromPath(`${parts.join(sep)}${ext}`);
          expect(name).not.toMatch(/[\\/]/);
        },
      ),
      { seed: 3, numRuns: 300 },
    );
  });

  it('table names like paths are only SQL names; NUL is refused with a clear error', async () => {
    const ws = Workspace.open(join(base, 't.sightline'), { create: true });
    try {
      const csv = join(base, 'small.csv');
      writeFileSync(csv, 'a,b\n1,2\n');
      for (const table of ['../../etc/x', '/abs/x', 'C:\\x']) {
        await importFile(ws, csv, { table });
        expect(ws.tableExists(table)).toBe(true);
      }
      await expect(importFile(ws, csv, { table: 'bad\u0000name' })).rejects.toThrow(/NUL/);
      expect(files().some((f) => /etc|abs|C:/.test(f))).toBe(false);
    } finally {
      ws.close();
    }
  });
});
