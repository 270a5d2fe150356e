// The state every page shares: the API client, the router, jobs and the workspace's contents.
import { createClient, type Transport, type Client } from '../../../core/api/index.js';
import { webTransport } from '../transport.js';
import { Jobs } from './jobs.svelte.js';
import { Router } from './router.svelte.js';
import { WorkspaceState } from './workspace.svelte.js';

export interface AppState {
  client: Client;
  router: Router;
  jobs: Jobs;
  workspace: WorkspaceState;
}

/** In the desktop app the preload exposes `window.sightline`, a Transport over Electron IPC. */
export function desktopTransport(): Transport | undefined {
  return (globalThis as { sightline?: Transport }).sightline;
}

/** What the desktop preload adds beside the Transport: native dialogs and dropped-file paths. */
export interface DesktopFiles {
  /** The native open dialog; the chosen path, or null when cancelled. */
  chooseFile(): Promise<string | null>;
  /** The native save dialog; the chosen path, or null when cancelled. */
  chooseSavePath(defaultPath?: string): Promise<string | null>;
  /** The path on disk of a file dropped on the window. */
  pathForFile(file: File): string;
}

/** The desktop's file helpers, or undefined in web mode (a browser never sees a file's path). */
export function desktopFiles(): DesktopFiles | undefined {
  const s = (globalThis as { sightline?: Partial<DesktopFiles> }).sightline;
  return s?.chooseFile && s.chooseSavePath && s.pathForFile ? (s as DesktopFiles) : undefined;
}

export function createAppState(token: string | null): AppState {
  const desktop = desktopTransport();
  const client = createClient(desktop ?? webTransport(token ?? ''));
  return {
    client,
    router: new Router(),
    jobs: new Jobs(client),
    workspace: new WorkspaceState(client),
  };
}
