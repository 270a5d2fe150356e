// The REST scoring server: a fastify app over a model store and a scoring engine. Routes:
// GET /health, GET /models, POST /predict/:model, POST /predict/:model/batch, GET /openapi.json,
// GET /docs. Errors are JSON `{error, details?}`; input errors are 400 with one entry per field.
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { bearerMatches, isLoopback } from './auth.js';
import { renderDocs } from './docs-page.js';
import type { ModelStore, ScoringEngine, ServedArtifact, ServedModel } from './model.js';
import { modelTag } from './model.js';
import { buildOpenApi } from './openapi.js';
import { PredictionLog } from './prediction-log.js';
import { checkRecords, toColumns, type FieldError } from './records.js';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** How long a request may take to arrive, headers and body (ms). */
export const DEFAULT_REQUEST_TIMEOUT = 30_000;
/**
 * Most records in one batch. Scoring runs on the event loop: a 1 MiB batch of ~6,000 records
 * with explanations held every other client for 5–18 s (100 trees; bench:abuse).
 */
export const DEFAULT_MAX_BATCH = 1000;

export interface ServerOptions<A extends ServedArtifact> {
  /** The models; the server closes it when it closes. */
  store: ModelStore<A>;
  engine: ScoringEngine<A>;
  /** The address it will listen on; decides whether a token is required (default 127.0.0.1). */
  host?: string;
  /** Bearer token: required off loopback, honoured on loopback when given. */
  token?: string;
  /** Largest request body in bytes (default 1 MiB); larger ones get 413. */
  bodyLimit?: number;
  /**
   * Longest a request may take to arrive, headers and body, in ms (default 30 s): a client that
   * trickles it (slowloris) is answered 408 and disconnected. Tests shorten it.
   */
  requestTimeout?: number;
  /** Most records in one batch (default 1000); larger batches get 413. */
  maxBatch?: number;
  /** JSON Lines file every prediction is appended to. */
  log?: string;
  /** Sightline's version, for the OpenAPI document. */
  version?: string;
}

export class ServeError extends Error {
  override name = 'ServeError';
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: FieldError[],
  ) {
    super(message);
  }
}

