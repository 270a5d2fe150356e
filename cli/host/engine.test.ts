// The API contract end to end in memory: a client over the paired transport, the real engine on
// a real workspace file.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClient, pairedTransport, type EngineEvent } from '../../core/api/index.js';
import { Workspace } from '../../core/node/workspace/workspace.js';
import { tempDir } from '../../tests/helpers/tmp.js';
import { createEngine } from './engine.js';

const dir = tempDir();

describe('engine over the API', () => {
  it('imports, trains, lists and evaluates through the typed client, with job events', async () => {
    const ws = Workspace.open(join(dir, 'api.sightline'), { create: true });
    const events: EngineEvent[] = [];
    let emit: (e: EngineEvent) => void = () => {};
    const engine = createEngine({ ws, emit: (e) => emit(e) });
    const paired = pairedTransport(engine.handlers);
    emit = paired.emit;
    const client = createClient(paired.transport);
    client.on((e) => events.push(e));
    const finished = (jobId: string) =>
      new Promise<EngineEvent>((resolve) => {
        const check = () => {
          const e = events.find(
            (x) => 'jobId' in x && x.jobId === jobId && x.type !== 'job.progress',
          );
          if (e) resolve(e);
          else setTimeout(check, 20);
        };
        check();
      });

    const imp = await client.call('import.start', { path: 'sample-data/small/leads.csv' });
    expect(await finished(imp.jobId)).toMatchObject({ type: 'job.done' });
    expect(events.some((e) => e.type === 'job.progress' && e.jobId === imp.jobId)).toBe(true);
    expect((await client.call('tables.list', {})).map((t) => [t.name, t.rowCount])).toEqual([
      ['leads', 5000],
    ]);
    const page = await client.call('tables.rows', { table: 'leads', offset: 10, limit: 5 });
    expect(page.rows).toHaveLength(5);
    expect(page.rows[0]![0]).toBe('L000011');

    const tr = await client.call('train.start', {
      kind: 'custom',
      options: {
        table: 'leads',
        target: 'converted',
        learner: 'gbdt',
        folds: 2,
        params: { gbdt: { trees: 15 } },
      },
    });
    const done = await finished(tr.jobId);
    expect(done).toMatchObject({ type: 'job.done', result: { name: 'custom', version: 1 } });
    const models = await client.call('models.list', {});
    expect(models.map((m) => `${m.name}@${m.version}`)).toEqual(['custom@1']);
    const ev = await client.call('evaluate.table', { ref: 'custom@1', table: 'leads' });
    expect(ev.metrics.auc).toBeGreaterThan(0.6);

    // parameters are validated by the schema before anything runs
    await expect(
      client.call('tables.rows', { table: 'leads', offset: -1, limit: 5 }),
    ).rejects.toThrow(/invalid parameters: offset/);
    await expect(
      client.call('train.start', { kind: 'forecast' as never, options: { table: 'leads' } }),
    ).rejects.toThrow(/kind/);

    // cancelling a training job leaves the registry as it was
    const slow = await client.call('train.start', {
      kind: 'custom',
      options: { table: 'leads', target: 'converted', learner: 'gbdt', folds: 5 },
    });
    expect(await client.call('jobs.cancel', { jobId: slow.jobId })).toEqual({ cancelled: true });
    expect(await finished(slow.jobId)).toMatchObject({ type: 'job.failed', cancelled: true });
    expect((await client.call('models.list', {})).length).toBe(1);
    await engine.idle();
    ws.close();
  }, 60_000);
});
