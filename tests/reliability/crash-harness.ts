// Crash harness: kills the real `sightline` CLI with SIGKILL at seeded random points while it
// imports, profiles, trains, writes the registry or exports, then reopens the workspace in this
// process and checks that nothing committed before the kill was lost and nothing half-committed
// shows. Used by crash.test.ts (a few seeds) and crash-run.ts (`npm run test:crash`, many seeds).
//
// Per kill: copy a template workspace (built once, through the CLI) into a fresh folder, start
// one operation, SIGKILL it after a seeded delay — measured either from the spawn or from the
// moment the child opens the workspace (its -shm/-journal file appears), spread over the duration
// of a clean run of the same operation — then:
//   - the workspace opens, `PRAGMA integrity_check` is ok and foreign keys hold;
//   - every table, dataset row, profile, model, version (artifact) and export present before is
//     still there, unchanged, unless the operation changes it;
//   - what the operation changes is either entirely as before or entirely as after a clean run
//     (an export file may be complete before its sl_exports row is committed, not the reverse);
//   - invariants: every user table has its sl_datasets row and vice versa with equal row counts,
//     every version's artifact parses, one production version at most, export files exist;
//   - no job is left 'running'; the killed job reads 'interrupted' (or 'done' if it committed);
//   - the same operation then runs again successfully and the invariants still hold.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from '../../core/common/random.js';
import { importFile } from '../../core/node/import/importer.js';
import { profileTable } from '../../core/node/profile.js';
import { Registry } from '../../core/node/registry/registry.js';
import { quoteIdent } from '../../core/node/workspace/sql.js';
import { Workspace } from '../../core/node/workspace/workspace.js';
import { checkArtifact } from '../../models/common/artifact.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const CRASH_OPS = ['import', 'profile', 'train', 'registry', 'export'] as const;
export type CrashOp = (typeof CRASH_OPS)[number];

// ---------------------------------------------------------------------------------------------
// Running the CLI

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** ms from spawn until the child had the workspace open (its -shm or -journal file appeared). */
  openedAt: number | null;
  /** ms from spawn until exit. */
  endedAt: number;
  /** true when our SIGKILL ended the process (it had not finished on its own). */
  killed: boolean;
}

export interface KillPlan {
  /** 'spawn': delay counts from the spawn; 'open': from when the workspace is first open. */
  from: 'spawn' | 'open';
  delayMs: number;
}

