// The offline guarantee: the whole journey through the real CLI — import, train, evaluate,
// drift, export (ONNX, checked in onnxruntime-node), serve and one prediction over loopback — in
// child processes that load tests/security/net-recorder.mjs (through NODE_OPTIONS, so their own
// children and worker threads do too), which logs every outgoing connection attempt and DNS
// lookup. The log must hold loopback (or local socket) entries only, and at least one (the
// prediction request, proving the recorder sees connections). A negative control connects to
// 203.0.113.1 (TEST-NET-3) and must be recorded as non-loopback. Where strace works, the same
// journey is also traced at the system-call level (connect()) and checked the same way.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir('sightline-offline-');
const RECORDER = resolve('tests/security/net-recorder.mjs');

interface Entry {
  kind: string;
  host?: string;
  port?: number;
  path?: string;
  pid: number;
  at: string;
}

/** 127.0.0.0/8, ::1, localhost (and IPv4-mapped loopback); unix sockets and pipes are local. */
function isLocal(e: Pick<Entry, 'host' | 'path'>): boolean {
  if (e.path !== undefined) return true;
  const h = (e.host ?? '').replace(/^\[|\]$/g, '').toLowerCase();
  return (
    h === 'localhost' ||
    h === '::1' ||
    /^127\.\d+\.\d+\.\d+$/.test(h) ||
    /^::ffff:127\.\d+\.\d+\.\d+$/.test(h)
  );
}

const strace = (() => {
  if (process.platform !== 'linux') return { ok: false, why: 'not Linux' };
  const which = spawnSync('which', ['strace'], { encoding: 'utf8' });
  if (which.status !== 0) return { ok: false, why: 'strace is not installed' };
  const probe = spawnSync('strace', ['-f', '-e', 'trace=connect', '-o', '/dev/null', 'true']);
  return probe.status === 0
    ? { ok: true, why: '' }
    : { ok: false, why: `strace cannot trace here: ${String(probe.stderr).trim().slice(0, 200)}` };
})();

/** The command line of a recorded child, under strace when it works. */
function command(args: string[], log: string, traceFile?: string): [string, string[]] {
  const node = [process.execPath, ...args];
  return traceFile
    ? ['strace', ['-f', '-qq', '-e', 'trace=connect', '-o', traceFile, ...node]]
    : [node[0]!, node.slice(1)];
}

