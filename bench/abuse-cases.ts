// Abusive requests against the scoring server (`sightline serve`), by category, each with the
// statuses a correct server answers it with. Shared by tests/security/server-abuse.test.ts
// (small bounded batches) and bench:abuse (many more). Most go through fetch on keep-alive
// connections; the ones HTTP clients will not send (oversized or trickled bodies, garbage, huge
// headers) go over raw sockets.
import { connect } from 'node:net';

export interface Target {
  /** http://127.0.0.1:PORT */
  url: string;
  token: string;
  /** A served table-mode model and one valid record for it. */
  model: string;
  record: Record<string, unknown>;
  /** The server's body limit in bytes and most records in a batch. */
  bodyLimit: number;
  maxBatch: number;
}

export interface Outcome {
  /** HTTP status, or 0 when the connection ended (or failed) without an answer. */
  status: number;
  body: string;
  /** The connection error, if any (ECONNRESET, …). */
  error?: string;
  /** Raw sockets: bytes written before the answer (or close) arrived. */
  sentBeforeAnswer?: number;
  ms: number;
}

export interface Category {
  name: string;
  /** Statuses a correct server answers with; anything else (or a connection error) is a failure. */
  expect: readonly number[];
  /** Sends request number i of this category. */
  send(t: Target, i: number): Promise<Outcome>;
  /** A further check of the answer; returns what is wrong, if anything. */
  check?(o: Outcome, t: Target): string | undefined;
}

const bearer = (t: Target) => ({ authorization: `Bearer ${t.token}` });
const json = { 'content-type': 'application/json' };

