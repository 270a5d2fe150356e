// Import errors name the file and, where there is one, the line and the column.

export type ImportErrorCode =
  | 'empty'
  | 'binary'
  | 'encoding'
  | 'unterminated_quote'
  | 'too_many_columns'
  | 'row_problem'
  | 'schema'
  | 'changed'
  | 'cancelled'
  | 'table_exists'
  | 'format'
  | 'options';

export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    readonly where: { file?: string; line?: number; column?: string } = {},
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/** "file:line: column "x": message", leaving out what is unknown. */
export function located(
  file: string,
  line: number | undefined,
  column: string | undefined,
  message: string,
): string {
  let at = file;
  if (line !== undefined) at += `:${line}`;
  if (column !== undefined) at += `: column ${JSON.stringify(column)}`;
  return `${at}: ${message}`;
}
