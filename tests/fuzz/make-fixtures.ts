// Regenerates tests/fuzz/fixtures/*.model.fixture: small exported model files (JSON, named so
// Prettier leaves their bytes alone) — a GBDT and a GLM churn model
// on the first 400 sample leads) that the artifact, server and scorer fuzz tests start from.
// Run: npx tsx tests/fuzz/make-fixtures.ts (the files are committed; tests never train).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFile } from '../../core/node/import/importer.js';
import { Registry } from '../../core/node/registry/registry.js';
import { Workspace } from '../../core/node/workspace/workspace.js';
import { trainAndRegister } from '../../models/common/save.js';
import { trainTabular } from '../../models/common/tabular.js';
import { artifactFileText } from '../../models/export/artifact-file.js';

const dir = mkdtempSync(join(tmpdir(), 'sightline-fuzz-fixtures-'));
try {
  const lines = readFileSync('sample-data/small/leads.csv', 'utf8').split('\n').slice(0, 401);
  const csv = join(dir, 'leads.csv');
  writeFileSync(csv, `${lines.join('\n')}\n`);
  const ws = Workspace.open(join(dir, 'w.sightline'), { create: true });
  await importFile(ws, csv, { table: 'leads' });
  for (const learner of ['gbdt', 'glm'] as const) {
    const saved = await trainAndRegister(ws, 'churn', {}, (onProgress) =>
      trainTabular(ws, {
        kind: 'churn',
        name: `leads-${learner}`,
        table: 'leads',
        target: 'converted',
        id: 'lead_id',
        learner,
        folds: 2,
        seed: 7,
        ...(learner === 'gbdt' ? { params: { gbdt: { trees: 6, num_leaves: 4 } } } : {}),
        onProgress,
      }),
    );
    const { evaluation: _e, ...record } = new Registry(ws).get(`leads-${learner}@${saved.version}`);
    writeFileSync(`tests/fuzz/fixtures/leads-${learner}.model.fixture`, artifactFileText(record));
  }
  ws.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
