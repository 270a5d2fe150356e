// Column names: kept exactly as written, except that empty and duplicate names (SQLite compares
// names without regard to case) get unique ones, and each change is noted for the import report.

export interface Rename {
  position: number;
  original: string;
  name: string;
  reason: 'empty' | 'duplicate' | 'nul';
}

export function uniqueColumnNames(raw: readonly string[]): { names: string[]; renames: Rename[] } {
  const taken = new Set<string>();
  for (const r of raw) if (r.trim() !== '') taken.add(r.toLowerCase());
  const seen = new Set<string>();
  const names: string[] = [];
  const renames: Rename[] = [];
  raw.forEach((original, i) => {
    let name = original;
    let reason: Rename['reason'] | undefined;
    if (name.includes('\0')) {
      name = name.replaceAll('\0', '');
      reason = 'nul';
    }
    if (name.trim() === '') {
      name = `column_${i + 1}`;
      reason = 'empty';
    }
    let key = name.toLowerCase();
    if (seen.has(key) || (reason === 'empty' && taken.has(key))) {
      const base = reason === 'empty' ? name : original;
      reason ??= 'duplicate';
      for (let k = 2; ; k++) {
        const candidate = `${base}_${k}`;
        if (!seen.has(candidate.toLowerCase()) && !taken.has(candidate.toLowerCase())) {
          name = candidate;
          break;
        }
      }
      key = name.toLowerCase();
    }
    seen.add(key);
    names.push(name);
    if (reason) renames.push({ position: i, original, name, reason });
  });
  return { names, renames };
}

/** The default table name for a file: its base name without extensions such as .csv.gz. */
export function tableNameFromPath(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  const stripped = base
    .replace(/(\.(gz|gzip))?$/i, '')
    .replace(/\.(csv|tsv|txt|psv|jsonl|ndjson|json|parquet|sqlite3?|db)$/i, '');
  return stripped.length > 0 ? stripped : base;
}
