// Versioned schema of a workspace's own tables. A migration is appended, never edited: a workspace
// records its version in PRAGMA user_version and is migrated forward one step at a time.

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'datasets, columns, jobs',
    sql: `
      CREATE TABLE sl_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
      CREATE TABLE sl_datasets (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        source TEXT NOT NULL,
        source_format TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        row_count INTEGER NOT NULL,
        import_report TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE sl_columns (
        dataset_id INTEGER NOT NULL REFERENCES sl_datasets(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        source_name TEXT,
        type TEXT NOT NULL,
        date_format TEXT,
        role TEXT,
        id_like INTEGER NOT NULL DEFAULT 0,
        profile TEXT,
        profiled_at TEXT,
        PRIMARY KEY (dataset_id, position)
      ) STRICT;
      CREATE TABLE sl_jobs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        params TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed', 'cancelled', 'interrupted')),
        progress TEXT,
        result TEXT,
        error TEXT,
        pid INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        finished_at TEXT
      ) STRICT;
    `,
  },
  {
    version: 2,
    description: 'model registry',
    sql: `
      CREATE TABLE sl_models (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        kind TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE sl_model_versions (
        model_id INTEGER NOT NULL REFERENCES sl_models(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        stage TEXT NOT NULL CHECK (stage IN ('candidate', 'production', 'archived')),
        artifact TEXT NOT NULL,
        metrics TEXT NOT NULL,
        params TEXT NOT NULL,
        leaderboard TEXT NOT NULL,
        evaluation TEXT NOT NULL,
        data_fingerprint TEXT NOT NULL,
        seed INTEGER NOT NULL,
        code_version TEXT NOT NULL,
        job_id TEXT,
        created_at TEXT NOT NULL,
        PRIMARY KEY (model_id, version)
      ) STRICT;
    `,
  },
  {
    version: 3,
    description: 'drift reports',
    sql: `
      CREATE TABLE sl_drift_reports (
        id INTEGER PRIMARY KEY,
        model TEXT NOT NULL,
        version INTEGER,
        source TEXT NOT NULL,
        rows INTEGER NOT NULL,
        verdict TEXT NOT NULL,
        report TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 4,
    description: 'exports with their parity reports',
    sql: `
      CREATE TABLE sl_exports (
        id INTEGER PRIMARY KEY,
        model TEXT NOT NULL,
        version INTEGER NOT NULL,
        format TEXT NOT NULL,
        path TEXT NOT NULL,
        parity TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
