// The scoring server end to end: a churn model trained on sample-data/small/leads.csv, exported
// to a folder as `sightline models export` writes it, served on loopback and called with fetch.
// Predictions must equal `sightline predict` (models/score.ts) on the same rows.
// It crosses layers (trains with models/, serves with cli/commands/serve.ts's table engine), so it
// lives in tests/.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableEngine } from '../../cli/commands/serve.js';
import type { ModelArtifact } from '../../models/common/artifact.js';
import { trainAndRegister } from '../../models/common/save.js';
import { scoreTable, trainTabular } from '../../models/common/tabular.js';
import { predict } from '../../models/score.js';
import { tempDir } from '../helpers/tmp.js';
import { importFile } from '../../core/node/import/importer.js';
import { Registry } from '../../core/node/registry/registry.js';
import { loadTable, type TableData } from '../../core/node/table-data.js';
import { Workspace } from '../../core/node/workspace/workspace.js';
import { createServer, listen, ServeError } from '../../core/node/serve/server.js';
import { DirStore, WorkspaceStore } from '../../core/node/serve/store.js';

const dir = tempDir('sightline-serve-');
const modelsDir = join(dir, 'models');
const logPath = join(dir, 'predictions.jsonl');
let ws: Workspace;
let artifact: ModelArtifact;
let table: TableData;
const servers: FastifyInstance[] = [];
let url = '';

async function train(): Promise<number> {
  const saved = await trainAndRegister(ws, 'churn', {}, (onProgress) =>
    trainTabular(ws, {
      kind: 'churn',
      name: 'leads',
      table: 'leads',
      target: 'converted',
      learner: 'gbdt',
      folds: 2,
      params: { gbdt: { trees: 20 } },
      onProgress,
    }),
  );
  return saved.version;
}

/** Writes a registry version as `sightline models export` does. */
function exportTo(path: string, ref: string) {
  const { evaluation: _e, ...record } = new Registry(ws).get(ref);
  writeFileSync(path, `${JSON.stringify(record)}\n`);
  return record;
}

/** Row i of the leads table as a JSON record: the id (when the model has one) and the inputs. */
function recordOf(i: number): Record<string, unknown> {
  const id = artifact.roles.id;
  return Object.fromEntries(
    [...(id ? [id] : []), ...artifact.input.map((f) => f.name)].map((name) => {
      const c = table.columns.find((x) => x.name === name)!;
      if (c.kind === 'numeric') return [name, Number.isNaN(c.values[i]!) ? null : c.values[i]];
      return [name, c.codes[i]! < 0 ? null : c.levels[c.codes[i]!]];
    }),
  );
}

let predicted: Record<string, unknown>[] | undefined;

/** `sightline predict` on the whole table with version 1, rows as objects. */
function expected(): Record<string, unknown>[] {
  if (predicted) return predicted;
  const p = predict(artifact, 1, { ws, table: 'leads', where: 'table leads' });
  predicted = p.rows.map((r) => Object.fromEntries(p.columns.map((c, k) => [c, r[k]])));
  return predicted;
}

