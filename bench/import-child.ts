// Runs one Sightline import in its own process so the benchmark sees its true peak RSS.
import { rmSync } from 'node:fs';
import { importFile } from '../core/node/import/importer.js';
import { Workspace } from '../core/node/workspace/workspace.js';

const [file, wsPath] = process.argv.slice(2) as [string, string];
for (const s of ['', '-wal', '-shm']) rmSync(wsPath + s, { force: true });
const started = performance.now();
const ws = Workspace.open(wsPath, { create: true });
const [r] = await importFile(ws, file, { table: 'bench' });
ws.close();
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  JSON.stringify({
    seconds,
    rows: r!.rows,
    columns: r!.report.columns.map((c) => c.type),
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
