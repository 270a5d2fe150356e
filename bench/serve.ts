// npm run bench:serve — requests/s and latency of POST /predict/{model} on loopback: a churn
// model (gbdt, BENCH_TREES trees) trained on sample-data/small/leads.csv, served by a child
// process, called by CONCURRENCY clients with single records until BENCH_SECONDS pass or
// BENCH_REQUESTS are answered; again without explanations (?factors=0); then batches of
// BENCH_BATCH records, with and without. A GET /health run first shows the ceiling: what the
// machine and the load generator manage with no scoring at all.
import { trainServedLeads } from './served-model.js';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { loadTable } from '../core/node/table-data.js';
import type { ModelArtifact } from '../models/common/artifact.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const limit = Number(process.env.BENCH_REQUESTS ?? 20_000);
const concurrency = Number(process.env.CONCURRENCY ?? 16);
const trees = Number(process.env.BENCH_TREES ?? 100);
const batchSize = Number(process.env.BENCH_BATCH ?? 100);

const dir = mkdtempSync(join(tmpdir(), 'sightline-bench-serve-'));
try {
  const { ws, record } = await trainServedLeads(dir, trees);
  const a = record.artifact as ModelArtifact;
  const t = loadTable(ws, 'leads');
  const records = Array.from({ length: Math.min(t.rows, 1000) }, (_, i) =>
    JSON.stringify(
      Object.fromEntries(
        a.input.map((f) => {
          const c = t.columns.find((x) => x.name === f.name)!;
          if (c.kind === 'numeric')
            return [f.name, Number.isNaN(c.values[i]!) ? null : c.values[i]];
          return [f.name, c.codes[i]! < 0 ? null : c.levels[c.codes[i]!]];
        }),
      ),
    ),
  );
  ws.close();

  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL('./serve-child.js', import.meta.url)), join(dir, 'models')],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  try {
    console.log(
      `bench:serve — churn gbdt ${trees} trees, ${a.input.length} input fields, ${concurrency} clients, ≤ ${seconds} s or ≤ ${limit.toLocaleString('en-US')} requests, ${url}`,
    );
    const single = (i: number) => records[i % records.length]!;
    const batch = (i: number) =>
      `[${Array.from({ length: batchSize }, (_, k) => records[(i * batchSize + k) % records.length]).join(',')}]`;
    await run(`${url}/predict/leads`, single, 1, Math.min(1000, limit));
    // What the load generator and the machine manage with no scoring at all: the ceiling.
    report('GET /health (ceiling)', await run(`${url}/health`, undefined, seconds, limit), 1);
    report('single', await run(`${url}/predict/leads`, single, seconds, limit), 1);
    report(
      'single ?factors=0',
      await run(`${url}/predict/leads?factors=0`, single, seconds, limit),
      1,
    );
    for (const q of ['', '?factors=0'])
      report(
        `batch of ${batchSize}${q ? ` ${q}` : ''}`,
        await run(`${url}/predict/leads/batch${q}`, batch, seconds, Math.ceil(limit / batchSize)),
        batchSize,
      );
  } finally {
    child.kill('SIGTERM');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

interface Run {
  latencies: number[];
  wall: number;
  errors: number;
}

async function run(
  target: string,
  body: ((i: number) => string) | undefined,
  maxSeconds: number,
  maxRequests: number,
): Promise<Run> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const start = performance.now();
  const until = start + maxSeconds * 1000;
  const client = async () => {
    while (next < maxRequests && performance.now() < until) {
      const i = next++;
      const t0 = performance.now();
      const res = body
        ? await fetch(target, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: body(i),
          })
        : await fetch(target);
      await res.arrayBuffer();
      latencies.push(performance.now() - t0);
      if (res.status !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  return { latencies, wall: (performance.now() - start) / 1000, errors };
}

function report(label: string, r: Run, perRequest: number): void {
  const sorted = [...r.latencies].sort((x, y) => x - y);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  const rps = r.latencies.length / r.wall;
  console.log(
    `${label}: ${r.latencies.length.toLocaleString('en-US')} requests in ${r.wall.toFixed(1)} s = ${Math.round(rps).toLocaleString('en-US')} requests/s${perRequest > 1 ? ` (${Math.round(rps * perRequest).toLocaleString('en-US')} records/s)` : ''}; latency p50 ${q(0.5).toFixed(2)} ms, p99 ${q(0.99).toFixed(2)} ms, max ${sorted.at(-1)!.toFixed(1)} ms; errors ${r.errors}`,
  );
  if (r.errors > 0) process.exitCode = 1;
}
