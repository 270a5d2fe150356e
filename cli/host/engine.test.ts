// The API contract end to end in memory: a client over the paired transport, the real engine on
// a real workspace file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClient, pairedTransport, type EngineEvent } from '../../core/api/index.js';
import { decodeModel } from '../../core/common/onnx/index.js';
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

  it('previews a file with the importer inference and imports it with type overrides', async () => {
    const ws = Workspace.open(join(dir, 'preview.sightline'), { create: true });
    let emit: (e: EngineEvent) => void = () => {};
    const engine = createEngine({ ws, emit: (e) => emit(e) });
    const paired = pairedTransport(engine.handlers);
    emit = paired.emit;
    const client = createClient(paired.transport);
    const done = new Map<string, EngineEvent>();
    client.on((e) => {
      if ((e.type === 'job.done' || e.type === 'job.failed') && 'jobId' in e) done.set(e.jobId, e);
    });
    const finished = async (jobId: string) => {
      while (!done.has(jobId)) await new Promise((r) => setTimeout(r, 20));
      return done.get(jobId)!;
    };

    const p = await client.call('import.preview', { path: 'sample-data/small/leads.csv' });
    expect(p).toMatchObject({
      format: 'csv',
      delimiter: ',',
      table: 'leads',
      rowEstimate: 5000,
      rowEstimateExact: true,
      sampleRows: 5000,
    });
    expect(p.types).toEqual(expect.arrayContaining(['integer', 'real', 'categorical', 'text']));
    const type = Object.fromEntries(p.columns.map((c) => [c.name, c.type]));
    expect(type).toMatchObject({ created_date: 'date', company_size: 'integer' });
    expect(p.columns.find((c) => c.name === 'lead_id')!.idLike).toBe(true);
    expect(p.rows).toHaveLength(20);
    expect(p.rows[1]![0]).toBe('L000002');
    expect(p.rows[0]).toHaveLength(p.columns.length);
    expect((await client.call('tables.list', {})).length).toBe(0); // nothing written

    // the same types as an import infers
    const plain = await client.call('import.start', { path: 'sample-data/small/leads.csv' });
    expect(await finished(plain.jobId)).toMatchObject({ type: 'job.done' });
    const imported = await client.call('tables.columns', { table: 'leads' });
    expect(imported.map((c) => [c.name, c.type])).toEqual(p.columns.map((c) => [c.name, c.type]));

    // overrides and the table name
    const typed = await client.call('import.start', {
      path: 'sample-data/small/leads.csv',
      table: 'leads_typed',
      types: { company_size: 'real', country: 'text' },
    });
    expect(await finished(typed.jobId)).toMatchObject({ type: 'job.done' });
    const cols = await client.call('tables.columns', { table: 'leads_typed' });
    expect(cols.find((c) => c.name === 'company_size')!.type).toBe('real');
    expect(cols.find((c) => c.name === 'country')!.type).toBe('text');
    const bad = await client.call('import.start', {
      path: 'sample-data/small/leads.csv',
      table: 'leads_bad',
      types: { nope: 'real' },
    });
    expect(await finished(bad.jobId)).toMatchObject({ type: 'job.failed', error: /nope/ });
    await expect(
      client.call('import.start', {
        path: 'sample-data/small/leads.csv',
        types: { company_size: 'float' as never },
      }),
    ).rejects.toThrow(/types/);
    await expect(
      client.call('import.preview', { path: join(dir, 'missing.csv') }),
    ).rejects.toThrow();
    await engine.idle();
    ws.close();
  }, 60_000);

  it('scores and saves, exports with parity, explains a row and plots the BG/NBD fit', async () => {
    const ws = Workspace.open(join(dir, 'use.sightline'), { create: true });
    let emit: (e: EngineEvent) => void = () => {};
    const engine = createEngine({ ws, emit: (e) => emit(e) });
    const paired = pairedTransport(engine.handlers);
    emit = paired.emit;
    const client = createClient(paired.transport);
    const done = new Map<string, EngineEvent>();
    client.on((e) => {
      if ((e.type === 'job.done' || e.type === 'job.failed') && 'jobId' in e) done.set(e.jobId, e);
    });
    const run = async (p: Promise<{ jobId: string }>) => {
      const { jobId } = await p;
      while (!done.has(jobId)) await new Promise((r) => setTimeout(r, 20));
      expect(done.get(jobId)).toMatchObject({ type: 'job.done' });
    };
    for (const f of ['leads', 'transactions', 'customers'])
      await run(client.call('import.start', { path: `sample-data/small/${f}.csv` }));
    await run(
      client.call('train.start', {
        kind: 'custom',
        options: {
          table: 'leads',
          target: 'converted',
          learner: 'gbdt',
          folds: 2,
          params: { gbdt: { trees: 15 } },
        },
      }),
    );
    await run(
      client.call('train.start', {
        kind: 'churn',
        options: { table: 'transactions', attributes: 'customers', learner: 'glm', folds: 2 },
      }),
    );
    await run(
      client.call('train.start', {
        kind: 'ltv',
        options: { table: 'transactions', learner: 'glm', folds: 2 },
      }),
    );

    // score a table into a file and a new table; score a file by path
    const csv = join(dir, 'leads-scores.csv');
    const s = await client.call('score.save', {
      ref: 'custom@1',
      table: 'leads',
      out: csv,
      saveTable: 'leads_scores',
    });
    expect(s).toMatchObject({ rows: 5000, out: csv, table: 'leads_scores' });
    expect(s.columns).toContain('positive_probability');
    expect(readFileSync(csv, 'utf8').split('\n')[0]).toMatch(/^lead_id,positive_probability,/);
    expect(
      (await client.call('tables.list', {})).find((t) => t.name === 'leads_scores'),
    ).toMatchObject({
      rowCount: 5000,
    });
    const f = await client.call('score.save', {
      ref: 'churn@1',
      input: 'sample-data/small/transactions.csv',
      out: join(dir, 'churn.jsonl'),
    });
    expect(f.rows).toBeGreaterThan(100);
    expect(f.rejected).toBe(0);
    const line = JSON.parse(
      readFileSync(join(dir, 'churn.jsonl'), 'utf8').split('\n')[0]!,
    ) as Record<string, unknown>;
    expect(line).toHaveProperty('churn_probability');
    await expect(client.call('score.save', { ref: 'custom@1', table: 'leads' })).rejects.toThrow(
      /where the predictions go/,
    );

    // export: ONNX of a table model and of a transaction-log model (features in), scorer, JSON
    const onnx = join(dir, 'leads.onnx');
    const x = await client.call('export.model', { ref: 'custom@1', format: 'onnx', out: onnx });
    expect(x).toMatchObject({
      format: 'onnx',
      out: onnx,
      inputs: 'columns',
      parity: { passed: true },
    });
    expect(x.parity!.maxAbsDifference).toBeLessThanOrEqual(1e-5);
    expect(x.bytes).toBe(readFileSync(onnx).length);
    const churnOnnx = join(dir, 'churn.onnx');
    const c = await client.call('export.model', { ref: 'churn@1', format: 'onnx', out: churnOnnx });
    expect(c).toMatchObject({ inputs: 'features', parity: { passed: true } });
    expect(c.inputNames).toContain('recency_days');
    const meta = Object.fromEntries(
      decodeModel(readFileSync(churnOnnx)).metadataProps.map((p) => [p.key, p.value]),
    );
    expect(meta).toMatchObject({ kind: 'churn', input_kind: 'features', parity_passed: 'true' });
    const sc = await client.call('export.model', {
      ref: 'custom@1',
      format: 'scorer',
      out: join(dir, 'leads.mjs'),
    });
    expect(sc.parity).toMatchObject({ passed: true, rows: 2000 });
    const js = await client.call('export.model', {
      ref: 'ltv@1',
      format: 'json',
      out: join(dir, 'ltv.json'),
    });
    expect(js.parity).toBeNull();
    expect(existsSync(join(dir, 'ltv.json'))).toBe(true);
    await expect(
      client.call('export.model', {
        ref: 'custom@1',
        format: 'onnx',
        out: join(dir, 'x.onnx'),
        table: 'nope',
      }),
    ).rejects.toThrow(/parity check/);

    // what the page offers, with the serve command and a curl request
    const info = await client.call('export.info', { ref: 'custom@1' });
    expect(info).toMatchObject({
      servable: true,
      stem: 'custom-1',
      formats: ['onnx', 'json', 'scorer'],
    });
    expect(info.curl).toMatch(/POST http:\/\/127\.0\.0\.1:8000\/predict\/custom/);
    expect(info.curl).toContain('"company_size":');
    expect(info.serveCommand).toMatch(/^sightline serve --workspace /);
    const churnInfo = await client.call('export.info', { ref: 'churn@1' });
    expect(churnInfo).toMatchObject({ servable: false, trainingTable: 'transactions' });
    expect(churnInfo.formats).toEqual(expect.arrayContaining(['onnx', 'json']));
    expect(churnInfo.curl).toBeUndefined();

    // one row's explanation: contributions add up to prediction − base
    const top = await client.call('explain.row', { ref: 'churn@1' });
    expect(top.idColumn).toBe('customer_id');
    expect(top.prediction).toBe(Math.max(...top.top.map((t) => t.prediction)));
    const someone = top.top[3]!.key;
    const e = await client.call('explain.row', { ref: 'churn@1', key: someone });
    expect(e.key).toBe(someone);
    expect(e.riskLevel).toMatch(/low|medium|high|critical/);
    const sum = e.contributions.reduce((acc, x) => acc + x.contribution, 0);
    expect(sum).toBeCloseTo(e.prediction - e.base, 6);
    const lead = await client.call('explain.row', {
      ref: 'custom@1',
      table: 'leads',
      key: 'L000002',
    });
    expect(lead).toMatchObject({
      idColumn: 'lead_id',
      key: 'L000002',
      output: 'positive_probability',
    });
    const ltv = await client.call('explain.row', { ref: 'ltv@1' });
    expect(ltv.output).toBe('predicted_ltv');
    expect(ltv.contributions.reduce((acc, x) => acc + x.contribution, 0)).toBeCloseTo(
      ltv.prediction - ltv.base,
      4,
    );
    await expect(client.call('explain.row', { ref: 'churn@1', key: 'nobody' })).rejects.toThrow(
      /no customer_id "nobody"/,
    );

    // drift: every feature carries its reference and current rows per bin, on the same bins
    const drift = await client.call('drift.table', { ref: 'churn@1', table: 'transactions' });
    const features = (
      drift.report as {
        features: {
          name: string;
          kind: string;
          rows: number;
          bins: { labels: string[]; reference: number[]; current: number[] };
        }[];
      }
    ).features;
    expect(features.length).toBeGreaterThan(3);
    for (const f of features) {
      expect(f.bins.labels.length).toBeGreaterThan(0);
      expect(f.bins.reference).toHaveLength(f.bins.labels.length);
      expect(f.bins.current).toHaveLength(f.bins.labels.length);
      expect(f.bins.current.reduce((a, b) => a + b, 0)).toBe(f.rows);
    }
    const numeric = features.find((f) => f.kind === 'numeric')!;
    expect(numeric.bins.labels[0]).toMatch(/^≤ /);
    expect(numeric.bins.labels.at(-1)).toMatch(/^> /);

    // BG/NBD plot data
    const clv = await client.call('clv.plots', { ref: 'ltv@1' });
    expect(Object.keys(clv.params)).toEqual(expect.arrayContaining(['r', 'alpha', 'a', 'b']));
    const curve = clv.pAlive.curves[0]!.values;
    expect(curve[0]).toBeGreaterThan(curve.at(-1)!); // silent longer → less likely alive
    expect(clv.distribution.counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
    expect(clv.holdout!.groups.length).toBeGreaterThan(2);
    await expect(client.call('clv.plots', { ref: 'churn@1' })).rejects.toThrow(/BG\/NBD/);
    await engine.idle();
    ws.close();
  }, 120_000);
});
