// Jobs the UI started or saw: their latest progress from the engine's events, and a promise for
// their end. Components read `get(id)`; the state is reactive.
import type { Client, EngineEvent } from '../../../core/api/index.js';

export interface JobView {
  id: string;
  kind: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  stage: string;
  fraction?: number;
  detail?: string;
  error?: string;
  result?: unknown;
}

export class Jobs {
  byId = $state<Record<string, JobView>>({});
  private waiters = new Map<string, ((j: JobView) => void)[]>();

  constructor(private client: Client) {
    client.on((e) => this.apply(e));
  }

  get(id: string | undefined): JobView | undefined {
    return id ? this.byId[id] : undefined;
  }

  /** Registers a job just started, so its progress shows before the first event. */
  track(id: string, kind: string): void {
    this.byId[id] ??= { id, kind, state: 'running', stage: 'starting' };
  }

  /** Resolves with the job's final state. */
  finished(id: string): Promise<JobView> {
    const j = this.byId[id];
    if (j && j.state !== 'running') return Promise.resolve(j);
    return new Promise((resolve) =>
      this.waiters.set(id, [...(this.waiters.get(id) ?? []), resolve]),
    );
  }

  cancel(id: string): Promise<unknown> {
    return this.client.call('jobs.cancel', { jobId: id });
  }

  private apply(e: EngineEvent): void {
    if (e.type === 'workspace.changed') return;
    const j = (this.byId[e.jobId] ??= { id: e.jobId, kind: e.kind, state: 'running', stage: '' });
    if (e.type === 'job.progress') {
      j.stage = e.stage;
      j.fraction = e.fraction;
      j.detail = e.detail;
      return;
    }
    if (e.type === 'job.done') {
      j.state = 'done';
      j.fraction = 1;
      j.result = e.result;
    } else {
      j.state = e.cancelled ? 'cancelled' : 'failed';
      j.error = e.error;
    }
    const done = { ...j };
    this.waiters.get(e.jobId)?.forEach((w) => w(done));
    this.waiters.delete(e.jobId);
  }
}