/** One request with fetch (keep-alive). Never throws: a failure is status 0 with the error. */
export async function request(
  t: Target,
  method: string,
  path: string,
  o: { body?: string; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Outcome> {
  const t0 = performance.now();
  try {
    const res = await fetch(`${t.url}${path}`, {
      method,
      headers: o.headers ?? {},
      ...(o.body !== undefined ? { body: o.body } : {}),
      signal: AbortSignal.timeout(o.timeoutMs ?? 60_000),
    });
    return { status: res.status, body: await res.text(), ms: performance.now() - t0 };
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    return { status: 0, body: '', error: e.cause?.code ?? e.name, ms: performance.now() - t0 };
  }
}

/**
 * Writes `chunks` to a fresh connection, `gapMs` apart (then `repeat` more times, for bodies that
 * outgrow memory if buffered), and reads until the server answers and closes, or `timeoutMs`.
 */
export function rawRequest(
  t: Target,
  head: string,
  o: {
    chunks?: (string | Buffer)[];
    gapMs?: number;
    timeoutMs?: number;
  } = {},
): Promise<Outcome> {
  const u = new URL(t.url);
  const chunks = [head, ...(o.chunks ?? [])];
  return new Promise((resolve) => {
    const t0 = performance.now();
    const socket = connect(Number(u.port), u.hostname);
    let got = '';
    let sent = 0;
    let sentBeforeAnswer: number | undefined;
    let error: string | undefined;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.destroy();
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(got);
      resolve({
        status: m ? Number(m[1]) : 0,
        body: got.slice(got.indexOf('\r\n\r\n') + 4),
        ...(error && !m ? { error } : {}),
        sentBeforeAnswer: sentBeforeAnswer ?? sent,
        ms: performance.now() - t0,
      });
    };
    const timer = setTimeout(() => {
      error = 'client timeout';
      finish();
    }, o.timeoutMs ?? 30_000);
    socket.on('data', (d: Buffer) => {
      sentBeforeAnswer ??= sent;
      got += d.toString('latin1');
    });
    socket.on('error', (err: NodeJS.ErrnoException) => (error ??= err.code ?? err.message));
    socket.on('close', finish);
    let i = 0;
    const next = () => {
      if (finished || socket.destroyed || i >= chunks.length) return;
      const c = chunks[i++]!;
      socket.write(c, (err) => {
        if (err) return;
        sent += c.length;
        if (o.gapMs) setTimeout(next, o.gapMs);
        else setImmediate(next);
      });
    };
    socket.on('connect', next);
  });
}

const post = (t: Target, path: string, body: string, headers: Record<string, string> = {}) =>
  request(t, 'POST', path, { body, headers: { ...json, ...bearer(t), ...headers } });

/** A valid record with one field changed. */
const withField = (t: Target, name: string, value: string) => {
  const r = JSON.stringify({ ...t.record, [name]: '\u0000' });
  return r.replace('"\\u0000"', value);
};
const firstField = (t: Target, kind: 'numeric' | 'categorical') =>
  Object.entries(t.record).find(([, v]) =>
    kind === 'numeric' ? typeof v === 'number' : typeof v === 'string',
  )?.[0] ?? Object.keys(t.record)[0]!;

const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;

const deep = (depth: number, i: number) =>
  i % 2 === 0
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** Field-level details are what a client needs to fix its input. */
const hasDetails = (o: Outcome) => {
  try {
    const b = JSON.parse(o.body) as { error?: unknown; details?: { path?: unknown }[] };
    return typeof b.error === 'string' && Array.isArray(b.details) && b.details.length > 0
      ? undefined
      : `400 without field-level details: ${o.body.slice(0, 120)}`;
  } catch {
    return `answer is not JSON: ${o.body.slice(0, 120)}`;
  }
};
const isJsonError = (o: Outcome) => {
  try {
    return typeof (JSON.parse(o.body) as { error?: unknown }).error === 'string'
      ? undefined
      : `no "error" in ${o.body.slice(0, 120)}`;
  } catch {
    return `answer is not JSON: ${o.body.slice(0, 120)}`;
  }
};

export const CATEGORIES: Category[] = [
  {
    name: 'no token',
    expect: [401],
    send: (t, i) =>
      pick(
        [
          () => request(t, 'GET', '/models'),
          () =>
            request(t, 'POST', `/predict/${t.model}`, {
              body: JSON.stringify(t.record),
              headers: json,
            }),
          () => request(t, 'GET', '/openapi.json'),
        ],
        i,
      )(),
    check: isJsonError,
  },
  {
    name: 'wrong token',
    expect: [401],
    send: (t, i) =>
      request(t, 'POST', `/predict/${t.model}`, {
        body: JSON.stringify(t.record),
        headers: {
          ...json,
          authorization: pick(
            [
              `Bearer ${t.token}x`,
              `Bearer ${t.token.slice(0, -1)}`,
              `Basic ${Buffer.from(`u:${t.token}`).toString('base64')}`,
              t.token,
              'Bearer ',
              `Bearer ${'x'.repeat(8000)}`,
            ],
            i,
          ),
        },
      }),
    check: isJsonError,
  },
  {
    name: 'malformed JSON',
    expect: [400],
    send: (t, i) =>
      post(
        t,
        `/predict/${t.model}`,
        pick(
          [
            JSON.stringify(t.record).slice(0, -1),
            '{"a":1,}',
            "{'a': 1}",
            '{"a": NaN}',
            '{"a": 01}',
            '\u00ff\u00fe{}',
            ' ',
            '{"a":"\\x"}',
            JSON.stringify(t.record) + 'garbage',
          ],
          i,
        ),
      ),
    check: isJsonError,
  },
  {
    name: 'wrong types',
    expect: [400],
    send: (t, i) => {
      const num = firstField(t, 'numeric');
      const cat = firstField(t, 'categorical');
      return pick(
        [
          () => post(t, `/predict/${t.model}`, withField(t, num, '"many"')),
          () => post(t, `/predict/${t.model}`, withField(t, num, '[1,2]')),
          () => post(t, `/predict/${t.model}`, withField(t, cat, '{"x":1}')),
          () => post(t, `/predict/${t.model}`, withField(t, cat, 'true')),
          () => post(t, `/predict/${t.model}`, JSON.stringify({ ...t.record, not_a_field: 1 })),
          () => post(t, `/predict/${t.model}`, '[]'),
          () => post(t, `/predict/${t.model}`, '"a string"'),
          () => post(t, `/predict/${t.model}`, 'null'),
          () => post(t, `/predict/${t.model}/batch`, '{"records": 5}'),
          () => post(t, `/predict/${t.model}/batch`, `[${JSON.stringify(t.record)}, 7]`),
          () => post(t, `/predict/${t.model}?factors=many`, JSON.stringify(t.record)),
        ],
        i,
      )();
    },
    check: hasDetails,
  },
  {
    name: 'unknown model',
    expect: [404],
    send: (t, i) =>
      post(
        t,
        `/predict/${encodeURIComponent(pick(['nope', `${t.model}x`, '..%2f..%2fetc', 'x'.repeat(90), '%00'], i))}`,
        JSON.stringify(t.record),
      ),
    check: isJsonError,
  },
  {
    name: 'wrong method or path',
    expect: [404, 405],
    send: (t, i) =>
      pick(
        [
          () => request(t, 'GET', `/predict/${t.model}`, { headers: bearer(t) }),
          () => request(t, 'DELETE', '/models', { headers: bearer(t) }),
          () =>
            request(t, 'PUT', `/predict/${t.model}/batch`, {
              body: '[]',
              headers: { ...json, ...bearer(t) },
            }),
          () => request(t, 'GET', '/../../etc/passwd', { headers: bearer(t) }),
          () => request(t, 'GET', '/predict', { headers: bearer(t) }),
          () => post(t, `/predict/${t.model}/batch/more`, '[]'),
          () => request(t, 'GET', `/${'a/'.repeat(2000)}`, { headers: bearer(t) }),
        ],
        i,
      )(),
  },
  {
    name: 'wrong content type',
    // 415, or for text/plain (which fastify reads as a string) 400: "expected a JSON object".
    expect: [400, 415],
    check: isJsonError,
    send: (t, i) =>
      post(t, `/predict/${t.model}`, JSON.stringify(t.record), {
        'content-type': pick(
          [
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/xml',
          ],
          i,
        ),
      }),
  },
  {
    name: 'prototype poisoning',
    expect: [400],
    send: (t, i) =>
      post(
        t,
        `/predict/${t.model}`,
        pick(
          ['{"__proto__": {"admin": true}}', '{"constructor": {"prototype": {"admin": true}}}'],
          i,
        ),
      ),
  },
  {
    name: 'deep nesting',
    expect: [400],
    // ~100k levels in well under the body limit: parsers and error messages must not recurse.
    send: (t, i) => {
      const depth = Math.min(100_000, Math.floor(t.bodyLimit / 12));
      return i % 3 === 2
        ? post(t, `/predict/${t.model}`, withField(t, firstField(t, 'numeric'), deep(depth, i)))
        : post(t, `/predict/${t.model}${i % 2 ? '/batch' : ''}`, deep(depth, i));
    },
    check: isJsonError,
  },
  {
    name: 'big batch within the limit',
    // Valid records: the most a batch may hold (answered, 200), or as many as fit under the
    // body limit (several thousand: refused with 413 and a message, since scoring them with
    // explanations would hold the event loop for seconds).
    expect: [200, 413],
    send: (t, i) => {
      const one = JSON.stringify(t.record);
      const n = i % 2 === 0 ? t.maxBatch : Math.floor((t.bodyLimit - 64) / (one.length + 1));
      return post(
        t,
        `/predict/${t.model}/batch${i % 4 === 0 ? '' : '?factors=0'}`,
        `[${Array.from({ length: n }, () => one).join(',')}]`,
      );
    },
    check: (o, t) => {
      if (o.status === 413)
        return /at most \d+ records/.test(o.body) ? undefined : `413 without the reason: ${o.body}`;
      const out = JSON.parse(o.body) as unknown[];
      return Array.isArray(out) && out.length === t.maxBatch
        ? undefined
        : `expected ${t.maxBatch} predictions, got ${o.body.slice(0, 80)}`;
    },
  },
  {
    name: 'many tiny records',
    expect: [400, 413],
    send: (t, i) => {
      const n = Math.floor((t.bodyLimit - 8) / (i % 2 ? 3 : 2)) - 1;
      return post(
        t,
        `/predict/${t.model}/batch`,
        `[${Array.from({ length: n }, () => (i % 2 ? '{}' : '1')).join(',')}]`,
      );
    },
    check: isJsonError,
  },
  {
    name: 'oversized body',
    // Declared (Content-Length) or chunked, 32 times the limit, written in 64 KiB pieces: the
    // server must answer 413 long before it is all sent, without keeping it. A client still
    // writing when the server closes may see the connection reset instead (EPIPE/ECONNRESET:
    // the server does not linger to drain the rest), which is also a refusal.
    expect: [413, 0],
    send: (t, i) => {
      const piece = Buffer.alloc(64 * 1024, 0x20);
      const n = Math.ceil((32 * t.bodyLimit) / piece.length);
      const chunked = i % 2 === 1;
      const head = `POST /predict/${t.model} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${t.token}\r\nContent-Type: application/json\r\n${chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${n * piece.length}`}\r\n\r\n`;
      const framed = chunked
        ? Buffer.concat([
            Buffer.from(`${piece.length.toString(16)}\r\n`),
            piece,
            Buffer.from('\r\n'),
          ])
        : piece;
      return rawRequest(t, head, {
        chunks: Array.from({ length: n }, () => framed),
        timeoutMs: 20_000,
      });
    },
    check: (o, t) =>
      o.status === 0 && o.error !== 'EPIPE' && o.error !== 'ECONNRESET'
        ? `no answer: ${o.error ?? 'closed'}`
        : // What was written includes the kernel's socket buffers (several MB on loopback).
          (o.sentBeforeAnswer ?? 0) > 16 * t.bodyLimit
          ? `refused only after ${o.sentBeforeAnswer} bytes were sent (limit ${t.bodyLimit})`
          : undefined,
  },
  {
    name: 'huge headers',
    expect: [431],
    send: (t) =>
      rawRequest(
        t,
        `GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`,
        {
          timeoutMs: 10_000,
        },
      ),
  },
  {
    name: 'not HTTP',
    expect: [400],
    send: (t, i) =>
      rawRequest(
        t,
        pick(
          [
            '\u0000\u0001\u0002 hello\r\n\r\n',
            'GET / HTTP/9.9\r\n\r\n',
            'POST /predict HTTP/1.1\r\nContent-Length: -5\r\n\r\n',
            'GET /health HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n',
          ],
          i,
        ),
        {
          timeoutMs: 10_000,
        },
      ),
  },
];

/**
 * Slow clients: the request (headers, or the body after them) trickled a byte every `gapMs`.
 * The server must cut them off (408, or closing the connection) once its request timeout passes.
 */
export function slowClient(
  t: Target,
  i: number,
  gapMs: number,
  timeoutMs: number,
): Promise<Outcome> {
  const body = JSON.stringify(t.record);
  const head = `POST /predict/${t.model} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${t.token}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
  return i % 2 === 0
    ? rawRequest(t, head[0]!, { chunks: [...head.slice(1), ...body], gapMs, timeoutMs })
    : rawRequest(t, head, { chunks: [...body], gapMs, timeoutMs });
}

/** Tally of outcomes per category. */
export class Tally {
  readonly rows = new Map<
    string,
    {
      sent: number;
      statuses: Map<string, number>;
      failures: number;
      examples: string[];
      maxMs: number;
    }
  >();

  add(category: string, expect: readonly number[], o: Outcome, problem?: string): boolean {
    let r = this.rows.get(category);
    if (!r)
      this.rows.set(
        category,
        (r = { sent: 0, statuses: new Map(), failures: 0, examples: [], maxMs: 0 }),
      );
    r.sent++;
    r.maxMs = Math.max(r.maxMs, o.ms);
    const key = o.status === 0 ? `no answer (${o.error ?? 'closed'})` : String(o.status);
    r.statuses.set(key, (r.statuses.get(key) ?? 0) + 1);
    const why = !expect.includes(o.status)
      ? `status ${key}, expected ${expect.join('/')}: ${o.body.slice(0, 160)}`
      : problem;
    if (why) {
      r.failures++;
      if (r.examples.length < 3) r.examples.push(why);
    }
    return why === undefined;
  }

  get sent(): number {
    return [...this.rows.values()].reduce((s, r) => s + r.sent, 0);
  }

  get failures(): number {
    return [...this.rows.values()].reduce((s, r) => s + r.failures, 0);
  }

  lines(): string[] {
    return [...this.rows].map(
      ([name, r]) =>
        `${name.padEnd(28)} ${String(r.sent).padStart(7)} sent  ${[...r.statuses].map(([k, n]) => `${k}×${n}`).join(' ')}  slowest ${(r.maxMs / 1000).toFixed(2)} s  failures ${r.failures}${r.examples.length ? `\n    e.g. ${r.examples.join('\n    e.g. ')}` : ''}`,
    );
  }
}

/** Resident set size of a process in bytes, from /proc (Linux); undefined elsewhere. */
export async function rssOf(pid: number): Promise<number | undefined> {
  const { readFile } = await import('node:fs/promises');
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
