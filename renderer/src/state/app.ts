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
