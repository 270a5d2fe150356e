// What the workspace holds (info, tables, model versions), refreshed when the engine says it
// changed.
import type { Client, Result } from '../../../core/api/index.js';

export class WorkspaceState {
  info = $state<Result<'workspace.info'> | undefined>(undefined);
  tables = $state<Result<'tables.list'>>([]);
  models = $state<Result<'models.list'>>([]);
  error = $state<string | undefined>(undefined);

  constructor(private client: Client) {
    client.on((e) => {
      if (e.type === 'workspace.changed') void this.refresh();
    });
    void this.refresh();
  }

  async refresh(): Promise<void> {
    try {
      [this.info, this.tables, this.models] = await Promise.all([
        this.client.call('workspace.info', {}),
        this.client.call('tables.list', {}),
        this.client.call('models.list', {}),
      ]);
      this.error = undefined;
    } catch (err) {
      this.error = (err as Error).message;
    }
  }
}
