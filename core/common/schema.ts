// Column types a workspace table can hold, shared by import, profiling and the model kinds.

/** The logical type of a column, as inferred on import or set by the user. */
export const COLUMN_TYPES = [
  'integer',
  'real',
  'boolean',
  'date',
  'datetime',
  'categorical',
  'text',
] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export function isColumnType(s: string): s is ColumnType {
  return (COLUMN_TYPES as readonly string[]).includes(s);
}

/** The SQLite declared type used for each logical type (dates are ISO-8601 text). */
export const SQL_TYPE: Record<ColumnType, string> = {
  integer: 'INTEGER',
  real: 'REAL',
  boolean: 'INTEGER',
  date: 'TEXT',
  datetime: 'TEXT',
  categorical: 'TEXT',
  text: 'TEXT',
};
