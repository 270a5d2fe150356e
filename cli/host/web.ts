// The web host of `sightline open`: the renderer and the engine API over loopback HTTP, for a
// browser instead of Electron (and for the Playwright tests).
//
// Security model. The server listens on 127.0.0.1 only and rejects any request whose Host header
// is not a loopback name (DNS rebinding). Each session has a random token, handed to the page in
// the URL fragment (http://127.0.0.1:PORT/#token=…): a fragment is never sent to a server, so it
// stays out of logs and Referer headers, and the page keeps it in sessionStorage. Every /api
// request must carry it: POST /api/{method} in the `x-sightline-token` header (a header a
// cross-site form cannot set), GET /api/events in `?token=` (EventSource cannot set headers).
// The static renderer bundle holds no data and is served without the token, under a strict
// Content-Security-Policy (nothing but this origin, no inline script).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import type { EngineEvent } from '../../core/api/index.js';
import { importFile } from '../../core/node/import/importer.js';
import { profileTable } from '../../core/node/profile.js';
import { Workspace } from '../../core/node/workspace/workspace.js';
import type { ModelKind } from '../../models/common/artifact.js';
import { trainAndRegister } from '../../models/common/save.js';
import { trainKind, type KindOptions } from '../../models/train.js';
import { packageRoot, packageVersion } from '../paths.js';
import { createEngine, type Engine, type EngineOptions } from './engine.js';

export interface WebHostOptions {
  workspacePath: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback only; anything else is refused. */
  host?: '127.0.0.1';
  /** The built renderer (default: dist/renderer under the package root). */
  rendererDir?: string;
  /** Builds the sample workspace for `sample.open` (default: buildSample). */
  sample?: EngineOptions['sample'];
}

export interface WebHost {
  /** The page to open, with the session token in its fragment. */
  url: string;
  origin: string;
  port: number;
  token: string;
  engine: Engine;
  close(): Promise<void>;
}

export const TOKEN_HEADER = 'x-sightline-token';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MAX_BODY = 1 << 20;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
};

export async function startWebHost(o: WebHostOptions): Promise<WebHost> {
  const host = o.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error(`the web host listens on 127.0.0.1 only, not ${host}`);
  const rendererDir = resolve(o.rendererDir ?? join(packageRoot(), 'dist', 'renderer'));
  const token = randomBytes(32).toString('base64url');
  const ws = Workspace.open(o.workspacePath, { create: true });
  const streams = new Set<ServerResponse>();
  // Jobs seen running, so that close() can cancel them instead of waiting for them.
  const live = new Set<string>();
  const emit = (e: EngineEvent) => {
    if (e.type === 'job.progress') live.add(e.jobId);
    else if (e.type === 'job.done' || e.type === 'job.failed') live.delete(e.jobId);
    const frame = `data: ${JSON.stringify(e)}\n\n`;
    for (const s of streams) s.write(frame);
  };
  const engine = createEngine({
    ws,
    emit,
    codeVersion: packageVersion(),
    sample: o.sample ?? buildSample,
  });
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { error: (err as Error).message });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (!isLoopbackHost(req.headers.host, port))
      return send(res, 403, { error: 'this host serves loopback names only' });
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) {
      res.setHeader('Cache-Control', 'no-store');
      const origin = req.headers.origin;
      if (origin !== undefined && !isLoopbackOrigin(origin, port))
        return send(res, 403, { error: 'cross-origin requests are refused' });
      if (url.pathname === '/api/events' && req.method === 'GET') {
        if (!sameToken(url.searchParams.get('token'), token))
          return send(res, 401, { error: 'missing or wrong session token' });
        return openStream(req, res);
      }
      if (!sameToken(header(req, TOKEN_HEADER), token))
        return send(res, 401, { error: 'missing or wrong session token' });
      if (req.method !== 'POST') return send(res, 405, { error: 'use POST' });
      const method = decodeURIComponent(url.pathname.slice('/api/'.length));
      let params: unknown;
      try {
        const body = await readBody(req);
        params = body.length ? JSON.parse(body) : {};
      } catch (err) {
        return send(res, 400, { error: `bad request body: ${(err as Error).message}` });
      }
      try {
        return send(res, 200, (await engine.call(method, params)) ?? null);
      } catch (err) {
        return send(res, 400, { error: (err as Error).message });
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'use GET' });
    return serveStatic(url.pathname, res);
  }

  function openStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    streams.add(res);
    // A comment every 15 s keeps idle connections from being closed by anything in between.
    const beat = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(beat);
      streams.delete(res);
    });
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    if (!existsSync(join(rendererDir, 'index.html'))) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('The renderer is not built: run `npm run build:renderer`.\n');
      return;
    }
    const rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const file = resolve(rendererDir, rel);
    if (
      !file.startsWith(rendererDir + sep) ||
      !existsSync(file) ||
      !statSync(file).isFile() ||
      !TYPES[extname(file)]
    )
      return send(res, 404, { error: 'not found' });
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)]!,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Cache-Control': rel === 'index.html' ? 'no-cache' : 'max-age=3600',
    });
    res.end(readFileSync(file));
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(o.port ?? 0, host, () => ok());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    engine,
    close: async () => {
      for (const s of streams) s.end();
      streams.clear();
      const closed = new Promise<void>((ok) => server.close(() => ok()));
      server.closeAllConnections();
      await closed;
      for (const jobId of live) await engine.call('jobs.cancel', { jobId });
      await engine.idle();
      ws.close();
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(text);
}

