// sightline tables: the datasets in a workspace.
import type { Command } from 'commander';
import { fail, printJson, table } from '../output.js';
import { formatCount } from '../progress.js';
import { openWorkspace } from '../workspace-option.js';

export function registerTables(program: Command): void {
  program
    .command('tables')
    .description('list the tables of a workspace')
    .option('-w, --workspace <file>', 'workspace file')
    .option('--json', 'print one JSON document')
    .action((flags: { workspace?: string; json?: boolean }) => {
      try {
        const ws = openWorkspace(flags.workspace);
        try {
          const list = ws.listDatasets().map((d) => ({ ...d, columns: ws.getColumns(d.id) }));
          if (flags.json) {
            printJson({ ok: true, workspace: ws.path, tables: list });
            return;
          }
          if (list.length === 0) {
            process.stdout.write(
              `${ws.path} has no tables yet. Import one with: sightline import FILE --workspace ${ws.path}\n`,
            );
            return;
          }
          process.stdout.write(
            `${table(
              ['table', 'rows', 'columns', 'source', 'imported'],
              list.map((d) => [
                d.name,
                formatCount(d.rowCount),
                String(d.columns.length),
                d.source,
                d.updatedAt.slice(0, 19).replace('T', ' '),
              ]),
            )}\n`,
          );
        } finally {
          ws.close();
        }
      } catch (err) {
        fail(err, flags.json === true);
      }
    });
}
