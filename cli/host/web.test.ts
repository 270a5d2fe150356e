// The web host over real loopback HTTP: the token gate, the Host check, the CSP on the page, an
// API call, and a job's events on the Server-Sent Events stream.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../core/api/index.js';
import { tempDir } from '../../tests/helpers/tmp.js';
import { startWebHost, TOKEN_HEADER, type WebHost } from './web.js';

const dir = tempDir();
let host: WebHost;

beforeAll(async () => {
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Sightline</title>');
  host = await startWebHost({
    workspacePath: join(dir, 'web.sightline'),
    host: '127.0.0.1',
    rendererDir,
  });
});
afterAll(() => host.close());

const call = (method: string, params: unknown, token: string | null = host.token) =>
  fetch(`${host.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { [TOKEN_HEADER]: token } : {}) },
    body: JSON.stringify(params),
  });

/** A raw GET with a chosen Host header (fetch does not let a caller set it). */
function getWithHost(path: string, hostHeader: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, headers: { host: hostHeader } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('web host', () => {
  it('gives a loopback URL with the token in the fragment', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(40);
  });

  it('serves the page with a strict Content-Security-Policy', async () => {
    const res = await fetch(`${host.origin}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect((await fetch(`${host.origin}/../../etc/passwd`)).status).toBe(404);
  });

  it('refuses API requests without the right token', async () => {
    expect((await call('workspace.info', {}, null)).status).toBe(401);
    expect((await call('workspace.info', {}, 'x'.repeat(host.token.length))).status).toBe(401);
    expect((await fetch(`${host.origin}/api/events`)).status).toBe(401);
  });

  it('refuses a non-loopback Host header and a foreign Origin', async () => {
    expect(await getWithHost('/', `evil.example:${host.port}`)).toBe(403);
    expect(await getWithHost('/', `localhost:${host.port}`)).toBe(200);
    const res = await fetch(`${host.origin}/api/workspace.info`, {
      method: 'POST',
      headers: { [TOKEN_HEADER]: host.token, origin: 'http://evil.example' },
      body: '{}',
    });
    expect(res.status).toBe(403);
  });

  it('answers API calls, and errors with 400 and the message', async () => {
    const res = await call('workspace.info', {});
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ tables: 0, models: 0 });
    const bad = await call('tables.rows', { table: 'nope', offset: -1, limit: 1 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/invalid parameters: offset/);
    const unknown = await call('no.such', {});
    expect(unknown.status).toBe(400);
  });

  it("streams a job's events over Server-Sent Events", async () => {
    const controller = new AbortController();
    const stream = await fetch(`${host.origin}/api/events?token=${host.token}`, {
      signal: controller.signal,
    });
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    const { jobId } = (await (
      await call('import.start', { path: 'sample-data/small/leads.csv' })
    ).json()) as { jobId: string };
    const events: EngineEvent[] = [];
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    while (!events.some((e) => e.type === 'job.done' || e.type === 'job.failed')) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      const frames = buffer.split('\n\n');
      buffer = frames.pop()!;
      for (const f of frames)
        if (f.startsWith('data: ')) events.push(JSON.parse(f.slice(6)) as EngineEvent);
    }
    controller.abort();
    expect(events.some((e) => e.type === 'job.progress' && e.jobId === jobId)).toBe(true);
    expect(events.find((e) => e.type === 'job.done' || e.type === 'job.failed')).toMatchObject({
      type: 'job.done',
      jobId,
      kind: 'import',
    });
    const tables = (await (await call('tables.list', {})).json()) as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(['leads']);
  });
});
