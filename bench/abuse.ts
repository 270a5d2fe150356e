// npm run bench:abuse — the scoring server under abuse on loopback: `sightline serve` (the built
// CLI, in a child process, with a token) and, for ABUSE_SECONDS (default 60) or ABUSE_REQUESTS
// (default 50,000) requests, whichever ends first, CONCURRENCY clients sending every kind of bad
// request of bench/abuse-cases.ts, mixed with valid predictions and /health checks, while
// SLOW_CLIENTS connections trickle their requests a byte every 500 ms (the server's 30 s request
// timeout must cut them off: later only when scoring a big batch holds the event loop). Prints requests sent per category with their statuses, failures
// (unexpected statuses, connection errors) and the server's RSS before, at peak and after.
// Exits 1 on any failure or if the server died.
import { trainServedLeads } from './served-model.js';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_BODY_LIMIT,
  DEFAULT_MAX_BATCH,
  DEFAULT_REQUEST_TIMEOUT,
} from '../core/node/serve/server.js';
import { loadTable } from '../core/node/table-data.js';
import type { ModelArtifact } from '../models/common/artifact.js';
import {
  CATEGORIES,
  request,
  rssOf,
  slowClient,
  Tally,
  type Category,
  type Target,
} from './abuse-cases.js';

const seconds = Number(process.env.ABUSE_SECONDS ?? 60);
const limit = Number(process.env.ABUSE_REQUESTS ?? 50_000);
const concurrency = Number(process.env.CONCURRENCY ?? 16);
const slowClients = Number(process.env.SLOW_CLIENTS ?? 200);
const token = 'bench-abuse-token';

// How often each category is drawn, per 1,000 requests. Expensive ones (a 1 MiB body parsed,
// or written over a raw socket) are rare; the rest are cheap to send and to refuse.
const WEIGHTS: Record<string, number> = {
  'big batch within the limit': 1,
  'many tiny records': 2,
  'deep nesting': 4,
  'oversized body': 4,
  'huge headers': 10,
  'not HTTP': 20,
};
const valid: Category = {
  name: 'valid prediction (control)',
  expect: [200],
  send: (t) =>
    request(t, 'POST', `/predict/${t.model}`, {
      body: JSON.stringify(t.record),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.token}` },
    }),
};
const health: Category = {
  name: 'GET /health (control)',
  expect: [200],
  send: (t) => request(t, 'GET', '/health'),
};
const wheel: Category[] = [];
for (const c of [...CATEGORIES, valid, health])
  for (let k = 0; k < (WEIGHTS[c.name] ?? 100); k++) wheel.push(c);

const dir = mkdtempSync(join(tmpdir(), 'sightline-bench-abuse-'));
let code = 0;
try {
  const { ws, record } = await trainServedLeads(dir, 100);
  const a = record.artifact as ModelArtifact;
  const t = loadTable(ws, 'leads');
  const row = Object.fromEntries(
    a.input.map((f) => {
      const c = t.columns.find((x) => x.name === f.name)!;
      if (c.kind === 'numeric') return [f.name, Number.isNaN(c.values[0]!) ? null : c.values[0]];
      return [f.name, c.codes[0]! < 0 ? null : c.levels[c.codes[0]!]];
    }),
  );
  ws.close();

  // The built CLI (dist/bench → dist/cli), or the source one when run with tsx.
  const fromSource = import.meta.url.endsWith('.ts');
  const cli = fileURLToPath(new URL(`../cli/main.${fromSource ? 'ts' : 'js'}`, import.meta.url));
  const child = spawn(
    process.execPath,
    [
      ...(fromSource ? ['--import', 'tsx'] : []),
      cli,
      ...['serve', '--models', join(dir, 'models'), '--port', '0', '--token', token],
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => {
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (m) resolve(m[1]!);
      else reject(new Error(`unexpected first line from sightline serve: ${line}`));
    });
    child.once('exit', (c) => reject(new Error(`sightline serve exited with ${c}`)));
  });
  let exited: number | null = null;
  child.once('exit', (c) => (exited = c ?? -1));
  try {
    const target: Target = {
      url,
      token,
      model: 'leads',
      record: row,
      bodyLimit: DEFAULT_BODY_LIMIT,
      maxBatch: DEFAULT_MAX_BATCH,
    };
    const pid = child.pid!;
    const reference = await valid.send(target, 0);
    if (reference.status !== 200) throw new Error(`a valid prediction failed: ${reference.body}`);
    for (let i = 0; i < 200; i++) await valid.send(target, i); // warm-up
    const before = (await rssOf(pid)) ?? 0;
    let peak = before;
    const sampler = setInterval(() => {
      void rssOf(pid).then((r) => (peak = Math.max(peak, r ?? 0)));
    }, 100);
    console.log(
      `bench:abuse — sightline serve (churn gbdt 100 trees, token, body limit ${DEFAULT_BODY_LIMIT} B, request timeout ${DEFAULT_REQUEST_TIMEOUT / 1000} s) at ${url}; ${concurrency} clients, ≤ ${seconds} s or ≤ ${limit.toLocaleString('en-US')} requests, ${slowClients} slow clients`,
    );
    const tally = new Tally();
    // Slow clients: a byte every 500 ms would take minutes; the server must cut each off.
    const slowStart = performance.now();
    const slow = Promise.all(
      Array.from({ length: slowClients }, (_, i) =>
        slowClient(target, i, 500, DEFAULT_REQUEST_TIMEOUT + 15_000).then((o) => {
          tally.add(
            'slow client (trickled)',
            [408, 0],
            o,
            o.error === 'client timeout' ? 'never cut off' : undefined,
          );
          return o.ms;
        }),
      ),
    );
    let next = 0;
    let checks = 0;
    let wrongAnswers = 0;
    const start = performance.now();
    const until = start + seconds * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < limit && performance.now() < until) {
          const i = next++;
          const c = wheel[(i * 7919) % wheel.length]!;
          const o = await c.send(target, i);
          let problem = c.expect.includes(o.status) ? c.check?.(o, target) : undefined;
          if (c === valid && o.status === 200) {
            checks++;
            if (o.body !== reference.body) {
              wrongAnswers++;
              problem = `a valid prediction changed: ${o.body.slice(0, 120)}`;
            }
          }
          tally.add(c.name, c.expect, o, problem);
        }
      }),
    );
    const wall = (performance.now() - start) / 1000;
    const slowMs = await slow;
    clearInterval(sampler);
    const after = (await rssOf(pid)) ?? 0;
    const ok = await health.send(target, 0);
    const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
    console.log(tally.lines().join('\n'));
    console.log(
      `total: ${tally.sent.toLocaleString('en-US')} requests (${(next / wall).toFixed(0)}/s over ${wall.toFixed(1)} s, slow clients ${((performance.now() - slowStart) / 1000).toFixed(1)} s, cut off after ${(Math.min(...slowMs) / 1000).toFixed(1)}–${(Math.max(...slowMs) / 1000).toFixed(1)} s); failures ${tally.failures}; valid predictions checked ${checks}, changed ${wrongAnswers}`,
    );
    console.log(
      `server RSS: before ${mb(before)}, peak ${mb(peak)}, after ${mb(after)}; still answering /health: ${ok.status === 200 ? 'yes' : `no (${ok.status} ${ok.error ?? ''})`}; server process ${exited === null ? 'alive' : `exited with ${exited}`}`,
    );
    if (tally.failures > 0 || ok.status !== 200 || exited !== null) code = 1;
  } finally {
    child.kill('SIGTERM');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = code;
