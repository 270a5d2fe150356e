// sightline export: a registered model as ONNX, a JSON artifact file or a standalone scorer
// module, with a parity check against the engine (models/export/model-export.ts does the work;
// the app's Score & Export page uses the same module).
import type { Command } from 'commander';
import type { NumericInputType } from '../../core/common/onnx/index.js';
import {
  EXPORT_FORMATS,
  ExportRefused,
  exportModel,
  type ExportFormat,
  type ExportParity,
} from '../../models/export/model-export.js';
import { translateSqliteError } from '../../core/node/workspace/workspace.js';
import { fail, printJson, UsageError } from '../output.js';
import { openWorkspace } from '../workspace-option.js';

interface Flags {
  workspace?: string;
  model: string;
  format: string;
  out: string;
  table?: string;
  numericInputs?: string;
  json?: boolean;
}

export type ParityReport = ExportParity;

export function registerExport(program: Command): void {
  program
    .command('export')
    .description(
      'export a model: onnx, json (the artifact file) or scorer (a standalone ES module), with a parity report',
    )
    .requiredOption('-m, --model <model>', 'registry name[@version]')
    .requiredOption('-f, --format <format>', 'onnx | json | scorer')
    .option(
      '--numeric-inputs <type>',
      'onnx: float (default for raw columns; as most runtimes feed) or double (exact for any double input; default for computed features)',
    )
    .requiredOption('-o, --out <path>', 'the file to write')
    .option('-w, --workspace <file>', 'workspace file')
    .option('-t, --table <name>', 'rows for the parity check (default: the training table)')
    .option('--json', 'print one JSON document')
    .action(async (flags: Flags) => {
      try {
        await runExport(flags);
      } catch (err) {
        // A locked or full workspace while recording the export, named as such.
        const ws = flags.workspace ?? process.env.SIGHTLINE_WORKSPACE ?? 'the workspace';
        fail(translateSqliteError(err, ws), flags.json === true);
      }
    });
}

async function runExport(flags: Flags): Promise<void> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(flags.format))
    throw new UsageError(`--format ${flags.format}: use onnx, json or scorer`);
  if (flags.numericInputs && !['float', 'double'].includes(flags.numericInputs))
    throw new UsageError(`--numeric-inputs ${flags.numericInputs}: use float or double`);
  const ws = openWorkspace(flags.workspace);
  try {
    let r;
    try {
      r = await exportModel(ws, flags.model, {
        format: flags.format as ExportFormat,
        out: flags.out,
        ...(flags.table ? { table: flags.table } : {}),
        ...(flags.numericInputs ? { numericInputs: flags.numericInputs as NumericInputType } : {}),
      });
    } catch (err) {
      if (err instanceof ExportRefused)
        throw new UsageError(
          err.message.replace(
            'name the rows for the parity check (a table of the workspace)',
            'name the rows for the parity check with --table T',
          ),
        );
      throw err;
    }
    const parity = r.parity;
    const out = { ok: true, model: r.model, format: r.format, out: flags.out, parity };
    if (flags.json) printJson(out);
    else
      process.stdout.write(
        `Wrote ${out.model} as ${flags.format} to ${flags.out}.${r.inputs === 'features' ? `\nThe graph reads the model's features: ${r.inputNames!.join(', ')}.` : ''}${parity ? `\nParity on ${parity.checkedOn}: ${parity.rows} rows, max |difference| ${parity.maxAbsDifference.toExponential(2)} (tolerance ${parity.tolerance}): ${parity.passed ? 'passed' : 'FAILED'}.` : ''}\n`,
      );
    if (parity && !parity.passed) process.exitCode = 1;
  } finally {
    ws.close();
  }
}