async function post(path: string, body: unknown, base = url, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function start(opts: Omit<Parameters<typeof createServer<ModelArtifact>>[0], 'engine'>) {
  const app = createServer({ engine: tableEngine, ...opts });
  servers.push(app);
  return listen(app, '127.0.0.1', 0);
}

beforeAll(async () => {
  ws = Workspace.open(join(dir, 'w.sightline'), { create: true });
  await importFile(ws, 'sample-data/small/leads.csv', { table: 'leads' });
  expect(await train()).toBe(1);
  mkdirSync(modelsDir);
  artifact = exportTo(join(modelsDir, 'leads.json'), 'leads@1').artifact as ModelArtifact;
  table = loadTable(ws, 'leads');
  url = await start({
    store: new DirStore(modelsDir, tableEngine, { debounceMs: 50 }),
    log: logPath,
  });
});

afterAll(async () => {
  for (const s of servers) await s.close();
  ws?.close();
});

describe('sightline serve', () => {
  it('answers /health and lists the model with its input schema', async () => {
    expect(await (await fetch(`${url}/health`)).json()).toEqual({ ok: true, models: 1 });
    const m = (await (await fetch(`${url}/models`)).json()) as {
      models: Record<string, unknown>[];
    };
    expect(m.models).toHaveLength(1);
    expect(m.models[0]).toMatchObject({
      name: 'leads',
      version: 1,
      kind: 'churn',
      mode: 'table',
      predict: true,
      input: artifact.input,
    });
    expect(Object.keys(m.models[0]!.metrics as object)).toContain('auc');
  });

  it('scores one record as the engine scores the same row of the table', async () => {
    const r = await post('/predict/leads', recordOf(0));
    expect(r.status).toBe(200);
    expect(r.body).toEqual(expected()[0]);
    const s = scoreTable(artifact, table.columns, table.rows, 'table leads');
    expect(r.body.churn_probability).toBe(Number(s.binary!.probability[0]!.toFixed(4)));
    expect(Object.keys(r.body)).toEqual([
      ...(artifact.roles.id ? [artifact.roles.id] : []),
      'churn_probability',
      'is_at_risk',
      'risk_level',
      'risk_factors',
      'recommendation',
      'model_version',
    ]);
    expect(r.body.model_version).toBe('leads@1');
  });

  it('scores a batch given as {records} or as an array, in order', async () => {
    const want = expected().slice(0, 25);
    const records = want.map((_, i) => recordOf(i));
    const a = await post('/predict/leads/batch', { records });
    expect(a.status).toBe(200);
    expect(a.body).toEqual(want);
    expect((await post('/predict/leads/batch', records)).body).toEqual(want);
    expect((await post('/predict/leads/batch', [])).body).toEqual([]);
  });

  it('returns drift for a batch with ?drift=1, from the profile inside the model', async () => {
    const same = Array.from({ length: 400 }, (_, i) => recordOf(i));
    const ok = await post('/predict/leads/batch?drift=1&factors=0', same);
    expect(ok.status).toBe(200);
    const body = ok.body as unknown as {
      predictions: unknown[];
      drift: { verdict: string; features: { name: string; verdict: string }[] };
    };
    expect(body.predictions).toHaveLength(400);
    expect(body.drift.features.length).toBe(artifact.input.length);
    expect(body.drift.verdict).not.toBe('drift');
    // the same rows with one numeric column shifted far out of its range
    const num = artifact.input.find((f) => f.kind === 'numeric')!.name;
    const shifted = same.map((r) => ({ ...r, [num]: Number(r[num] ?? 0) * 10 + 1000 }));
    const bad = (await post('/predict/leads/batch?drift=1&factors=0', shifted)).body as unknown as {
      drift: { features: { name: string; verdict: string }[] };
    };
    expect(bad.drift.features.find((f) => f.name === num)!.verdict).toBe('drift');
  });

  it('leaves the explanation out with ?factors=0', async () => {
    const { risk_factors: _f, ...rest } = expected()[0]!;
    const r = await post('/predict/leads?factors=0', recordOf(0));
    expect(r.body).toEqual(rest);
    expect((await post('/predict/leads/batch?factors=0', [recordOf(0)])).body).toEqual([rest]);
    const one = await post('/predict/leads?factors=1', recordOf(0));
    expect(String(one.body.risk_factors).split('; ')).toHaveLength(1);
    expect((await post('/predict/leads?factors=x', recordOf(0))).status).toBe(400);
  });

  it('accepts null for missing values', async () => {
    const rec = Object.fromEntries(artifact.input.map((f) => [f.name, null]));
    const r = await post('/predict/leads', rec);
    expect(r.status).toBe(200);
    expect(typeof r.body.churn_probability).toBe('number');
  });

  it('rejects input that does not match the schema, field by field', async () => {
    const num = artifact.input.find((f) => f.kind === 'numeric')!.name;
    const cat = artifact.input.find((f) => f.kind === 'categorical')!.name;
    const { [cat]: _dropped, ...rest } = recordOf(0);
    const r = await post('/predict/leads', { ...rest, [num]: 'many', colour: 'red' });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/does not match model leads@1/);
    expect(r.body.details).toEqual(
      expect.arrayContaining([
        { path: 'colour', message: expect.stringMatching(/^unknown field/) },
        { path: num, message: 'expected a number or null, got string "many"' },
        { path: cat, message: 'missing required field (send null if unknown)' },
      ]),
    );
    expect((r.body.details as unknown[]).length).toBe(3);
    const b = await post('/predict/leads/batch', [recordOf(0), { ...recordOf(1), [cat]: [1] }]);
    expect(b.status).toBe(400);
    expect(b.body.details).toEqual([
      { path: `records[1].${cat}`, message: 'expected a string or null, got an array' },
    ]);
    expect((await post('/predict/leads/batch', { rows: [] })).status).toBe(400);
    expect((await post('/predict/leads', [1, 2])).body.details).toEqual([
      { path: '(body)', message: 'expected a JSON object, got an array' },
    ]);
    expect((await post('/predict/leads', '{"broken"')).status).toBe(400);
    const missing = await post('/predict/nope', recordOf(0));
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatch(/no model named "nope" \(models: leads\)/);
  });

  it('needs the bearer token when given one, and refuses to bind off loopback without', async () => {
    const secured = await start({
      store: new DirStore(modelsDir, tableEngine),
      token: 's3cret',
      bodyLimit: 4096,
    });
    expect((await post('/predict/leads', recordOf(0), secured)).status).toBe(401);
    const wrong = { authorization: 'Bearer nope' };
    expect((await post('/predict/leads', recordOf(0), secured, wrong)).status).toBe(401);
    expect((await fetch(`${secured}/models`)).status).toBe(401);
    expect((await fetch(`${secured}/health`)).status).toBe(200);
    const ok = await post('/predict/leads', recordOf(0), secured, {
      authorization: 'Bearer s3cret',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual(expected()[0]);
    // Body limit: 4 KiB; 100 records are well over it.
    const big = await post(
      '/predict/leads/batch',
      Array.from({ length: 100 }, (_, i) => recordOf(i)),
      secured,
      { authorization: 'Bearer s3cret' },
    );
    expect(big.status).toBe(413);
    expect(big.body.error).toMatch(/larger than the limit of 4096 bytes/);
    const store = new DirStore(modelsDir, tableEngine);
    expect(() => createServer({ store, engine: tableEngine, host: '0.0.0.0' })).toThrow(ServeError);
    store.close();
    expect(() =>
      createServer({ store, engine: tableEngine, host: '0.0.0.0', token: 't' }),
    ).not.toThrow();
  });

  it('publishes an OpenAPI document and self-contained HTML docs', async () => {
    const doc = (await (await fetch(`${url}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { required?: string[] }> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/health', '/models', '/predict/leads', '/predict/leads/batch']),
    );
    expect(doc.components.schemas['leads.input']!.required).toEqual(
      artifact.input.map((f) => f.name),
    );
    const res = await fetch(`${url}/docs`);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('/predict/leads');
    expect(html).not.toMatch(/<script|<link|https?:\/\/(?!127\.0\.0\.1)/);
  });

  it('logs every prediction as a JSON line', async () => {
    const lines = readFileSync(logPath, 'utf8').trim().split('\n');
    const first = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(first)).toEqual(['time', 'model', 'version', 'input', 'output']);
    expect(first).toMatchObject({ model: 'leads', version: 1, input: recordOf(0) });
    expect(lines.length).toBeGreaterThanOrEqual(1 + 25 + 25 + 1);
  });

  it('reloads when a model file changes; other modes are listed but answer 422', async () => {
    expect(await train()).toBe(2);
    exportTo(join(modelsDir, 'leads.json'), 'leads@2');
    writeFileSync(
      join(modelsDir, 'tx.json'),
      JSON.stringify({ ...artifact, name: 'tx', mode: 'transactions' }),
    );
    writeFileSync(join(modelsDir, 'notes.json'), '{"not": "a model"}');
    let models: { name: string; version: number | null; predict: boolean }[] = [];
    for (let t = 0; t < 100; t++) {
      models = ((await (await fetch(`${url}/models`)).json()) as { models: typeof models }).models;
      if (models.some((m) => m.version === 2) && models.length === 2) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(models.map((m) => [m.name, m.version, m.predict])).toEqual([
      ['leads', 2, true],
      ['tx', null, false],
    ]);
    expect((await post('/predict/leads', recordOf(0))).body.model_version).toBe('leads@2');
    const tx = await post('/predict/tx', recordOf(0));
    expect(tx.status).toBe(422);
    expect(tx.body.error).toMatch(/transactions mode/);
    const all = (await (await fetch(`${url}/models`)).json()) as { problems: string[] };
    expect(all.problems).toEqual([expect.stringMatching(/notes\.json is not a Sightline model/)]);
  });

  it("serves a workspace's registry: the production version, else the latest", async () => {
    const served = await start({
      store: new WorkspaceStore(ws.path, tableEngine, { intervalMs: 0 }),
    });
    const versions = async () =>
      ((await (await fetch(`${served}/models`)).json()) as { models: { version: number }[] })
        .models[0]!.version;
    expect(await versions()).toBe(2);
    new Registry(ws).setStage('leads@1', 'production');
    expect(await versions()).toBe(1);
    const r = await post('/predict/leads', recordOf(0), served);
    expect(r.body).toEqual(expected()[0]);
  });
});