function header(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return typeof v === 'string' ? v : null;
}

function sameToken(given: string | null, token: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

function isLoopbackHost(host: string | undefined, port: number): boolean {
  return host !== undefined && LOOPBACK_NAMES.some((n) => host === `${n}:${port}`);
}

function isLoopbackOrigin(origin: string, port: number): boolean {
  return LOOPBACK_NAMES.some((n) => origin === `http://${n}:${port}`);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('larger than 1 MiB');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The models of the sample workspace; the same four as `sightline demo` (cli/commands/demo.ts),
 * each on the tables whose planted signal sample-data/README.md describes, with lighter
 * settings so a new user sees them soon: 3 folds (not 5), failure on gbdt alone (what auto
 * picks there), demand with 60 trees at learning rate 0.2 (WAPE 0.53 against 0.527 with 150
 * trees; Holt-Winters 0.539), and demand, the slowest, last.
 */
const SAMPLE_MODELS: { kind: ModelKind; options: KindOptions }[] = [
  {
    kind: 'churn',
    options: { table: 'transactions', attributes: 'customers', learner: 'auto', folds: 3 },
  },
  {
    kind: 'ltv',
    options: { table: 'transactions', attributes: 'customers', learner: 'auto', folds: 3 },
  },
  {
    kind: 'failure',
    options: {
      table: 'telemetry',
      events: 'failures',
      attributes: 'devices',
      learner: 'gbdt',
      folds: 3,
    },
  },
  {
    kind: 'demand',
    options: {
      table: 'sales',
      holidays: 'holidays',
      params: { gbdt: { trees: 60, learning_rate: 0.2 } },
    },
  },
];

/** `sample.open`: imports and profiles the bundled sample data, then trains the four kinds. */
export async function buildSample(
  ws: Workspace,
  signal: AbortSignal,
  progress: (stage: string) => void,
): Promise<void> {
  const dataDir = join(packageRoot(), 'sample-data', 'small');
  const files = readdirSync(dataDir)
    .filter((f) => f.endsWith('.csv'))
    .sort();
  const present = new Set(ws.listDatasets().map((d) => d.name));
  for (const f of files) {
    if (present.has(f.replace(/\.csv$/, ''))) continue;
    progress(`importing ${f}`);
    const [r] = await importFile(ws, join(dataDir, f), { signal });
    await profileTable(ws, r!.table, { signal });
  }
  for (const m of SAMPLE_MODELS) {
    progress(`training ${m.kind}`);
    await trainAndRegister(
      ws,
      m.kind,
      { kind: m.kind, ...m.options },
      (onProgress) =>
        trainKind(ws, m.kind, {
          ...m.options,
          codeVersion: packageVersion(),
          signal,
          onProgress,
        }),
      (p) => progress(`training ${m.kind}: ${p.stage}${p.candidate ? ` ${p.candidate}` : ''}`),
    );
  }
}
