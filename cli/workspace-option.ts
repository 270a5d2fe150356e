// The --workspace option every command shares; SIGHTLINE_WORKSPACE is its default.
import { Workspace } from '../core/node/workspace/workspace.js';
import { UsageError } from './output.js';

export function workspacePath(given: string | undefined): string {
  const path = given ?? process.env.SIGHTLINE_WORKSPACE;
  if (!path)
    throw new UsageError('name a workspace file with --workspace W (or set SIGHTLINE_WORKSPACE)');
  return path;
}

export function openWorkspace(given: string | undefined, create = false): Workspace {
  return Workspace.open(workspacePath(given), { create });
}
