// npm run test:crash [-- --kills N --seed S --concurrency C --ops import,train --rows N --verbose --live]
// Kills the sightline CLI at random points over many seeds (crash-harness.ts) and prints, per
// operation, the kills tried and the losses found. Exit status 1 when anything was lost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CRASH_OPS,
  formatReport,
  runCrashHarness,
  snapshotSources,
  type CrashOp,
} from './crash-harness.js';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '2' },
    ops: { type: 'string' },
    rows: { type: 'string', default: '60000' },
    verbose: { type: 'boolean', default: false },
    live: { type: 'boolean', default: false },
  },
});
const ops = (values.ops?.split(',') ?? [...CRASH_OPS]) as CrashOp[];
for (const op of ops)
  if (!CRASH_OPS.includes(op)) throw new Error(`--ops ${op}: use ${CRASH_OPS.join(', ')}`);

const kills = Number(values.kills);
console.log(
  `test:crash — ${kills} SIGKILLs over ${ops.join(', ')} (seeds from ${values.seed}, ${values.concurrency} at a time)`,
);
// The CLI runs from a copy of the sources taken now (unless --live), so edits made in the working
// tree during a long run do not mix versions.
const root = mkdtempSync(join(tmpdir(), 'sightline-crash-run-'));
const cliRoot = values.live ? undefined : snapshotSources(join(root, 'src'));
if (cliRoot) console.log(`running the CLI from a snapshot of the sources: ${cliRoot}`);
const report = await runCrashHarness({
  dir: join(root, 'work'),
  ...(cliRoot ? { cliRoot } : {}),
  kills,
  seed: Number(values.seed),
  concurrency: Number(values.concurrency),
  eventRows: Number(values.rows),
  ops,
  log: (line) => {
    if (values.verbose || !line.startsWith('ok ')) console.log(line);
  },
});
console.log('');
console.log(formatReport(report));
console.log(
  `\n${report.kills} kills, ${report.losses} losses, ${report.strayTempFiles} stray temporary files, ${report.seconds.toFixed(0)} s`,
);
for (const d of report.details)
  console.log(`\nseed ${d.seed} ${d.variant} (${d.killAt}):\n  ${d.problems.join('\n  ')}`);
rmSync(root, { recursive: true, force: true });
process.exitCode = report.losses > 0 ? 1 : 0;
