// The model the serving benchmarks and the server-abuse test put behind `sightline serve`: churn
// (gbdt) trained on sample-data/small/leads.csv in a fresh workspace under `dir`, exported as
// `dir/models/leads.json` (the registry record without its evaluation, as `models export` writes).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../core/node/import/importer.js';
import { Registry } from '../core/node/registry/registry.js';
import { Workspace } from '../core/node/workspace/workspace.js';
import { trainAndRegister } from '../models/common/save.js';
import { trainTabular } from '../models/common/tabular.js';

export interface ServedModel {
  /** The open workspace holding the leads table and the model. */
  ws: Workspace;
  /** The folder to pass to `serve --models`. */
  modelsDir: string;
  /** The exported record (artifact, metrics, …). */
  record: Omit<ReturnType<Registry['get']>, 'evaluation'>;
}

export async function trainServedLeads(dir: string, trees: number): Promise<ServedModel> {
  const ws = Workspace.open(join(dir, 'w.sightline'), { create: true });
  await importFile(ws, 'sample-data/small/leads.csv', { table: 'leads' });
  await trainAndRegister(ws, 'churn', {}, (onProgress) =>
    trainTabular(ws, {
      kind: 'churn',
      name: 'leads',
      table: 'leads',
      target: 'converted',
      learner: 'gbdt',
      folds: 2,
      params: { gbdt: { trees } },
      onProgress,
    }),
  );
  const { evaluation: _e, ...record } = new Registry(ws).get('leads');
  const modelsDir = join(dir, 'models');
  mkdirSync(modelsDir);
  writeFileSync(join(modelsDir, 'leads.json'), `${JSON.stringify(record)}\n`);
  return { ws, modelsDir, record };
}
