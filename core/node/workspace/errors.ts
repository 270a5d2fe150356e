// Errors the workspace raises, with a code a caller (CLI, API) can map to an exit status or message.

export type WorkspaceErrorCode =
  | 'not_found'
  | 'not_a_workspace'
  | 'newer_version'
  | 'corrupt'
  | 'locked'
  | 'read_only'
  | 'disk_full'
  | 'io_error'
  | 'table_exists'
  | 'no_such_table'
  | 'bad_name';

export class WorkspaceError extends Error {
  constructor(
    readonly code: WorkspaceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WorkspaceError';
  }
}
