// The benchmark table shared by bench:import, bench:gbdt and bench:score: 1,000,000 rows × 31
// columns (25 real, 3 integer, 2 categorical features and a 0/1 target driven by them), seeded.
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const BENCH_ROWS = 1_000_000;

/** A small, fast, seeded generator (sfc32) so the file is the same on every machine. */
function sfc32(seed: number): () => number {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = 1;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

export const BENCH_HEADER = [
  ...Array.from({ length: 25 }, (_, i) => `x${i + 1}`),
  'n1',
  'n2',
  'n3',
  'region',
  'plan',
  'target',
];

/** Writes the benchmark CSV to `dir` (once; reused while its size matches) and returns its path. */
export async function benchCsv(dir: string, rows = BENCH_ROWS): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `bench-${rows}.csv`);
  if (existsSync(path) && statSync(path).size > rows * 100) return path;
  const rnd = sfc32(42);
  const gauss = () => {
    const u = Math.max(rnd(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
  };
  const regions = ['north', 'south', 'east', 'west', 'central'];
  const plans = ['basic', 'standard', 'premium'];
  const out = createWriteStream(`${path}.tmp`);
  out.write(`${BENCH_HEADER.join(',')}\n`);
  let buf = '';
  for (let r = 0; r < rows; r++) {
    const x: number[] = [];
    for (let i = 0; i < 25; i++) x.push(gauss());
    const n1 = Math.floor(rnd() * 100);
    const n2 = Math.floor(rnd() * 10);
    const n3 = Math.floor(rnd() * 100000);
    const region = Math.floor(rnd() * regions.length);
    const plan = Math.floor(rnd() * plans.length);
    const margin =
      1.2 * x[0]! -
      0.8 * x[1]! +
      0.6 * x[2]! * x[3]! +
      (x[4]! > 0.5 ? 0.9 : -0.3) +
      0.4 * Math.sin(2 * x[5]!) +
      0.02 * (n1 - 50) +
      (plan === 2 ? 0.5 : 0) -
      (region === 1 ? 0.4 : 0) +
      0.5 * gauss();
    const target = margin > 0 ? 1 : 0;
    buf += `${x.map((v) => v.toFixed(5)).join(',')},${n1},${n2},${n3},${regions[region]},${plans[plan]},${target}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
  const { renameSync } = await import('node:fs');
  renameSync(`${path}.tmp`, path);
  return path;
}