function envFor(log: string) {
  return {
    ...process.env,
    SIGHTLINE_NET_LOG: log,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${RECORDER}`.trim(),
    SIGHTLINE_HOME: join(dir, 'home'),
  };
}

let traceCount = 0;
function run(args: string[], log: string, timeout = 240_000) {
  const traceFile = strace.ok ? join(dir, `trace-${++traceCount}.txt`) : undefined;
  const [cmd, argv] = command(args, log, traceFile);
  const r = spawnSync(cmd, argv, { encoding: 'utf8', env: envFor(log), timeout });
  return { ...r, traceFile };
}
const cli = (args: string[], log: string) => run(['--import', 'tsx', 'cli/main.ts', ...args], log);

function readLog(log: string): Entry[] {
  return existsSync(log)
    ? readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Entry)
    : [];
}

/** connect() calls from an strace log: family and address (or path). */
function tracedConnects(file: string): { family: string; host?: string; path?: string }[] {
  if (!existsSync(file)) return [];
  const out: { family: string; host?: string; path?: string }[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /connect\(\d+, \{sa_family=(AF_\w+)(.*?)\}, \d+\)/.exec(line);
    if (!m) continue;
    const [, family, rest] = m as unknown as [string, string, string];
    if (family === 'AF_UNIX') out.push({ family, path: /sun_path=([^,}]*)/.exec(rest)?.[1] ?? '' });
    else if (family === 'AF_INET')
      out.push({ family, host: /inet_addr\("([^"]+)"\)/.exec(rest)?.[1] ?? '?' });
    else if (family === 'AF_INET6')
      out.push({ family, host: /inet_pton\(AF_INET6, "([^"]+)"/.exec(rest)?.[1] ?? '?' });
    // AF_UNSPEC: a datagram socket being disconnected, no address
    else if (family !== 'AF_UNSPEC') out.push({ family, host: rest });
  }
  return out;
}

describe('offline guarantee', () => {
  it('records a connection to a non-loopback address (negative control)', () => {
    const log = join(dir, 'control.jsonl');
    const script = [
      "import net from 'node:net';",
      "import dns from 'node:dns';",
      "const s = net.connect({ host: '203.0.113.1', port: 9, timeout: 300 });",
      's.on("error", () => {}); s.on("timeout", () => s.destroy());',
      "dns.lookup('sightline-offline-check.invalid', () => {});",
      'setTimeout(() => process.exit(0), 400);',
    ].join('\n');
    const r = run(['--input-type=module', '-e', script], log, 30_000);
    expect(r.status, r.stderr).toBe(0);
    const entries = readLog(log);
    const foreign = entries.filter((e) => !isLocal(e));
    expect(foreign.map((e) => `${e.kind} ${e.host}`)).toEqual(
      expect.arrayContaining(['net 203.0.113.1', 'dns sightline-offline-check.invalid']),
    );
    if (r.traceFile)
      expect(tracedConnects(r.traceFile).map((c) => c.host)).toContain('203.0.113.1');
    else console.log(`strace cross-check skipped: ${strace.why}`);
  });

  it('import → train → evaluate → drift → export → serve makes no connection off loopback', async () => {
    const log = join(dir, 'journey.jsonl');
    const ws = join(dir, 'journey.sightline');
    const steps: [string, string[]][] = [
      ['import leads', ['import', 'sample-data/small/leads.csv', '-w', ws, '--json']],
      ['import customers', ['import', 'sample-data/small/customers.csv', '-w', ws, '--json']],
      [
        'train churn',
        [
          ...['train', 'churn', '-w', ws, '--table', 'leads', '--target', 'converted'],
          ...['--learner', 'gbdt', '--param', 'trees=20', '--folds', '2', '--name', 'leads'],
          '--json',
        ],
      ],
      ['evaluate', ['evaluate', '--model', 'leads', '-w', ws, '--table', 'leads', '--json']],
      ['drift', ['drift', '--model', 'leads', '-w', ws, '--table', 'leads', '--json']],
      [
        'export onnx',
        [
          ...['export', '--model', 'leads', '--format', 'onnx'],
          ...['--out', join(dir, 'leads.onnx'), '-w', ws, '--json'],
        ],
      ],
    ];
    const traces: string[] = [];
    for (const [name, args] of steps) {
      const r = cli(args, log);
      expect(r.status, `${name}: ${r.stderr}`).toBe(0);
      if (r.traceFile) traces.push(r.traceFile);
    }
    expect(existsSync(join(dir, 'leads.onnx'))).toBe(true);

    // serve, and one prediction from another recorded process
    const serveTrace = strace.ok ? join(dir, 'trace-serve.txt') : undefined;
    const [cmd, argv] = command(
      ['--import', 'tsx', 'cli/main.ts', 'serve', '-w', ws, '--port', '0'],
      log,
      serveTrace,
    );
    // Its own process group, so that stopping it stops strace and the traced node alike.
    const server = spawn(cmd, argv, {
      env: envFor(log),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stderr = '';
    server.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      const url = await new Promise<string>((ok, fail) => {
        createInterface({ input: server.stdout }).once('line', (line) => {
          const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line);
          if (m) ok(m[1]!);
          else fail(new Error(`unexpected: ${line}`));
        });
        server.once('exit', (c) => fail(new Error(`serve exited with ${c}: ${stderr}`)));
      });
      const client = join(dir, 'client.mjs');
      writeFileSync(
        client,
        [
          'const url = process.argv[2];',
          'const m = await (await fetch(`${url}/models`)).json();',
          'const input = m.models[0].input;',
          'const record = Object.fromEntries(input.map((f) => [f.name, null]));',
          "const r = await fetch(`${url}/predict/leads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(record) });",
          'console.log(JSON.stringify({ status: r.status, body: await r.json() }));',
        ].join('\n'),
      );
      const c = run([client, url], log, 60_000);
      expect(c.status, c.stderr).toBe(0);
      if (c.traceFile) traces.push(c.traceFile);
      const answer = JSON.parse(c.stdout.trim().split('\n').at(-1)!) as {
        status: number;
        body: Record<string, unknown>;
      };
      expect(answer.status).toBe(200);
      expect(answer.body.churn_probability).toBeTypeOf('number');
    } finally {
      const closed = new Promise((ok) => server.once('close', ok));
      process.kill(-server.pid!, 'SIGTERM');
      const killer = setTimeout(() => process.kill(-server.pid!, 'SIGKILL'), 10_000);
      await closed;
      clearTimeout(killer);
    }
    if (serveTrace) traces.push(serveTrace);

    const entries = readLog(log);
    const foreign = entries.filter((e) => !isLocal(e));
    console.log(
      `offline journey: ${entries.length} connection attempts recorded (${[...new Set(entries.map((e) => `${e.kind} ${e.host ?? e.path}:${e.port ?? ''}`))].join(', ')}), ${foreign.length} off loopback`,
    );
    expect(foreign, JSON.stringify(foreign, null, 1)).toEqual([]);
    // The recorder saw the prediction request: it is watching.
    expect(entries.some((e) => e.kind === 'net' && isLocal(e) && e.port !== undefined)).toBe(true);

    if (strace.ok) {
      const connects = traces.flatMap(tracedConnects);
      const off = connects.filter((c) => !isLocal(c));
      console.log(
        `strace: ${connects.length} connect() calls (${[...new Set(connects.map((c) => `${c.family} ${c.host ?? c.path}`))].join(', ')}), ${off.length} off loopback`,
      );
      expect(off).toEqual([]);
      expect(connects.some((c) => c.host === '127.0.0.1' || c.host === '::1')).toBe(true);
    } else console.log(`strace cross-check skipped: ${strace.why}`);
  }, 400_000);
});
