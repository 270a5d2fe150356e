// The REST server's request parsing under random and hostile bodies: answers are 2xx or 4xx with
// a JSON error (and field paths), never 5xx; a wrong type is a 400 naming the field. Requests go
// through fastify's inject (same routing and parsing, no sockets); one check uses real HTTP.
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableEngine } from '../../cli/commands/serve.js';
import { createServer, listen } from '../../core/node/serve/server.js';
import { tempDir } from '../helpers/tmp.js';
import { fixtureStore, recordBodyArb, requestOnce, validRecord } from './targets.js';

const dir = tempDir('sightline-fuzz-serve-');
let app: FastifyInstance;
beforeAll(async () => {
  app = createServer({ store: fixtureStore(dir), engine: tableEngine });
  await app.ready();
});
afterAll(() => app.close());

describe('server: request parsing', () => {
  it('random bodies on every route and content type: never a 5xx (property)', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(255), recordBodyArb(), async (opt, body) => {
        runs++;
        await requestOnce(
          app,
          Buffer.concat([Buffer.of(opt), Buffer.from(JSON.stringify(body) ?? '')]),
        );
      }),
      { seed: 4242, numRuns: 400 },
    );
    expect(runs).toBe(400);
  });

  it('random bytes as the body: never a 5xx (property)', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(255), fc.uint8Array({ maxLength: 200 }), async (opt, bytes) => {
        runs++;
        await requestOnce(app, Buffer.concat([Buffer.of(opt & ~0x18), Buffer.from(bytes)]));
      }),
      { seed: 99, numRuns: 200 },
    );
    expect(runs).toBe(200);
  });

  it('a wrong type in any field is a 400 naming that field (property)', async () => {
    const good = validRecord();
    const fields = Object.keys(good).filter((k) => k !== 'lead_id');
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fields),
        fc.constantFrom<unknown>({}, [], [1], { a: 1 }, true, 'text', 12),
        fc.boolean(),
        async (field, bad, batch) => {
          runs++;
          const numeric = typeof good[field] === 'number';
          // Numbers and booleans feed numeric fields; strings and numbers categorical ones.
          if (
            numeric
              ? typeof bad === 'number' || typeof bad === 'boolean'
              : typeof bad === 'string' || typeof bad === 'number'
          )
            return;
          const record = { ...good, [field]: bad };
          const res = await app.inject({
            method: 'POST',
            url: `/predict/leads-gbdt${batch ? '/batch' : ''}`,
            payload: batch ? [good, record] : record,
          });
          expect(res.statusCode).toBe(400);
          const body = res.json<{ error: string; details: { path: string; message: string }[] }>();
          expect(body.details.map((d) => d.path)).toEqual([batch ? `records[1].${field}` : field]);
          expect(body.details[0]!.message).toMatch(/expected a (number|string) or null, got/);
        },
      ),
      { seed: 7, numRuns: 150 },
    );
    expect(runs).toBe(150);
  });

  it('unknown, missing and prototype-named fields are 400s, not crashes', async () => {
    const good = validRecord();
    const { source: _s, ...missing } = good;
    for (const [payload, path] of [
      [{ ...good, extra: 1 }, 'extra'],
      [missing, 'source'],
      [
        JSON.parse(`{"constructor":{"prototype":{"x":1}},${JSON.stringify(good).slice(1)}`),
        'constructor',
      ],
      [{ ...good, toString: 'x' }, 'toString'],
    ] as const) {
      const res = await app.inject({ method: 'POST', url: '/predict/leads-glm', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const body = res.json<{ error: string; details?: { path: string }[] }>();
      // fastify's JSON parser refuses constructor.prototype itself (as "not valid JSON").
      if (path === 'constructor') expect(body.error).toMatch(/JSON|prototype/);
      else expect(body.details!.map((d) => d.path)).toContain(path);
    }
    const proto = await app.inject({
      method: 'POST',
      url: '/predict/leads-glm',
      headers: { 'content-type': 'application/json' },
      payload: `{"__proto__":{"polluted":1},${JSON.stringify(good).slice(1)}`,
    });
    expect(proto.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('over real HTTP: malformed JSON, wrong types and traversal-looking names get 4xx', async () => {
    const real = createServer({ store: fixtureStore(dir), engine: tableEngine });
    const url = await listen(real, '127.0.0.1', 0);
    try {
      const post = async (path: string, body: string) => {
        const res = await fetch(`${url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        return {
          status: res.status,
          body: (await res.json()) as { error: string; details?: { path: string }[] },
        };
      };
      const bad = await post('/predict/leads-gbdt', '{"source": "x",');
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatch(/JSON/i);
      const typed = await post(
        '/predict/leads-gbdt',
        JSON.stringify({ ...validRecord(), company_size: 'big' }),
      );
      expect(typed.status).toBe(400);
      expect(typed.body.details!.map((d) => d.path)).toEqual(['company_size']);
      const ok = await post('/predict/leads-gbdt', JSON.stringify(validRecord()));
      expect(ok.status).toBe(200);
      for (const name of [
        '..%2F..%2Fetc%2Fpasswd',
        '%2Fetc%2Fpasswd',
        'leads-gbdt%00.json',
        '..',
      ]) {
        const r = await post(`/predict/${name}`, JSON.stringify(validRecord()));
        expect(r.status, name).toBe(404);
      }
    } finally {
      await real.close();
    }
  });
});
