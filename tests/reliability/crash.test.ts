// Crash safety as a user meets it: the real CLI killed with SIGKILL mid-operation (a few seeds
// here; `npm run test:crash` runs hundreds), a full disk, a read-only workspace, and two
// processes writing one workspace. See docs/reliability.md.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  statSync,
  writeFileSync,
  chmodSync,
} from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256File, tempDir } from '../helpers/tmp.js';
import {
  buildTemplate,
  formatReport,
  inspect,
  runCli,
  runCrashHarness,
  type Summary,
  type Template,
} from './crash-harness.js';

const dir = tempDir('sightline-crash-test-');
let template: Template;

beforeAll(async () => {
  template = await buildTemplate(join(dir, 'template'), 20_000);
}, 180_000);

let copies = 0;
function copyOfTemplate(where = dir): string {
  const ws = join(where, `copy-${++copies}.sightline`);
  copyFileSync(template.workspace, ws);
  return ws;
}

/** The workspace as the next open sees it; fails the test on any broken invariant. */
function look(ws: string, files: string[] = []): Summary {
  const problems: string[] = [];
  const s = inspect(ws, files, problems);
  expect(problems).toEqual([]);
  return s!;
}

/** Mounts a tmpfs of `kb` KiB at `at`; the reason it cannot, or null. */
function mountTmpfs(at: string, kb: number): string | null {
  if (process.platform !== 'linux') return 'tmpfs mounts need Linux';
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root';
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${kb}k`, 'tmpfs', at], {
    encoding: 'utf8',
  });
  if (r.error || r.status !== 0)
    return `mount -t tmpfs is not permitted here (${(r.stderr || r.error?.message || '').trim()})`;
  return null;
}

function unmount(at: string): void {
  spawnSync('umount', [at]);
}

const BUSY = /the workspace is busy: another process is writing to it/;

describe('crash safety', () => {
  it('keeps every committed table, model and export through SIGKILLs at random points', async () => {
    const report = await runCrashHarness({
      kills: 10,
      seed: 1000,
      template,
      dir: join(dir, 'kills'),
      concurrency: 2,
      variants: [
        'import into a new workspace',
        'import replace',
        'profile events',
        'train leads@3',
        'promote leads@2',
        'export json over an older file',
      ],
    });
    console.log(`crash harness (${report.seconds.toFixed(0)} s):\n${formatReport(report)}`);
    expect(report.details).toEqual([]);
    expect(report.losses).toBe(0);
    expect(report.kills).toBeGreaterThan(0);
  }, 400_000);

  it('on a full disk, fails naming the workspace and leaves it as it was', async (ctx) => {
    const mnt = join(dir, 'full');
    mkdirSync(mnt);
    const kb = Math.ceil(statSync(template.workspace).size / 1024) + 256;
    const why = mountTmpfs(mnt, kb);
    if (why) {
      console.log(`skipped the full-disk test: ${why}`);
      ctx.skip(why);
    }
    try {
      const ws = join(mnt, 'w.sightline');
      copyFileSync(template.workspace, ws);
      const before = look(ws);
      // 20,000 rows need about 1.5 MB; the disk has 256 KB left.
      const r = await runCli(['import', template.events, '-w', ws, '--table', 'more']);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toContain(ws);
      expect(r.stderr).toMatch(/the disk is full/);
      const after = look(ws);
      expect(after.entries).toEqual(before.entries);
      for (const [id, state] of after.jobs)
        if (!before.jobs.has(id)) expect(state).toMatch(/^import (failed|interrupted)$/);
      expect(readdirSync(mnt)).toEqual(['w.sightline']);

      // An export onto the full disk: no file, no temporary file, no sl_exports row.
      let n = 0;
      try {
        for (;;) writeFileSync(join(mnt, `filler-${n++}`), Buffer.alloc(64 * 1024));
      } catch (err) {
        expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
      }
      const home = copyOfTemplate();
      const exportsBefore = look(home).entries;
      const out = join(mnt, 'model.json');
      const e = await runCli(['export', '-m', 'leads@1', '-f', 'json', '-o', out, '-w', home]);
      expect(e.status, e.stderr).toBe(1);
      expect(e.stderr).toContain(out);
      expect(e.stderr).toMatch(/the disk is full/);
      expect(readdirSync(mnt).filter((f) => !f.startsWith('filler-'))).toEqual(['w.sightline']);
      expect(look(home).entries).toEqual(exportsBefore);
    } finally {
      unmount(mnt);
    }
  }, 120_000);

  it('exporting to /dev/full fails clearly and records nothing', async (ctx) => {
    if (!existsSync('/dev/full')) ctx.skip('no /dev/full on this system');
    const ws = copyOfTemplate();
    const before = look(ws).entries;
    const e = await runCli(['export', '-m', 'leads@1', '-f', 'json', '-o', '/dev/full', '-w', ws]);
    expect(e.status, e.stderr).toBe(1);
    expect(e.stderr).toMatch(/\/dev\/full: could not write the file: the disk is full \(ENOSPC\)/);
    expect(look(ws).entries).toEqual(before);
  }, 60_000);

  it('on a read-only workspace, every write fails clearly and nothing changes', async (ctx) => {
    const mnt = join(dir, 'readonly');
    mkdirSync(mnt);
    let ws: string;
    let undo: () => void;
    if (process.getuid?.() === 0) {
      // Root writes through file modes, so the workspace sits on a file system mounted read-only.
      const why = mountTmpfs(mnt, Math.ceil(statSync(template.workspace).size / 1024) + 1024);
      if (why) {
        console.log(`skipped the read-only test: ${why}`);
        ctx.skip(why);
      }
      ws = join(mnt, 'w.sightline');
      copyFileSync(template.workspace, ws);
      const ro = spawnSync('mount', ['-o', 'remount,ro', mnt], { encoding: 'utf8' });
      if (ro.status !== 0) {
        unmount(mnt);
        ctx.skip(`cannot remount read-only: ${ro.stderr.trim()}`);
      }
      undo = () => unmount(mnt);
    } else {
      ws = join(mnt, 'w.sightline');
      copyFileSync(template.workspace, ws);
      chmodSync(ws, 0o444);
      chmodSync(mnt, 0o555);
      undo = () => chmodSync(mnt, 0o755);
    }
    try {
      const hash = sha256File(ws);
      const runs = await Promise.all([
        runCli(['import', template.events, '-w', ws, '--table', 'more']),
        runCli(['models', 'promote', 'leads@2', '-w', ws]),
      ]);
      for (const r of runs) {
        expect(r.status, r.stderr).toBe(1);
        expect(r.stderr).toContain(ws);
        expect(r.stderr).toMatch(/cannot write the workspace/);
      }
      expect(sha256File(ws)).toBe(hash);
      expect(readdirSync(mnt)).toEqual(['w.sightline']);
    } finally {
      undo();
    }
  }, 120_000);

  it('two processes writing one workspace both succeed or one is told it is busy', async () => {
    const ws = copyOfTemplate();
    const train = (name: string) => [
      'train',
      'custom',
      '--table',
      'leads',
      '--target',
      'converted',
      '--learner',
      'gbdt',
      '--param',
      'trees=20',
      '--folds',
      '3',
      '--name',
      name,
      '-w',
      ws,
    ];
    const pairs: [string[], string[], (s: Summary) => boolean, (s: Summary) => boolean][] = [
      [
        ['import', template.events, '-w', ws, '--table', 'a'],
        ['import', template.events, '-w', ws, '--table', 'b'],
        (s) => s.entries.has('table:a'),
        (s) => s.entries.has('table:b'),
      ],
      [
        ['import', template.events, '-w', ws, '--table', 'c'],
        train('second'),
        (s) => s.entries.has('table:c'),
        (s) => s.entries.has('version:second@1'),
      ],
    ];
    for (const [a, b, aDone, bDone] of pairs) {
      const [ra, rb] = await Promise.all([runCli(a), runCli(b)]);
      const s = look(ws);
      for (const [r, done] of [
        [ra, aDone],
        [rb, bDone],
      ] as const) {
        if (r.status === 0) expect(done(s)).toBe(true);
        else {
          expect(r.status, r.stderr).toBe(1);
          expect(r.stderr).toContain(ws);
          expect(r.stderr).toMatch(BUSY);
          expect(done(s)).toBe(false);
        }
      }
    }
  }, 180_000);
});