/** Builds the app (not yet listening). Throws ServeError for a setup that must not start. */
export function createServer<A extends ServedArtifact>(o: ServerOptions<A>): FastifyInstance {
  const host = o.host ?? '127.0.0.1';
  const token = o.token === undefined || o.token === '' ? undefined : o.token;
  if (!token && !isLoopback(host))
    throw new ServeError(
      `refusing to serve on ${host} without a token: anyone who can reach it could use the models. Give --token T (clients send "Authorization: Bearer T"), or bind to 127.0.0.1`,
    );
  const bodyLimit = o.bodyLimit ?? DEFAULT_BODY_LIMIT;
  if (!Number.isInteger(bodyLimit) || bodyLimit < 1)
    throw new ServeError(`body limit must be a positive whole number of bytes, not ${bodyLimit}`);
  const requestTimeout = o.requestTimeout ?? DEFAULT_REQUEST_TIMEOUT;
  if (!Number.isInteger(requestTimeout) || requestTimeout < 1)
    throw new ServeError(
      `request timeout must be a positive whole number of ms, not ${requestTimeout}`,
    );
  const maxBatch = o.maxBatch ?? DEFAULT_MAX_BATCH;
  const { store, engine } = o;
  const log = o.log ? new PredictionLog(o.log) : undefined;
  // Fastify's defaults put no limit on how long a body may take (requestTimeout 0) and Node
  // checks its timeouts only every 30 s: slow clients could hold connections forever.
  const app = Fastify({
    bodyLimit,
    logger: false,
    requestTimeout,
    // Idle sockets (connected, sending nothing) are closed too.
    connectionTimeout: 2 * requestTimeout,
    http: {
      requestTimeout,
      headersTimeout: requestTimeout,
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(requestTimeout / 4))),
    },
  });

  const idFields = (m: ServedModel<A>) => {
    const id = m.artifact.roles?.id;
    return id && !m.artifact.input.some((f) => f.name === id) ? [id] : [];
  };
  const find = (name: string): ServedModel<A> => {
    let m = store.models().get(name);
    if (!m) {
      store.refresh();
      m = store.models().get(name);
    }
    if (!m) {
      const names = [...store.models().keys()];
      throw new HttpError(
        404,
        `no model named ${JSON.stringify(name)}${names.length ? ` (models: ${names.join(', ')})` : ' (no models loaded)'}`,
      );
    }
    const why = engine.unsupported(m.artifact);
    if (why)
      throw new HttpError(422, `model ${JSON.stringify(name)} cannot score records here: ${why}`);
    return m;
  };
  const score = (m: ServedModel<A>, records: unknown[], batch: boolean, factors: number) => {
    const ids = idFields(m);
    const errors = checkRecords(m.artifact.input, records, batch, ids);
    if (errors.length > 0)
      throw new HttpError(400, `the input does not match model ${modelTag(m)}`, errors);
    const recs = records as Record<string, unknown>[];
    if (recs.length === 0) return [];
    const scored = engine.score(
      m.artifact,
      modelTag(m),
      toColumns(m.artifact.input, recs),
      recs.length,
      { factors },
    );
    const out = scored.map((s, i) =>
      ids.length ? { ...Object.fromEntries(ids.map((k) => [k, recs[i]![k] ?? null])), ...s } : s,
    );
    log?.write(
      out.map((output, i) => ({ model: m.name, version: m.version, input: recs[i], output })),
    );
    return out;
  };

  if (token)
    app.addHook('onRequest', async (req, reply) => {
      if (req.url === '/health' || req.url.startsWith('/health?')) return;
      if (!bearerMatches(req.headers.authorization, token))
        return reply
          .code(401)
          .header('www-authenticate', 'Bearer')
          .send({ error: 'missing or wrong bearer token (send "Authorization: Bearer <token>")' });
    });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, _req, reply) => {
    if (err instanceof HttpError) return send(reply, err.status, err.message, err.details);
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return send(reply, 413, `request body is larger than the limit of ${bodyLimit} bytes`);
    const status = err.statusCode ?? 500;
    return send(reply, status, status >= 500 ? `internal error: ${err.message}` : err.message);
  });
  app.setNotFoundHandler((req, reply) =>
    send(reply, 404, `no such endpoint: ${req.method} ${req.url} (see /docs)`),
  );

  app.get('/health', async () => ({ ok: true, models: store.models().size }));

  app.get('/models', async () => {
    store.refresh();
    return {
      models: [...store.models().values()].map((m) => {
        const why = engine.unsupported(m.artifact);
        return {
          name: m.name,
          version: m.version,
          kind: m.kind,
          stage: m.stage,
          mode: m.artifact.mode,
          task: m.artifact.task,
          metrics: m.metrics,
          predict: why === undefined,
          ...(why ? { note: why } : {}),
          input: m.artifact.input,
          ...(idFields(m).length ? { id: idFields(m)[0] } : {}),
        };
      }),
      problems: store.problems(),
    };
  });

  type Predict = {
    Params: { model: string };
    Querystring: { factors?: string; drift?: string };
  };
  const wantsDrift = (v: string | undefined) => v !== undefined && v !== '0' && v !== 'false';
  app.post<Predict>('/predict/:model', async (req) => {
    const m = find(req.params.model);
    return score(m, [req.body], false, factorCount(req.query.factors))[0];
  });

  app.post<Predict>('/predict/:model/batch', async (req) => {
    const m = find(req.params.model);
    const factors = factorCount(req.query.factors);
    const body = req.body as unknown;
    const records = Array.isArray(body)
      ? body
      : body && typeof body === 'object' && Array.isArray((body as { records?: unknown }).records)
        ? (body as { records: unknown[] }).records
        : undefined;
    if (!records)
      throw new HttpError(400, 'a batch is a JSON array of records or {"records": [...]}', [
        { path: '(body)', message: 'expected an array or an object with a "records" array' },
      ]);
    if (records.length > maxBatch)
      throw new HttpError(
        413,
        `a batch holds at most ${maxBatch} records, and this one has ${records.length}: send it in smaller batches`,
      );
    const predictions = score(m, records, true, factors);
    if (!wantsDrift(req.query.drift)) return predictions;
    const recs = records as Record<string, unknown>[];
    const drift =
      recs.length > 0 && engine.drift
        ? (engine.drift(m.artifact, toColumns(m.artifact.input, recs), recs.length) ?? null)
        : null;
    return { predictions, drift };
  });

  const auth = token !== undefined;
  app.get('/openapi.json', async () => {
    store.refresh();
    return buildOpenApi(store, engine, idFields, {
      auth,
      ...(o.version ? { version: o.version } : {}),
    });
  });
  app.get('/docs', async (req, reply) => {
    store.refresh();
    const models = [...store.models().values()].sort((a, b) => a.name.localeCompare(b.name));
    const baseUrl = `${req.protocol}://${req.host}`;
    return reply
      .type('text/html; charset=utf-8')
      .send(renderDocs(models, engine, { auth, baseUrl }));
  });

  app.addHook('onClose', async () => {
    store.close();
    await log?.close();
  });
  return app;
}

export const DEFAULT_FACTORS = 3;
export const MAX_FACTORS = 20;

/** `?factors=N`: how many contributing fields explain a binary prediction (0 is fastest). */
function factorCount(given: string | undefined): number {
  if (given === undefined) return DEFAULT_FACTORS;
  if (!/^\d+$/.test(given) || Number(given) > MAX_FACTORS)
    throw new HttpError(400, `factors=${given}: expected a whole number from 0 to ${MAX_FACTORS}`, [
      { path: '?factors', message: `expected a whole number from 0 to ${MAX_FACTORS}` },
    ]);
  return Number(given);
}

function send(reply: FastifyReply, status: number, error: string, details?: FieldError[]) {
  return reply.code(status).send(details && details.length ? { error, details } : { error });
}

/** Starts listening; returns the URL clients use (with the port chosen when port is 0). */
export async function listen(app: FastifyInstance, host: string, port: number): Promise<string> {
  await app.listen({ host, port });
  const addr = app.server.address();
  const actual = addr && typeof addr === 'object' ? addr.port : port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${actual}`;
}
