import { describe, expect, it } from 'vitest';
import type { ModelArtifact } from '../common/artifact.js';
import { artifactFileText, readArtifactFile } from './artifact-file.js';

const artifact: ModelArtifact = {
  format: 'sightline-model',
  version: 1,
  kind: 'churn',
  name: 'churn',
  mode: 'table',
  task: 'binary',
  roles: { target: 'churned', id: 'customer_id' },
  input: [
    { name: 'tenure', kind: 'numeric' },
    { name: 'plan', kind: 'categorical', levels: ['basic', 'premium'] },
  ],
  features: ['tenure', 'plan'],
  target: { column: 'churned', positive: 'yes' },
  learner: 'glm',
  model: { format: 'sightline-glm', version: 1 },
  decision: {
    calibration: { kind: 'platt', a: -4.2, b: 2.1 },
    rule: { rule: 'max_f1' },
    threshold: 0.31,
    riskCuts: [0.155, 0.31, 0.655],
    achieved: { f1: 0.6, precision: 0.55, recall: 0.66 },
  },
  settings: {},
  seed: 42,
  codeVersion: 'dev',
  createdAt: '2026-01-02T03:04:05.000Z',
};

const record = {
  name: 'churn',
  kind: 'churn',
  version: 3,
  stage: 'production',
  metrics: { auc: 0.81, brier: null },
  params: { table: 'customers', folds: 5 },
  leaderboard: [{ rank: 1, learner: 'glm' }],
  dataFingerprint: 'abc:1000',
  seed: 42,
  codeVersion: 'dev',
  createdAt: '2026-01-02T03:04:05.000Z',
  jobId: 'job-1',
  artifact,
};

const text = (v: unknown) => JSON.stringify(v);
const clone = () => JSON.parse(text(record)) as typeof record & Record<string, unknown>;

describe('exported artifact files', () => {
  it('round-trips a registry record, leaving out its evaluation data', () => {
    const file = artifactFileText({ ...record, evaluation: { roc: [] } });
    expect(file.endsWith('\n')).toBe(true);
    expect(JSON.parse(file)).not.toHaveProperty('evaluation');
    expect(readArtifactFile(file, 'm.json')).toEqual(record);
  });

  it('keeps fields it does not know inside the artifact', () => {
    const r = clone();
    (r.artifact as unknown as Record<string, unknown>).extra = { a: 1 };
    expect(readArtifactFile(text(r), 'm.json').artifact).toHaveProperty('extra', { a: 1 });
  });

  it('refuses text that is not JSON, or not a model file', () => {
    expect(() => readArtifactFile('{"name":', 'm.json')).toThrow(/^m\.json is not JSON/);
    expect(() => readArtifactFile('[1]', 'm.json')).toThrow('m.json is not a Sightline model file');
    expect(() =>
      readArtifactFile(text({ ...record, artifact: { format: 'onnx' } }), 'm.json'),
    ).toThrow(
      'm.json is not a Sightline model file (its "artifact" should have format "sightline-model")',
    );
    expect(() => readArtifactFile(text(artifact), 'm.json')).toThrow(/bare model artifact/);
  });

  it('says a newer model needs a newer Sightline, before looking at any field', () => {
    const newer = { artifact: { format: 'sightline-model', version: 2, shape: 'unknown' } };
    expect(() => readArtifactFile(text(newer), 'm.json')).toThrow(
      'm.json holds a version 2 Sightline model, written by a newer Sightline; this Sightline reads version 1: upgrade Sightline to use it',
    );
    const odd = { ...record, artifact: { ...artifact, version: '1' } };
    expect(() => readArtifactFile(text(odd), 'm.json')).toThrow(
      /of version "1"; this Sightline reads version 1/,
    );
  });

  it('names the path of a missing or malformed field', () => {
    const noFeatures = clone();
    delete (noFeatures.artifact as Partial<ModelArtifact>).features;
    expect(() => readArtifactFile(text(noFeatures), 'm.json')).toThrow(
      'm.json is not a valid Sightline model file: artifact.features: is missing',
    );
    const noStage = clone();
    delete (noStage as Partial<typeof record>).stage;
    expect(() => readArtifactFile(text(noStage), 'm.json')).toThrow(/: stage: is missing/);
    const badColumn = clone();
    (badColumn.artifact.input[1] as { kind: string }).kind = 'text';
    expect(() => readArtifactFile(text(badColumn), 'm.json')).toThrow(
      /artifact\.input\[1\]\.kind: /,
    );
    const badCuts = clone();
    badCuts.artifact.decision!.riskCuts = [0.1, 0.2] as unknown as [number, number, number];
    expect(() => readArtifactFile(text(badCuts), 'm.json')).toThrow(/artifact\.decision\.riskCuts/);
  });

  it('refuses to write a broken record', () => {
    const r = clone();
    r.version = 0;
    expect(() => artifactFileText(r)).toThrow(
      /^the model record is not a valid Sightline model file: version: /,
    );
  });
});
