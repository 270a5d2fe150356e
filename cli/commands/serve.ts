// sightline serve: the REST scoring server (core/node/serve) over a folder of exported model
// files or a workspace's registry. This file also holds the table-mode scoring engine the server
// is given: it needs models/, which core/node may not import.
import { driftReport, parseReference } from '../../core/common/drift/index.js';
import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import {
  modelTag,
  type JsonSchema,
  type RecordColumn,
  type ScoringEngine,
  type ServedModel,
} from '../../core/node/serve/model.js';
import {
  createServer,
  DEFAULT_BODY_LIMIT,
  DEFAULT_MAX_BATCH,
  DEFAULT_REQUEST_TIMEOUT,
  listen,
  ServeError,
} from '../../core/node/serve/server.js';
import { DirStore, WorkspaceStore } from '../../core/node/serve/store.js';
import { checkArtifact, type ModelArtifact } from '../../models/common/artifact.js';
import { encodeColumns } from '../../models/common/columns.js';
import { applyCalibration } from '../../models/common/decision.js';
import { loadFitted, type Scorer } from '../../models/common/fitted.js';
import { factorText, scoreTable, type TableScores } from '../../models/common/tabular.js';
import { RECOMMENDATIONS } from '../../models/score.js';
import { fail, UsageError } from '../output.js';
import { packageVersion } from '../paths.js';
import { workspacePath } from '../workspace-option.js';

const round = (v: number, d = 4) => (Number.isFinite(v) ? Number(v.toFixed(d)) : null);

/** Output field names of a binary model, by kind (as `sightline predict` writes them). */
function binaryNames(kind: string) {
  return {
    probability:
      kind === 'churn'
        ? 'churn_probability'
        : kind === 'failure'
          ? 'failure_probability'
          : 'positive_probability',
    flag: kind === 'churn' ? 'is_at_risk' : kind === 'failure' ? 'alert' : 'predicted_positive',
  };
}

/**
 * Scores JSON records with table-mode artifacts through scoreTable, giving each record the
 * fields `sightline predict` gives a table row (models/score.ts predictTable).
 */
export const tableEngine: ScoringEngine<ModelArtifact> = {
  check: (json, where) => checkArtifact(json, where),
  drift(a, columns, rows) {
    if (!a.reference) return undefined;
    const data = encodeColumns(columns, a.input, rows, 'the batch');
    let predictions = loadFitted(a.model).predict(data);
    if (a.decision) predictions = applyCalibration(a.decision.calibration, predictions);
    const catNames = (data.names ?? []).slice(data.numeric.length);
    return driftReport(parseReference(a.reference), data, {
      ...(predictions.length === rows ? { predictions } : {}),
      predictionMethod: 'psi',
      categoryLevels: catNames.map((n) => a.input.find((x) => x.name === n)?.levels),
    });
  },
  unsupported: (a) =>
    a.mode === 'table'
      ? undefined
      : `a ${a.kind} model in ${a.mode} mode scores from a history (${a.mode}), not from single records; use \`sightline predict\``,
  outputs(a): Record<string, JsonSchema> {
    const version = {
      type: 'string',
      description: 'the model and version that scored: name@version',
    };
    if (a.task === 'binary') {
      const n = binaryNames(a.kind);
      return {
        [n.probability]: {
          type: 'number',
          description: 'calibrated probability of the positive class',
        },
        [n.flag]: {
          type: 'boolean',
          description: `probability at or above the model's threshold (${a.decision?.threshold ?? 0.5})`,
        },
        risk_level: {
          type: 'string',
          enum: ['low', 'medium', 'high', 'critical'],
          description: 'risk band around the threshold',
        },
        risk_factors: {
          type: 'string',
          description:
            'top contributing fields: "field = value: ±contribution; …" (absent with ?factors=0)',
        },
        ...(a.kind === 'churn'
          ? {
              recommendation: {
                type: 'string',
                description: 'suggested action for the risk level',
              },
            }
          : {}),
        model_version: version,
      };
    }
    if (a.task === 'multiclass')
      return {
        predicted_class: { type: 'string', description: 'the most probable class' },
        ...Object.fromEntries(
          (a.target?.classes ?? []).map((c) => [
            `p_${c}`,
            { type: 'number', description: `probability of ${c}` },
          ]),
        ),
        model_version: version,
      };
    return {
      prediction: { type: 'number', description: 'predicted value' },
      model_version: version,
    };
  },
  score(a, tag, columns: RecordColumn[], rows, opts) {
    const factors = a.task === 'binary' ? opts.factors : 0;
    const s = scoreRecords(a, columns, rows, factors);
    const out: Record<string, unknown>[] = [];
    if (s.binary) {
      const n = binaryNames(a.kind);
      for (let i = 0; i < rows; i++) {
        const level = s.binary.level[i]!;
        out.push({
          [n.probability]: round(s.binary.probability[i]!),
          [n.flag]: s.binary.flagged[i] === 1,
          risk_level: level,
          ...(factors > 0
            ? {
                risk_factors: s.binary.factors[i]!.map((f) => factorText(a, s.data, f, i)).join(
                  '; ',
                ),
              }
            : {}),
          ...(a.kind === 'churn' ? { recommendation: RECOMMENDATIONS[level] } : {}),
          model_version: tag,
        });
      }
    } else if (s.classProbabilities) {
      const classes = a.target?.classes ?? [];
      const K = classes.length;
      for (let i = 0; i < rows; i++) {
        const ps = Array.from(s.classProbabilities.subarray(i * K, i * K + K));
        out.push({
          predicted_class: classes[ps.indexOf(Math.max(...ps))] ?? null,
          ...Object.fromEntries(classes.map((c, k) => [`p_${c}`, round(ps[k]!)])),
          model_version: tag,
        });
      }
    } else
      for (let i = 0; i < rows; i++)
        out.push({ prediction: round(s.values![i]!), model_version: tag });
    return out;
  },
};

