// The model registry inside a workspace: named models, each with numbered versions that carry the
// artifact (the JSON a scorer needs), metrics, parameters, the leaderboard, the evaluation data a
// UI plots, the training data's fingerprint, seed and code version, and a stage.
import type { Workspace } from '../workspace/workspace.js';
import { now, translateSqliteError } from '../workspace/workspace.js';

export type Stage = 'candidate' | 'production' | 'archived';
export const STAGES: readonly Stage[] = ['candidate', 'production', 'archived'];

export interface NewVersion {
  name: string;
  kind: string;
  artifact: unknown;
  metrics: Record<string, number>;
  params: unknown;
  leaderboard: unknown;
  evaluation: unknown;
  dataFingerprint: string;
  seed: number;
  codeVersion: string;
  jobId?: string;
}

export interface VersionSummary {
  name: string;
  kind: string;
  version: number;
  stage: Stage;
  metrics: Record<string, number>;
  dataFingerprint: string;
  seed: number;
  codeVersion: string;
  createdAt: string;
}

export interface VersionRecord extends VersionSummary {
  artifact: unknown;
  params: unknown;
  leaderboard: unknown;
  evaluation: unknown;
  jobId: string | null;
}

export class RegistryError extends Error {}

interface Row {
  name: string;
  kind: string;
  version: number;
  stage: Stage;
  metrics: string;
  data_fingerprint: string;
  seed: number;
  code_version: string;
  created_at: string;
}

const SUMMARY_SQL = `SELECT m.name, m.kind, v.version, v.stage, v.metrics, v.data_fingerprint, v.seed, v.code_version, v.created_at
  FROM sl_model_versions v JOIN sl_models m ON m.id = v.model_id`;

function summary(r: Row): VersionSummary {
  return {
    name: r.name,
    kind: r.kind,
    version: r.version,
    stage: r.stage,
    metrics: JSON.parse(r.metrics) as Record<string, number>,
    dataFingerprint: r.data_fingerprint,
    seed: r.seed,
    codeVersion: r.code_version,
    createdAt: r.created_at,
  };
}

/**
 * Checks a new model name: letters, digits, `_`, `-`, `.` and spaces, starting with a letter or
 * digit, at most 64 characters. No `/`, `\\` or `@`: a name must never read as a path (where
 * `--model` also takes a file) or as a version reference.
 */
export function checkModelName(name: string): void {
  if (!/^[\p{L}\p{N}][\p{L}\p{N}_. -]{0,63}$/u.test(name))
    throw new RegistryError(
      `model name ${JSON.stringify(name)}: use letters, digits, "_", "-", "." and spaces (starting with a letter or digit, at most 64 characters)`,
    );
}

/** Parses `name` or `name@version` (version a positive integer, or 'production' / 'latest'). */
export function parseModelRef(ref: string): { name: string; version?: number | 'production' } {
  const at = ref.lastIndexOf('@');
  if (at < 0) return { name: ref };
  const name = ref.slice(0, at);
  const v = ref.slice(at + 1);
  if (!name) throw new RegistryError(`${ref}: a model name comes before @`);
  if (v === 'latest') return { name };
  if (v === 'production') return { name, version: 'production' };
  if (!/^[1-9][0-9]*$/.test(v))
    throw new RegistryError(`${ref}: a version is a number such as ${name}@1, or @production`);
  return { name, version: Number(v) };
}

export class Registry {
  constructor(private readonly ws: Workspace) {}