/** Runs `sightline ARGS` from source as a child process; optionally SIGKILLs it per `kill`. */
export function runCli(
  args: string[],
  o: { workspace?: string; kill?: KillPlan; env?: Record<string, string>; root?: string } = {},
): Promise<CliRun> {
  return new Promise((done, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
      cwd: o.root ?? REPO_ROOT,
      env: { ...process.env, ...o.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    let openedAt: number | null = null;
    let sentKill = false;
    let exited = false;
    const timers: NodeJS.Timeout[] = [];
    const kill = () => {
      if (exited || sentKill) return;
      sentKill = true;
      child.kill('SIGKILL');
    };
    if (o.kill?.from === 'spawn') timers.push(setTimeout(kill, o.kill.delayMs));
    if (o.workspace) {
      const ws = o.workspace;
      const poll = setInterval(() => {
        if (openedAt !== null) return;
        if (existsSync(`${ws}-shm`) || existsSync(`${ws}-journal`) || existsSync(`${ws}-wal`)) {
          openedAt = performance.now() - started;
          clearInterval(poll);
          if (o.kill?.from === 'open') timers.push(setTimeout(kill, o.kill.delayMs));
        }
      }, 1);
      timers.push(poll);
    }
    // A run that never opens the workspace is still killed eventually (from: 'open').
    if (o.kill?.from === 'open') timers.push(setTimeout(kill, 20_000 + o.kill.delayMs));
    child.on('error', reject);
    child.on('close', (status, signal) => {
      exited = true;
      for (const t of timers) clearTimeout(t);
      done({
        status,
        signal,
        stdout,
        stderr,
        openedAt,
        endedAt: performance.now() - started,
        killed: sentKill && signal === 'SIGKILL',
      });
    });
  });
}

async function cliOk(args: string[], root?: string): Promise<CliRun> {
  const r = await runCli(args, root ? { root } : {});
  if (r.status !== 0)
    throw new Error(`sightline ${args.join(' ')} failed (${r.status}): ${r.stderr.trim()}`);
  return r;
}

/**
 * Copies the sources the CLI runs from into `dir` (node_modules linked), so that a long run
 * tests one version of the code while the working tree keeps changing. Returns `dir`.
 */
export function snapshotSources(dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const name of [
    'cli',
    'core',
    'models',
    'sample-data',
    'package.json',
    'tsconfig.json',
    'tsconfig.base.json',
  ])
    cpSync(join(REPO_ROOT, name), join(dir, name), { recursive: true });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

// ---------------------------------------------------------------------------------------------
// The data and the template workspace

/** A seeded CSV of `rows` sensor events (7 columns, about 75 bytes a row). */
export function writeEventsCsv(path: string, rows: number, seed = 7): void {
  const rng = new Rng(seed);
  const devices = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'];
  const states = ['ok', 'warn', 'fault'];
  const lines = ['event_id,day,device,temperature,load,status,note'];
  for (let i = 1; i <= rows; i++) {
    const day = `2024-${String(1 + rng.int(12)).padStart(2, '0')}-${String(1 + rng.int(28)).padStart(2, '0')}`;
    const temp = rng.bernoulli(0.02) ? '' : (20 + rng.normal(0, 6)).toFixed(3);
    const load = (rng.next() * 100).toFixed(2);
    const note = rng.bernoulli(0.1) ? `"checked, ${rng.int(1000)}"` : '';
    lines.push(
      `${i},${day},${devices[rng.int(devices.length)]},${temp},${load},${states[rng.weighted([8, 2, 1])]},${note}`,
    );
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

export interface Template {
  dir: string;
  workspace: string;
  events: string;
  /** A JSON export recorded in the template (its sl_exports row points here). */
  baseExport: string;
}

const TRAIN_ARGS = [
  'custom',
  '--table',
  'leads',
  '--target',
  'converted',
  '--id',
  'lead_id',
  '--learner',
  'gbdt',
  '--folds',
  '3',
];

/**
 * The committed state every kill starts from: tables leads, customers and events (events not
 * profiled), leads profiled, model leads with version 1 (production) and 2 (candidate), and one
 * JSON export recorded in sl_exports.
 */
export async function buildTemplate(
  dir: string,
  eventRows: number,
  root?: string,
): Promise<Template> {
  mkdirSync(dir, { recursive: true });
  const ws = join(dir, 'template.sightline');
  const events = join(dir, 'events.csv');
  writeEventsCsv(events, eventRows);
  const small = join(REPO_ROOT, 'sample-data/small');
  // Imports, profiling and the promotion run in this process (the same library calls the CLI
  // makes) to save start-ups; training and the export run through the CLI.
  let w = Workspace.open(ws, { create: true });
  try {
    await importFile(w, join(small, 'leads.csv'), { table: 'leads' });
    await importFile(w, join(small, 'customers.csv'), { table: 'customers' });
    await importFile(w, events, { table: 'events' });
    await profileTable(w, 'leads');
  } finally {
    w.close();
  }
  await cliOk(['train', ...TRAIN_ARGS, '-w', ws, '--param', 'trees=15', '--name', 'leads'], root);
  await cliOk(['train', ...TRAIN_ARGS, '-w', ws, '--param', 'trees=25', '--name', 'leads'], root);
  w = Workspace.open(ws);
  try {
    new Registry(w).setStage('leads@1', 'production');
  } finally {
    w.close();
  }
  const baseExport = join(dir, 'base-export.json');
  await cliOk(['export', '-m', 'leads@1', '-f', 'json', '-o', baseExport, '-w', ws], root);
  return { dir, workspace: ws, events, baseExport };
}

// ---------------------------------------------------------------------------------------------
// Operations

export interface SeedDir {
  dir: string;
  workspace: string;
  out: string;
  template: Template;
}

export interface Variant {
  op: CrashOp;
  name: string;
  /** The workspace does not exist before the operation (import creates it). */
  fresh?: boolean;
  /** Extra files the operation writes, to check for completeness. */
  files?: (s: SeedDir) => string[];
  prepare?: (s: SeedDir) => void;
  args: (s: SeedDir) => string[];
  /** Arguments of the re-run after the kill, given whether the killed run had committed. */
  rerun?: (s: SeedDir, committed: boolean) => string[];
  /** The re-run adds state beyond a clean run's (a training run adds another version). */
  rerunAdds?: boolean;
}

export const VARIANTS: Variant[] = [
  {
    op: 'import',
    name: 'import new table',
    args: (s) => ['import', s.template.events, '-w', s.workspace, '--table', 'fresh', '--json'],
    rerun: (s, committed) => [
      'import',
      s.template.events,
      '-w',
      s.workspace,
      '--table',
      'fresh',
      ...(committed ? ['--mode', 'replace'] : []),
    ],
  },
  {
    op: 'import',
    name: 'import replace',
    args: (s) => [
      'import',
      s.template.events,
      '-w',
      s.workspace,
      '--table',
      'customers',
      '--mode',
      'replace',
    ],
  },
  {
    op: 'import',
    name: 'import append',
    args: (s) => [
      'import',
      s.template.events,
      '-w',
      s.workspace,
      '--table',
      'events',
      '--mode',
      'append',
    ],
    rerunAdds: true,
  },
  {
    op: 'import',
    name: 'import into a new workspace',
    fresh: true,
    args: (s) => ['import', s.template.events, '-w', s.workspace, '--table', 'events'],
    rerun: (s, committed) => [
      'import',
      s.template.events,
      '-w',
      s.workspace,
      '--table',
      'events',
      ...(committed ? ['--mode', 'replace'] : []),
    ],
  },
  {
    op: 'profile',
    name: 'profile events',
    args: (s) => ['profile', 'events', '-w', s.workspace, '--json'],
  },
  {
    op: 'profile',
    name: 'profile customers --refresh',
    args: (s) => ['profile', 'customers', '--refresh', '-w', s.workspace, '--json'],
  },
  {
    op: 'train',
    name: 'train leads@3',
    args: (s) => [
      'train',
      ...TRAIN_ARGS,
      '-w',
      s.workspace,
      '--param',
      'trees=40',
      '--name',
      'leads',
      '--json',
    ],
    rerunAdds: true,
  },
  {
    op: 'train',
    name: 'train a new model',
    args: (s) => [
      'train',
      ...TRAIN_ARGS,
      '-w',
      s.workspace,
      '--param',
      'trees=30',
      '--name',
      'fresh',
      '--json',
    ],
    rerunAdds: true,
  },
  {
    op: 'registry',
    name: 'promote leads@2',
    args: (s) => ['models', 'promote', 'leads@2', '-w', s.workspace],
  },
  {
    op: 'registry',
    name: 'archive leads@1',
    args: (s) => ['models', 'archive', 'leads@1', '-w', s.workspace],
  },
  {
    op: 'export',
    name: 'export json',
    files: (s) => [s.out],
    args: (s) => ['export', '-m', 'leads@2', '-f', 'json', '-o', s.out, '-w', s.workspace],
    rerunAdds: true,
  },
  {
    op: 'export',
    name: 'export json over an older file',
    files: (s) => [s.out],
    prepare: (s) => writeFileSync(s.out, readFileSync(s.template.baseExport)),
    args: (s) => ['export', '-m', 'leads@2', '-f', 'json', '-o', s.out, '-w', s.workspace],
    rerunAdds: true,
  },
  {
    op: 'export',
    name: 'export scorer',
    files: (s) => [s.out],
    args: (s) => ['export', '-m', 'leads@2', '-f', 'scorer', '-o', s.out, '-w', s.workspace],
    rerunAdds: true,
  },
  {
    op: 'export',
    name: 'export onnx',
    files: (s) => [s.out],
    args: (s) => ['export', '-m', 'leads@2', '-f', 'onnx', '-o', s.out, '-w', s.workspace],
    rerunAdds: true,
  },
  {
    op: 'export',
    name: 'models export',
    files: (s) => [s.out],
    args: (s) => ['models', 'export', 'leads@2', '-o', s.out, '-w', s.workspace],
    rerunAdds: true,
  },
];

// ---------------------------------------------------------------------------------------------
// What a workspace holds, as comparable entries

export interface Summary {
  /** key → canonical value; keys: table:, dataset:, profile:, model:, version:, artifact:, export:, file: */
  entries: Map<string, string>;
  jobs: Map<string, string>;
}

const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex').slice(0, 16);

function jsonish(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));
}

/**
 * Reads everything the harness compares; `problems` collects broken invariants. Paths under
 * `home` (the kill's own folder) are keyed relative to it, so kills compare with a clean run.
 */
export function summarize(
  ws: Workspace,
  files: string[],
  problems: string[],
  home = dirname(ws.path),
): Summary {
  const rel = (p: string) => (p.startsWith(`${home}/`) ? `~/${p.slice(home.length + 1)}` : p);
  const db = ws.db;
  const entries = new Map<string, string>();
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
  const fk = db.pragma('foreign_key_check') as unknown[];
  if (fk.length > 0) problems.push(`foreign_key_check: ${jsonish(fk)}`);

  const tables = (
    db
      .prepare(
        `SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sl\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`,
      )
      .all() as { name: string; sql: string }[]
  ).map((t) => ({ ...t, key: t.name.toLowerCase() }));
  const datasets = db
    .prepare(
      `SELECT id, name, row_count, fingerprint, source_format FROM sl_datasets ORDER BY name`,
    )
    .all() as {
    id: number;
    name: string;
    row_count: number;
    fingerprint: string;
    source_format: string;
  }[];
  const byName = new Map(datasets.map((d) => [d.name.toLowerCase(), d]));
  for (const t of tables) {
    const h = createHash('sha256').update(t.sql);
    let rows = 0;
    for (const r of db
      .prepare(`SELECT * FROM ${quoteIdent(t.name)} ORDER BY rowid`)
      .raw(true)
      .iterate()) {
      h.update(jsonish(r));
      rows++;
    }
    entries.set(`table:${t.key}`, `${rows} rows ${h.digest('hex').slice(0, 16)}`);
    const ds = byName.get(t.key);
    if (!ds) {
      problems.push(`table ${t.name} has no sl_datasets row (half-committed import)`);
      continue;
    }
    if (ds.row_count !== rows)
      problems.push(
        `table ${t.name}: sl_datasets says ${ds.row_count} rows, the table has ${rows}`,
      );
    const width = (
      db.prepare(`SELECT count(*) AS n FROM pragma_table_info(?)`).get(t.name) as {
        n: number;
      }
    ).n;
    const cols = db
      .prepare(`SELECT name, type, profile FROM sl_columns WHERE dataset_id = ? ORDER BY position`)
      .all(ds.id) as { name: string; type: string; profile: string | null }[];
    if (cols.length !== width)
      problems.push(`table ${t.name}: ${width} columns but ${cols.length} sl_columns rows`);
    const profiled = cols.filter((c) => c.profile !== null);
    for (const c of profiled) {
      try {
        JSON.parse(c.profile!);
      } catch {
        problems.push(`table ${t.name}: the profile of ${c.name} does not parse`);
      }
    }
    entries.set(
      `dataset:${t.key}`,
      `${ds.row_count} ${ds.fingerprint} ${ds.source_format} ${cols.map((c) => `${c.name}:${c.type}`).join(',')}`,
    );
    entries.set(
      `profile:${t.key}`,
      profiled.length === 0
        ? 'none'
        : `${profiled.length}/${cols.length} ${sha(profiled.map((c) => c.profile).join('\n'))}`,
    );
  }
  for (const d of datasets)
    if (!tables.some((t) => t.key === d.name.toLowerCase()))
      problems.push(`sl_datasets row ${d.name} has no table (half-committed import)`);

  const models = db.prepare(`SELECT id, name, kind FROM sl_models`).all() as {
    id: number;
    name: string;
    kind: string;
  }[];
  for (const m of models) {
    entries.set(`model:${m.name}`, m.kind);
    const versions = db
      .prepare(`SELECT version, stage, artifact FROM sl_model_versions WHERE model_id = ?`)
      .all(m.id) as { version: number; stage: string; artifact: string | null }[];
    if (versions.length === 0) problems.push(`model ${m.name} has no versions`);
    if (versions.filter((v) => v.stage === 'production').length > 1)
      problems.push(`model ${m.name} has more than one production version`);
    for (const v of versions) {
      const ref = `${m.name}@${v.version}`;
      entries.set(`version:${ref}`, v.stage);
      try {
        checkArtifact(JSON.parse(v.artifact ?? 'null'), ref);
        entries.set(`artifact:${ref}`, sha(v.artifact!));
      } catch (err) {
        problems.push(`version ${ref}: artifact unreadable (${(err as Error).message})`);
      }
    }
  }
  const orphans = db
    .prepare(
      `SELECT count(*) AS n FROM sl_model_versions WHERE model_id NOT IN (SELECT id FROM sl_models)`,
    )
    .get() as { n: number };
  if (orphans.n > 0) problems.push(`${orphans.n} model versions without a model`);

  const exports = db
    .prepare(`SELECT model, version, format, path FROM sl_exports ORDER BY id`)
    .all() as { model: string; version: number; format: string; path: string }[];
  const seen = new Map<string, number>();
  const paths = new Set(files);
  for (const e of exports) {
    const n = (seen.get(e.path) ?? 0) + 1;
    seen.set(e.path, n);
    entries.set(`export:${rel(e.path)}#${n}`, `${e.model}@${e.version} ${e.format}`);
    if (!existsSync(e.path)) problems.push(`export ${e.path} is recorded but the file is missing`);
    paths.add(e.path);
  }
  for (const p of paths) if (existsSync(p)) entries.set(`file:${rel(p)}`, fileDigest(p, problems));

  const jobs = new Map<string, string>();
  for (const j of db.prepare(`SELECT id, kind, state FROM sl_jobs`).all() as {
    id: string;
    kind: string;
    state: string;
  }[]) {
    jobs.set(j.id, `${j.kind} ${j.state}`);
    if (j.state === 'running') problems.push(`job ${j.kind} ${j.id} is still 'running'`);
  }
  return { entries, jobs };
}

/** A digest of an export file, noting a file that is not complete (does not parse). */
function fileDigest(path: string, problems: string[]): string {
  const bytes = readFileSync(path);
  if (path.endsWith('.json')) {
    try {
      JSON.parse(bytes.toString('utf8'));
    } catch {
      problems.push(`${path}: a truncated or invalid JSON file (${bytes.length} bytes)`);
    }
  }
  return `${bytes.length} bytes ${sha(bytes)}`;
}

export type Outcome = 'before' | 'after' | 'unchanged';

/** Compares a post-kill state with the states before and after a clean run. */
export function compare(
  before: Summary,
  after: Summary,
  post: Summary,
  problems: string[],
  allowExtra = false,
): Outcome {
  const keys = new Set([...before.entries.keys(), ...after.entries.keys()]);
  const sides: Record<'before' | 'after', string[]> = { before: [], after: [] };
  // An export file may be complete before its sl_exports row commits; not the other way round.
  const fileSides: Record<'before' | 'after', string[]> = { before: [], after: [] };
  for (const k of keys) {
    const b = before.entries.get(k);
    const a = after.entries.get(k);
    const p = post.entries.get(k);
    const loose = k.startsWith('artifact:') && b === undefined;
    if (a === b) {
      if (p !== b) problems.push(`${k}: was ${b ?? 'absent'}, now ${p ?? 'absent'}`);
      continue;
    }
    const side = k.startsWith('file:') ? fileSides : sides;
    if (p === b) side.before.push(k);
    else if (p === a || (loose && a !== undefined && p !== undefined)) side.after.push(k);
    else
      problems.push(
        `${k}: ${p ?? 'absent'} is neither the state before (${b ?? 'absent'}) nor after (${a ?? 'absent'})`,
      );
  }
  if (!allowExtra)
    for (const k of post.entries.keys())
      if (!keys.has(k)) problems.push(`${k}: appeared (${post.entries.get(k)})`);
  if (sides.before.length > 0 && sides.after.length > 0)
    problems.push(
      `half-committed: ${sides.after.join(', ')} changed but ${sides.before.join(', ')} did not`,
    );
  const outcome: Outcome =
    sides.after.length > 0 ? 'after' : sides.before.length > 0 ? 'before' : 'unchanged';
  if (outcome === 'after' && fileSides.before.length > 0)
    problems.push(`recorded before the file was written: ${fileSides.before.join(', ')}`);
  // Jobs that existed keep their state; the killed one is interrupted (or done if it committed).
  for (const [id, s] of before.jobs)
    if (post.jobs.get(id) !== s) problems.push(`job ${id}: was ${s}, now ${post.jobs.get(id)}`);
  for (const [id, s] of post.jobs) {
    if (before.jobs.has(id)) continue;
    if (s.endsWith(' done')) {
      if (outcome === 'before') problems.push(`job ${id} is done but its result is missing`);
    } else if (!s.endsWith(' interrupted') && !allowExtra)
      problems.push(`job ${id} reads '${s}' after the kill, not 'interrupted'`);
  }
  return outcome;
}

/** Opens the workspace as a user would next time and summarizes it; null when it would not open. */
export function inspect(path: string, files: string[], problems: string[]): Summary | null {
  let ws: Workspace;
  try {
    ws = Workspace.open(path);
  } catch (err) {
    problems.push(`the workspace does not open: ${(err as Error).message}`);
    return null;
  }
  try {
    return summarize(ws, files, problems);
  } catch (err) {
    problems.push(`reading the workspace failed: ${(err as Error).message}`);
    return null;
  } finally {
    ws.close();
  }
}

const EMPTY: Summary = { entries: new Map(), jobs: new Map() };

// ---------------------------------------------------------------------------------------------
// The harness

export interface OpTally {
  op: CrashOp;
  kills: number;
  losses: number;
  /** Kills after which the operation's result was there (it had committed). */
  committed: number;
  /** Kills after which the workspace was as before (rolled back, or not yet begun). */
  rolledBack: number;
  /** Killed jobs found marked 'interrupted'. */
  interrupted: number;
  reruns: number;
  rerunFailures: number;
  /** Runs that finished before the kill landed (not counted as kills). */
  finishedFirst: number;
}

export interface Loss {
  seed: number;
  variant: string;
  killAt: string;
  problems: string[];
}

export interface CrashReport {
  kills: number;
  losses: number;
  tallies: OpTally[];
  details: Loss[];
  /**
   * Temporary files a kill left beside the target (an export's `.tmp`, a new workspace's
   * `.creating-`); never the target itself, and ignored by the next run.
   */
  strayTempFiles: number;
  seconds: number;
}

export interface HarnessOptions {
  kills: number;
  seed?: number;
  ops?: readonly CrashOp[];
  /** Variant names to use (default: all of the chosen operations). */
  variants?: string[];
  concurrency?: number;
  eventRows?: number;
  /** Re-run the operation after each kill (default true). */
  rerun?: boolean;
  log?: (line: string) => void;
  dir?: string;
  /** A template built beforehand with buildTemplate (default: built here). */
  template?: Template;
  /** The folder the CLI runs from (default: this repository; see snapshotSources). */
  cliRoot?: string;
}

interface Calibrated {
  variant: Variant;
  before: Summary;
  after: Summary;
  /** ms: spawn → workspace open, spawn → exit, in a clean run. */
  open: number;
  end: number;
}

export async function runCrashHarness(o: HarnessOptions): Promise<CrashReport> {
  const t0 = performance.now();
  const log = o.log ?? (() => {});
  const root = o.dir ?? mkdtempSync(join(tmpdir(), 'sightline-crash-'));
  const variants = VARIANTS.filter(
    (v) => (o.ops ?? CRASH_OPS).includes(v.op) && (!o.variants || o.variants.includes(v.name)),
  );
  const ops = CRASH_OPS.filter((op) => variants.some((v) => v.op === op));
  if (ops.length === 0) throw new Error('no operation to kill: check ops and variants');
  try {
    if (!o.template) log(`building the template workspace in ${root}`);
    const cli = o.cliRoot ? { root: o.cliRoot } : {};
    const template =
      o.template ?? (await buildTemplate(join(root, 'template'), o.eventRows ?? 60_000, o.cliRoot));
    const calibrated: Calibrated[] = [];
    for (const [i, v] of variants.entries()) {
      const s = seedDir(root, `calibrate-${i}`, template, v);
      const before = v.fresh ? EMPTY : mustInspect(s, v);
      const run = await runCli(v.args(s), { workspace: s.workspace, ...cli });
      if (run.status !== 0)
        throw new Error(`clean run of ${v.name} failed (${run.status}): ${run.stderr.trim()}`);
      const after = mustInspect(s, v);
      const open = run.openedAt ?? run.endedAt * 0.7;
      calibrated.push({ variant: v, before, after, open, end: run.endedAt });
      log(
        `  ${v.name}: opens the workspace at ${open.toFixed(0)} ms, done at ${run.endedAt.toFixed(0)} ms`,
      );
      rmSync(s.dir, { recursive: true, force: true });
    }
    const tallies = new Map<CrashOp, OpTally>(
      ops.map((op) => [
        op,
        {
          op,
          kills: 0,
          losses: 0,
          committed: 0,
          rolledBack: 0,
          interrupted: 0,
          reruns: 0,
          rerunFailures: 0,
          finishedFirst: 0,
        },
      ]),
    );
    const details: Loss[] = [];
    const busy = new Map(ops.map((op) => [op, 0]));
    const turns = new Map(ops.map((op) => [op, 0]));
    let stray = 0;
    let kills = 0;
    let attempt = 0;
    const seed0 = o.seed ?? 1;
    const maxAttempts = o.kills * 3 + 10;
    const worker = async () => {
      while (kills < o.kills && attempt < maxAttempts) {
        const n = attempt++;
        const seed = seed0 + n;
        const rng = new Rng(seed);
        // The operation with the fewest kills so far (short ones often finish before the kill),
        // and its variants in turn.
        const op = ops.reduce((best, x) =>
          tallies.get(x)!.kills + busy.get(x)! < tallies.get(best)!.kills + busy.get(best)!
            ? x
            : best,
        );
        const mine = calibrated.filter((x) => x.variant.op === op);
        const turn = turns.get(op)!;
        turns.set(op, turn + 1);
        const c = mine[turn % mine.length]!;
        const v = c.variant;
        busy.set(op, busy.get(op)! + 1);
        const s = seedDir(root, `seed-${seed}`, template, v);
        // A fifth of the kills count from the spawn over the whole run (start-up included), the
        // rest from when the workspace is open over the rest of the run; both overshoot a little
        // so that the moments after the commit are hit too.
        const plan: KillPlan = rng.bernoulli(0.2)
          ? { from: 'spawn', delayMs: rng.uniform(0, c.end * 1.1) }
          : { from: 'open', delayMs: rng.uniform(0, Math.max(5, c.end - c.open) * 1.3) };
        const run = await runCli(v.args(s), { workspace: s.workspace, kill: plan, ...cli });
        busy.set(op, busy.get(op)! - 1);
        const tally = tallies.get(v.op)!;
        if (!run.killed) {
          tally.finishedFirst++;
          rmSync(s.dir, { recursive: true, force: true });
          continue;
        }
        if (kills >= o.kills) {
          rmSync(s.dir, { recursive: true, force: true });
          break;
        }
        kills++;
        tally.kills++;
        const problems: string[] = [];
        const files = v.files?.(s) ?? [];
        let outcome: Outcome = 'before';
        if (v.fresh && !existsSync(s.workspace)) {
          outcome = 'before';
        } else {
          const post = inspect(s.workspace, files, problems);
          if (post) {
            outcome = compare(c.before, c.after, post, problems);
            for (const [id, st] of post.jobs)
              if (!c.before.jobs.has(id) && st.endsWith(' interrupted')) tally.interrupted++;
          }
        }
        if (outcome === 'after') tally.committed++;
        else tally.rolledBack++;
        stray += readdirSync(s.dir).filter(
          (f) => f.endsWith('.tmp') || f.includes('.creating-'),
        ).length;
        if (o.rerun !== false && problems.length === 0) {
          tally.reruns++;
          const args = v.rerun?.(s, outcome === 'after') ?? v.args(s);
          const again = await runCli(args, cli);
          if (again.status !== 0) {
            tally.rerunFailures++;
            problems.push(`re-run failed (${again.status}): ${again.stderr.trim()}`);
          } else {
            // A re-run that adds to the result (another version, another append) is held to the
            // invariants only; any other re-run must leave exactly what a clean run leaves.
            const p2: string[] = [];
            const post = inspect(s.workspace, files, p2);
            if (post && !v.rerunAdds && compare(c.before, c.after, post, p2) !== 'after')
              p2.push('the re-run left no result');
            problems.push(...p2.map((p) => `after the re-run: ${p}`));
          }
        }
        const killAt = `${plan.delayMs.toFixed(0)} ms after ${plan.from === 'spawn' ? 'spawn' : 'open'}`;
        if (problems.length > 0) {
          tally.losses++;
          details.push({ seed, variant: v.name, killAt, problems });
          log(`LOSS seed ${seed} ${v.name} (${killAt}): ${problems.join('; ')}`);
        } else log(`ok   seed ${seed} ${v.name} (${killAt}): ${outcome}`);
        rmSync(s.dir, { recursive: true, force: true });
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, o.concurrency ?? 2) }, worker));
    const list = [...tallies.values()];
    return {
      kills,
      losses: list.reduce((a, t) => a + t.losses, 0),
      tallies: list,
      details,
      strayTempFiles: stray,
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    if (!o.dir) rmSync(root, { recursive: true, force: true });
  }
}

