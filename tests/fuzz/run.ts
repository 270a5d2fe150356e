// `npm run fuzz`: the coverage-guided fuzzer (coverage-fuzzer.ts) on each target in turn.
//
//   npm run fuzz                                   every target, 60 s each
//   npm run fuzz -- --target importer --seconds 300
//   options: --target importer|infer|artifact|server (repeatable), --seconds N, --seed N,
//            --timeout MS (per input, default 5000), --heap MB (worker heap ceiling, default 512)
//
// Prints, per target: inputs tried, corpus size, blocks covered, failures. Failing inputs are
// saved under tests/fuzz/regressions/<target>/ (a .bin with the input, a .txt with the message);
// tests/fuzz/regressions/replay.test.ts replays every one of them, so each becomes a regression
// test once the bug is fixed. The exit status is 1 when anything failed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fuzzTarget, type FuzzStats } from './coverage-fuzzer.js';
import { TARGETS } from './targets.js';

const args = process.argv.slice(2);
const option = (name: string): string[] => {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) if (args[i] === `--${name}`) out.push(args[++i] ?? '');
  return out;
};
const number = (name: string, fallback: number): number => {
  const v = option(name).at(-1);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) {
    process.stderr.write(`--${name} ${v}: expected a positive number\n`);
    process.exit(2);
  }
  return n;
};

const names = option('target').length ? option('target') : Object.keys(TARGETS);
for (const n of names)
  if (!TARGETS[n]) {
    process.stderr.write(`unknown target ${n} (targets: ${Object.keys(TARGETS).join(', ')})\n`);
    process.exit(2);
  }
const seconds = number('seconds', 60);
const seed = number('seed', Date.now() % 1_000_000);
const here = fileURLToPath(new URL('.', import.meta.url));

const results: FuzzStats[] = [];
for (const name of names) {
  const workDir = mkdtempSync(join(tmpdir(), `sightline-fuzz-${name}-`));
  process.stdout.write(`fuzzing ${name} for ${seconds} s (seed ${seed})…\n`);
  try {
    const s = await fuzzTarget(TARGETS[name]!, {
      seconds,
      seed,
      timeoutMs: number('timeout', 5000),
      heapMb: number('heap', 512),
      workDir,
      failureDir: join(here, 'regressions'),
      targetsModule: new URL('./targets.ts', import.meta.url).href,
    });
    results.push(s);
    process.stdout.write(
      `  ${s.tried.toLocaleString('en-US')} inputs (${Math.round(s.tried / seconds)}/s), corpus ${s.corpus}, ${s.blocks} blocks covered, peak heap ${Math.round(s.peakHeapMb)} MB, ${s.failures.length} failure${s.failures.length === 1 ? '' : 's'}${s.restarts ? `, ${s.restarts} worker restart(s)` : ''}\n`,
    );
    for (const f of s.failures)
      process.stdout.write(`    ${f.kind}: ${f.message}\n      saved: ${f.file}\n`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

process.stdout.write('\ntarget      inputs   corpus  blocks  failures\n');
for (const s of results)
  process.stdout.write(
    `${s.target.padEnd(10)} ${String(s.tried).padStart(8)} ${String(s.corpus).padStart(8)} ${String(s.blocks).padStart(7)} ${String(s.failures.length).padStart(9)}\n`,
  );
process.exitCode = results.some((s) => s.failures.length > 0) ? 1 : 0;