  /** Adds a version (1 for a new name); a name belongs to one kind. Returns its number. */
  addVersion(v: NewVersion): number {
    checkModelName(v.name);
    const db = this.ws.db;
    return db.transaction(() => {
      const t = now();
      let model = db.prepare(`SELECT id, kind, name FROM sl_models WHERE name = ?`).get(v.name) as
        { id: number; kind: string; name: string } | undefined;
      if (model && model.kind !== v.kind)
        throw new RegistryError(
          `model ${JSON.stringify(model.name)} is a ${model.kind} model; choose another --name for a ${v.kind} model`,
        );
      if (!model) {
        const id = db
          .prepare(`INSERT INTO sl_models (name, kind, created_at, updated_at) VALUES (?, ?, ?, ?)`)
          .run(v.name, v.kind, t, t).lastInsertRowid;
        model = { id: Number(id), kind: v.kind, name: v.name };
      } else db.prepare(`UPDATE sl_models SET updated_at = ? WHERE id = ?`).run(t, model.id);
      const next =
        ((
          db
            .prepare(`SELECT MAX(version) AS v FROM sl_model_versions WHERE model_id = ?`)
            .get(model.id) as { v: number | null }
        ).v ?? 0) + 1;
      db.prepare(
        `INSERT INTO sl_model_versions (model_id, version, stage, artifact, metrics, params, leaderboard, evaluation, data_fingerprint, seed, code_version, job_id, created_at)
         VALUES (?, ?, 'candidate', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        model.id,
        next,
        JSON.stringify(v.artifact),
        JSON.stringify(v.metrics),
        JSON.stringify(v.params),
        JSON.stringify(v.leaderboard),
        JSON.stringify(v.evaluation),
        v.dataFingerprint,
        v.seed,
        v.codeVersion,
        v.jobId ?? null,
        t,
      );
      return next;
    })();
  }

  /** Every version of every model (or of one), newest first within a model. */
  list(name?: string): VersionSummary[] {
    const rows = (
      name
        ? this.ws.db
            .prepare(`${SUMMARY_SQL} WHERE m.name = ? ORDER BY m.name, v.version DESC`)
            .all(name)
        : this.ws.db.prepare(`${SUMMARY_SQL} ORDER BY m.name, v.version DESC`).all()
    ) as Row[];
    return rows.map(summary);
  }

  /** A version by reference: `name` alone is the production version if any, else the latest. */
  get(ref: string): VersionRecord {
    const { name, version } = parseModelRef(ref);
    const versions = this.list(name);
    if (versions.length === 0) {
      const names = [...new Set(this.list().map((v) => v.name))];
      throw new RegistryError(
        `no model named ${JSON.stringify(name)} in this workspace${names.length ? ` (models: ${names.join(', ')})` : ' (none trained yet)'}`,
      );
    }
    let pick: VersionSummary | undefined;
    if (typeof version === 'number') pick = versions.find((v) => v.version === version);
    else if (version === 'production') pick = versions.find((v) => v.stage === 'production');
    else pick = versions.find((v) => v.stage === 'production') ?? versions[0];
    if (!pick)
      throw new RegistryError(
        `${ref}: no such version (versions of ${name}: ${versions.map((v) => `${v.version} ${v.stage}`).join(', ')})`,
      );
    const r = this.ws.db
      .prepare(
        `SELECT v.artifact, v.params, v.leaderboard, v.evaluation, v.job_id FROM sl_model_versions v JOIN sl_models m ON m.id = v.model_id WHERE m.name = ? AND v.version = ?`,
      )
      .get(pick.name, pick.version) as {
      artifact: string;
      params: string;
      leaderboard: string;
      evaluation: string;
      job_id: string | null;
    };
    return {
      ...pick,
      artifact: JSON.parse(r.artifact),
      params: JSON.parse(r.params),
      leaderboard: JSON.parse(r.leaderboard),
      evaluation: JSON.parse(r.evaluation),
      jobId: r.job_id,
    };
  }

  /** Sets a version's stage; promoting one to production archives the previous production one. */
  setStage(ref: string, stage: Stage): VersionSummary {
    const v = this.get(ref);
    const db = this.ws.db;
    const write = db.transaction(() => {
      const id = (
        db.prepare(`SELECT id FROM sl_models WHERE name = ?`).get(v.name) as { id: number }
      ).id;
      if (stage === 'production')
        db.prepare(
          `UPDATE sl_model_versions SET stage = 'archived' WHERE model_id = ? AND stage = 'production' AND version <> ?`,
        ).run(id, v.version);
      db.prepare(`UPDATE sl_model_versions SET stage = ? WHERE model_id = ? AND version = ?`).run(
        stage,
        id,
        v.version,
      );
      db.prepare(`UPDATE sl_models SET updated_at = ? WHERE id = ?`).run(now(), id);
    });
    try {
      write();
    } catch (err) {
      throw translateSqliteError(err, this.ws.path);
    }
    return { ...v, stage };
  }

  /** Two versions side by side: metrics (with the difference b − a) and what differs between them. */
  compare(refA: string, refB: string): Comparison {
    const a = this.get(refA);
    const b = this.get(refB);
    const names = [...new Set([...Object.keys(a.metrics), ...Object.keys(b.metrics)])].sort();
    return {
      a: strip(a),
      b: strip(b),
      metrics: names.map((m) => ({
        metric: m,
        a: a.metrics[m] ?? null,
        b: b.metrics[m] ?? null,
        difference:
          a.metrics[m] !== undefined && b.metrics[m] !== undefined
            ? b.metrics[m] - a.metrics[m]
            : null,
      })),
      sameData: a.dataFingerprint === b.dataFingerprint,
      sameParams: JSON.stringify(a.params) === JSON.stringify(b.params),
    };
  }
}

export interface Comparison {
  a: VersionSummary;
  b: VersionSummary;
  metrics: { metric: string; a: number | null; b: number | null; difference: number | null }[];
  sameData: boolean;
  sameParams: boolean;
}

function strip(v: VersionRecord): VersionSummary {
  const { artifact: _a, params: _p, leaderboard: _l, evaluation: _e, jobId: _j, ...rest } = v;
  return rest;
}