// The fitted learner of each artifact, loaded once: loading 100 trees costs more than scoring a
// record with them.
const scorers = new WeakMap<ModelArtifact, Scorer>();

function scoreRecords(
  a: ModelArtifact,
  columns: RecordColumn[],
  rows: number,
  k: number,
): TableScores {
  let scorer = scorers.get(a);
  if (!scorer) scorers.set(a, (scorer = loadFitted(a.model)));
  return scoreTable(a, columns, rows, 'the request', { factors: k, scorer });
}

interface ServeFlags {
  models?: string;
  workspace?: string;
  host: string;
  port: string;
  token?: string;
  log?: string;
  bodyLimit?: string;
  maxBatch?: string;
  requestTimeout?: string;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'serve table-mode models over HTTP: /predict/{model}, /models, /docs, /openapi.json',
    )
    .option(
      '--models <dir>',
      'a folder of exported model files (*.json), reloaded when they change',
    )
    .option(
      '-w, --workspace <file>',
      "serve a workspace's registry (production version, else latest)",
    )
    .option(
      '--host <address>',
      'address to listen on (off loopback, --token is required)',
      '127.0.0.1',
    )
    .option('--port <n>', 'port (0: any free one)', '8000')
    .option(
      '--token <token>',
      'require "Authorization: Bearer <token>" (default: $SIGHTLINE_TOKEN)',
    )
    .option('--log <file>', 'append every prediction to this JSON Lines file')
    .option('--body-limit <bytes>', `largest request body (default ${DEFAULT_BODY_LIMIT})`)
    .option('--max-batch <n>', `most records in one batch (default ${DEFAULT_MAX_BATCH})`)
    .option(
      '--request-timeout <ms>',
      `time a client has to send its request (default ${DEFAULT_REQUEST_TIMEOUT})`,
    )
    .action(async (flags: ServeFlags) => {
      try {
        await runServe(flags);
      } catch (err) {
        fail(err instanceof ServeError ? new UsageError(err.message) : err, false);
      }
    });
}

function wholeNumber(text: string, flag: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < min || n > max)
    throw new UsageError(`${flag} ${text}: expected a whole number from ${min} to ${max}`);
  return n;
}

async function runServe(flags: ServeFlags): Promise<void> {
  if (flags.models && flags.workspace)
    throw new UsageError('give one of --models DIR and --workspace W, not both');
  const port = wholeNumber(flags.port, '--port', 0, 65535);
  const bodyLimit =
    flags.bodyLimit === undefined
      ? undefined
      : wholeNumber(flags.bodyLimit, '--body-limit', 1, 2 ** 31 - 1);
  const maxBatch =
    flags.maxBatch === undefined
      ? undefined
      : wholeNumber(flags.maxBatch, '--max-batch', 1, 1_000_000);
  const requestTimeout =
    flags.requestTimeout === undefined
      ? undefined
      : wholeNumber(flags.requestTimeout, '--request-timeout', 1, 3_600_000);
  const token = flags.token ?? process.env.SIGHTLINE_TOKEN;
  let listening = false;
  const reloaded = (models: ReadonlyMap<string, ServedModel>) => {
    if (listening)
      process.stderr.write(
        `sightline serve: models reloaded: ${[...models.values()].map(modelTag).join(', ') || 'none'}\n`,
      );
  };
  let store;
  if (flags.models) {
    if (!existsSync(flags.models) || !statSync(flags.models).isDirectory())
      throw new UsageError(`--models ${flags.models}: no such folder`);
    store = new DirStore(flags.models, tableEngine, { onReload: reloaded });
  } else
    store = new WorkspaceStore(workspacePath(flags.workspace), tableEngine, { onReload: reloaded });
  let app;
  try {
    app = createServer({
      store,
      engine: tableEngine,
      host: flags.host,
      ...(token ? { token } : {}),
      ...(bodyLimit !== undefined ? { bodyLimit } : {}),
      ...(maxBatch !== undefined ? { maxBatch } : {}),
      ...(requestTimeout !== undefined ? { requestTimeout } : {}),
      ...(flags.log ? { log: flags.log } : {}),
      version: packageVersion(),
    });
  } catch (err) {
    store.close();
    throw err;
  }
  const url = await listen(app, flags.host, port);
  listening = true;
  for (const p of store.problems()) process.stderr.write(`sightline serve: skipped ${p}\n`);
  const names = [...store.models().values()].map(modelTag);
  process.stdout.write(
    `Serving ${names.length} model${names.length === 1 ? '' : 's'}${names.length ? ` (${names.join(', ')})` : ''} at ${url}\nAPI docs: ${url}/docs · Ctrl-C stops.\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.stderr.write('\nsightline serve: stopping…\n');
      void app.close().then(() => resolve());
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
