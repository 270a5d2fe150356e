// The `sightline` command line: one subcommand per file under commands/.
import { Command } from 'commander';
import { registerDemo } from './commands/demo.js';
import { registerImport } from './commands/import.js';
import { registerProfile } from './commands/profile.js';
import { registerSample } from './commands/sample.js';
import { registerTables } from './commands/tables.js';
import { registerTrain } from './commands/train.js';
import { registerModels } from './commands/models.js';
import { registerScore } from './commands/score.js';
import { registerExport } from './commands/export.js';
import { registerServe } from './commands/serve.js';
import { registerDrift } from './commands/drift.js';
import { registerOpen } from './commands/open.js';
import { EXIT } from './output.js';
import { packageVersion } from './paths.js';

const program = new Command();
program
  .name('sightline')
  .description('Sightline: offline predictive analytics on a local SQLite workspace')
  .version(packageVersion())
  .showHelpAfterError()
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : EXIT.usage);
  });

// A reader that stops early (`sightline predict … | head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

registerImport(program);
registerTables(program);
registerProfile(program);
registerSample(program);
registerTrain(program);
registerModels(program);
registerScore(program);
registerExport(program);
registerServe(program);
registerDrift(program);
registerOpen(program);
registerDemo(program);

await program.parseAsync(process.argv);
