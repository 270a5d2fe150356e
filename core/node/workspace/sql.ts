// SQL text helpers: every user-supplied name reaches SQL only through quoteIdent.

/** Quotes an identifier for SQLite: `x"; DROP TABLE t;--` becomes one harmless name. */
export function quoteIdent(name: string): string {
  if (name.includes('\0'))
    throw new Error(`a name cannot contain a NUL character: ${JSON.stringify(name)}`);
  return `"${name.replaceAll('"', '""')}"`;
}

/** Names reserved for the workspace's own tables; user tables may not take them. */
export function isReservedTableName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('sl_') || lower.startsWith('sqlite_');
}
