// Where served models come from. A folder of exported artifact files (`sightline models export`
// writes the registry record with an `artifact` field; a bare artifact is read too) is watched
// and re-read when a file changes; a workspace's registry is re-read on a short interval and
// before /models answers, serving each name's production version, else its latest.
import { readdirSync, readFileSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { Registry } from '../registry/registry.js';
import { Workspace } from '../workspace/workspace.js';
import type { ModelStore, ScoringEngine, ServedArtifact, ServedModel } from './model.js';

interface FileEntry<A extends ServedArtifact> {
  mtimeKey: string;
  model?: ServedModel<A>;
  problem?: string;
}

/** Reads one exported file: the record (artifact, version, metrics, stage) or a bare artifact. */
export function readModelFile<A extends ServedArtifact>(
  path: string,
  engine: ScoringEngine<A>,
): ServedModel<A> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path}: not JSON (${(err as Error).message})`, { cause: err });
  }
  const record = (json ?? {}) as {
    artifact?: unknown;
    version?: unknown;
    metrics?: unknown;
    stage?: unknown;
  };
  const artifact = engine.check(record.artifact ?? json, path);
  const wrapped = record.artifact !== undefined;
  return {
    name: artifact.name,
    version: wrapped && typeof record.version === 'number' ? record.version : null,
    kind: artifact.kind,
    stage: wrapped && typeof record.stage === 'string' ? record.stage : null,
    metrics:
      wrapped && record.metrics && typeof record.metrics === 'object'
        ? (record.metrics as Record<string, number>)
        : {},
    artifact,
    source: path,
  };
}

/** Ranks two models of one name: production first, then the higher version. */
function better<A extends ServedArtifact>(a: ServedModel<A>, b: ServedModel<A>): ServedModel<A> {
  const pa = a.stage === 'production' ? 1 : 0;
  const pb = b.stage === 'production' ? 1 : 0;
  if (pa !== pb) return pa > pb ? a : b;
  return (b.version ?? 0) > (a.version ?? 0) ? b : a;
}

export interface DirStoreOptions {
  /** Called after a reload that changed what is served (for logging). */
  onReload?: (models: ReadonlyMap<string, ServedModel>) => void;
  /** Milliseconds to wait after a change event before re-reading (files are written in parts). */
  debounceMs?: number;
}

/** The *.json model files of a folder, re-read when they change. */
export class DirStore<A extends ServedArtifact> implements ModelStore<A> {
  private files = new Map<string, FileEntry<A>>();
  private served = new Map<string, ServedModel<A>>();
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dir: string,
    private readonly engine: ScoringEngine<A>,
    private readonly opts: DirStoreOptions = {},
  ) {
    this.load();
    // Other files (a prediction log kept in the same folder) do not trigger a re-read.
    this.watcher = watch(dir, (_event, file) => {
      if (!file || file.toLowerCase().endsWith('.json')) this.schedule();
    });
    this.watcher.on('error', () => this.schedule());
  }

  models(): ReadonlyMap<string, ServedModel<A>> {
    return this.served;
  }

  refresh(): void {}

  problems(): string[] {
    return [...this.files.values()].flatMap((f) => (f.problem ? [f.problem] : []));
  }

  close(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
  }

  private schedule(): void {
    if (!this.watcher) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.load(), this.opts.debounceMs ?? 100);
  }

  /** Re-reads changed files. A file that stops parsing (half written) keeps its last good model. */
  load(): void {
    const names = readdirSync(this.dir).filter((n) => n.toLowerCase().endsWith('.json'));
    const next = new Map<string, FileEntry<A>>();
    for (const n of names) {
      const path = join(this.dir, n);
      let key: string;
      try {
        const st = statSync(path);
        key = `${st.size}:${st.mtimeMs}`;
      } catch {
        continue; // removed between readdir and read
      }
      const old = this.files.get(path);
      if (old && old.mtimeKey === key) {
        next.set(path, old);
        continue;
      }
      try {
        next.set(path, { mtimeKey: key, model: readModelFile(path, this.engine) });
      } catch (err) {
        next.set(path, {
          mtimeKey: key,
          ...(old?.model ? { model: old.model } : {}),
          problem: (err as Error).message,
        });
      }
    }
    this.files = next;
    const served = new Map<string, ServedModel<A>>();
    for (const f of next.values()) {
      if (!f.model) continue;
      const have = served.get(f.model.name);
      served.set(f.model.name, have ? better(have, f.model) : f.model);
    }
    const changed = !sameModels(this.served, served);
    this.served = served;
    if (changed) this.opts.onReload?.(served);
  }
}

function sameModels<A extends ServedArtifact>(
  a: ReadonlyMap<string, ServedModel<A>>,
  b: ReadonlyMap<string, ServedModel<A>>,
): boolean {
  return a.size === b.size && [...b].every(([k, m]) => a.get(k) === m);
}

export interface WorkspaceStoreOptions {
  /** How often to re-read the registry, in milliseconds (default 2000; 0: only on /models). */
  intervalMs?: number;
  onReload?: (models: ReadonlyMap<string, ServedModel>) => void;
}

/** A workspace's registry: each name's production version, else its latest. */
export class WorkspaceStore<A extends ServedArtifact> implements ModelStore<A> {
  private readonly ws: Workspace;
  private served = new Map<string, ServedModel<A>>();
  private bad: string[] = [];
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(
    path: string,
    private readonly engine: ScoringEngine<A>,
    private readonly opts: WorkspaceStoreOptions = {},
  ) {
    this.ws = Workspace.open(path, { readonly: true });
    this.refresh();
    const every = opts.intervalMs ?? 2000;
    if (every > 0) {
      this.timer = setInterval(() => this.refresh(), every);
      this.timer.unref();
    }
  }

  models(): ReadonlyMap<string, ServedModel<A>> {
    return this.served;
  }

  problems(): string[] {
    return this.bad;
  }

  refresh(): void {
    const registry = new Registry(this.ws);
    const pick = new Map<string, { version: number; stage: string }>();
    for (const v of registry.list()) {
      const have = pick.get(v.name);
      // list() is newest first within a name: the first seen is the latest.
      if (!have || (v.stage === 'production' && have.stage !== 'production')) pick.set(v.name, v);
    }
    const served = new Map<string, ServedModel<A>>();
    const bad: string[] = [];
    for (const [name, v] of pick) {
      const old = this.served.get(name);
      if (old && old.version === v.version && old.stage === v.stage) {
        served.set(name, old);
        continue;
      }
      const where = `workspace:${name}@${v.version}`;
      try {
        const rec = registry.get(`${name}@${v.version}`);
        served.set(name, {
          name,
          version: rec.version,
          kind: rec.kind,
          stage: rec.stage,
          metrics: rec.metrics,
          artifact: this.engine.check(rec.artifact, where),
          source: where,
        });
      } catch (err) {
        bad.push(`${where}: ${(err as Error).message}`);
      }
    }
    const changed = !sameModels(this.served, served);
    this.served = served;
    this.bad = bad;
    if (changed) this.opts.onReload?.(served);
  }

  close(): void {
    clearInterval(this.timer);
    this.ws.close();
  }
}
