// npm run bench:import — Sightline's import against the sqlite3 CLI's `.import`, same file, same run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchCsv } from './data.js';

const dir = join(process.cwd(), '.bench');
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 3);

console.log(
  `bench:import — ${rows.toLocaleString('en-US')} rows × 31 columns (25 real, 3 integer, 2 categorical, target)`,
);
const csv = await benchCsv(dir, rows);
console.log(`data: ${csv} (${(statSync(csv).size / 1e6).toFixed(1)} MB)`);

const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function sqliteCli(): { seconds: number; rssMB?: number } {
  const db = join(dir, 'peer.db');
  rmSync(db, { force: true });
  const t0 = performance.now();
  const args = [db, '.mode csv', `.import ${csv} bench`];
  const res = timeBin
    ? spawnSync(timeBin, ['-f', '%M', 'sqlite3', ...args], { encoding: 'utf8' })
    : spawnSync('sqlite3', args, { encoding: 'utf8' });
  const seconds = (performance.now() - t0) / 1000;
  if (res.status !== 0) throw new Error(`sqlite3 failed: ${res.stderr}`);
  const n = execFileSync('sqlite3', [db, 'SELECT count(*) FROM bench'], {
    encoding: 'utf8',
  }).trim();
  if (Number(n) !== rows) throw new Error(`sqlite3 imported ${n} rows, expected ${rows}`);
  const rss = timeBin ? Number(res.stderr.trim().split('\n').pop()) / 1024 : undefined;
  return rss === undefined ? { seconds } : { seconds, rssMB: rss };
}

function sightline(): { seconds: number; rssMB: number; types: string[] } {
  const child = fileURLToPath(new URL('./import-child.js', import.meta.url));
  const t0 = performance.now();
  const res = spawnSync(process.execPath, [child, csv, join(dir, 'bench.sightline')], {
    encoding: 'utf8',
  });
  const seconds = (performance.now() - t0) / 1000;
  if (res.status !== 0) throw new Error(`sightline import failed: ${res.stderr}`);
  const out = JSON.parse(res.stdout) as { rows: number; maxRssMB: number; columns: string[] };
  if (out.rows !== rows) throw new Error(`sightline imported ${out.rows} rows, expected ${rows}`);
  return { seconds, rssMB: out.maxRssMB, types: out.columns };
}

const hasPeer = spawnSync('sqlite3', ['-version']).status === 0;
if (!hasPeer)
  console.log(
    'peer: the sqlite3 CLI is not installed (apt-get install sqlite3); reporting Sightline alone',
  );
const ours: ReturnType<typeof sightline>[] = [];
const peer: ReturnType<typeof sqliteCli>[] = [];
for (let i = 0; i < runs; i++) {
  if (hasPeer) peer.push(sqliteCli());
  ours.push(sightline());
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const s = median(ours.map((o) => o.seconds));
const rss = Math.max(...ours.map((o) => o.rssMB));
const typeCounts = ours[0]!.types.reduce<Record<string, number>>(
  (m, t) => ((m[t] = (m[t] ?? 0) + 1), m),
  {},
);
console.log(
  `sightline: ${s.toFixed(2)} s median of ${runs} (${ours.map((o) => o.seconds.toFixed(2)).join(', ')}), ${Math.round(rows / s).toLocaleString('en-US')} rows/s, peak RSS ${rss.toFixed(0)} MB, typed columns ${JSON.stringify(typeCounts)}`,
);
if (hasPeer) {
  const p = median(peer.map((o) => o.seconds));
  const prss = peer[0]!.rssMB;
  console.log(
    `sqlite3 CLI .import: ${p.toFixed(2)} s median (${peer.map((o) => o.seconds.toFixed(2)).join(', ')}), ${Math.round(rows / p).toLocaleString('en-US')} rows/s${prss ? `, peak RSS ${prss.toFixed(0)} MB` : ''} (all columns TEXT)`,
  );
  console.log(
    `ratio sightline / sqlite3 = ${(s / p).toFixed(2)}  (goal ≤ 1.00; peak RSS goal < 300 MB)`,
  );
}