function seedDir(root: string, name: string, template: Template, v: Variant): SeedDir {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  const workspace = join(dir, 'w.sightline');
  if (!v.fresh) copyFileSync(template.workspace, workspace);
  const ext = v.name.includes('scorer') ? 'mjs' : v.name.includes('onnx') ? 'onnx' : 'json';
  const s = { dir, workspace, out: join(dir, `out.${ext}`), template };
  v.prepare?.(s);
  return s;
}

function mustInspect(s: SeedDir, v: Variant): Summary {
  const problems: string[] = [];
  const sum = inspect(s.workspace, v.files?.(s) ?? [], problems);
  if (!sum || problems.length > 0)
    throw new Error(`the workspace of ${v.name} is not sound: ${problems.join('; ')}`);
  return sum;
}

/** The report as a text table. */
export function formatReport(r: CrashReport): string {
  const head = [
    'operation',
    'kills tried',
    'losses found',
    'committed',
    'rolled back',
    'jobs interrupted',
    're-runs ok',
    'finished before the kill',
  ];
  const rows = r.tallies.map((t) => [
    t.op,
    String(t.kills),
    String(t.losses),
    String(t.committed),
    String(t.rolledBack),
    String(t.interrupted),
    `${t.reruns - t.rerunFailures}/${t.reruns}`,
    String(t.finishedFirst),
  ]);
  rows.push([
    'total',
    String(r.kills),
    String(r.losses),
    String(r.tallies.reduce((a, t) => a + t.committed, 0)),
    String(r.tallies.reduce((a, t) => a + t.rolledBack, 0)),
    String(r.tallies.reduce((a, t) => a + t.interrupted, 0)),
    `${r.tallies.reduce((a, t) => a + t.reruns - t.rerunFailures, 0)}/${r.tallies.reduce((a, t) => a + t.reruns, 0)}`,
    String(r.tallies.reduce((a, t) => a + t.finishedFirst, 0)),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((x) => x[i]!.length)));
  const line = (x: string[]) => x.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
