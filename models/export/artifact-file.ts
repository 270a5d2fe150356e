// The exported artifact file: one registry version as JSON — its record (name, kind, version,
// stage, metrics, parameters, leaderboard, data fingerprint, seed, code version, creation time)
// and the model artifact itself — written by `sightline models export`, read by `--model FILE`.
// Reading distrusts the file: the artifact's format and version are checked first, so a file
// from a newer Sightline says so instead of failing on some field it added; then the whole
// document against the schema, errors naming the field's path.
import { z } from 'zod';
import {
  ARTIFACT_FORMAT,
  ARTIFACT_VERSION,
  artifactSchema,
  findProtoKey,
  metricValue,
  type ModelArtifact,
} from '../common/artifact.js';

const fileSchema = z.object({
  name: z.string().min(1),
  kind: z.string(),
  version: z.number().int().positive(),
  stage: z.enum(['candidate', 'production', 'archived']),
  metrics: z.record(z.string(), metricValue),
  params: z.unknown(),
  leaderboard: z.array(z.unknown()),
  dataFingerprint: z.string(),
  seed: z.number(),
  codeVersion: z.string(),
  createdAt: z.string(),
  jobId: z.string().nullable().optional(),
  artifact: artifactSchema,
});

/** An exported artifact file: a registry version record with its artifact. */
export type ArtifactFile = Omit<z.infer<typeof fileSchema>, 'artifact'> & {
  artifact: ModelArtifact;
};

/** The file text of a registry record (its evaluation data is not exported); checked first. */
export function artifactFileText(record: unknown): string {
  return `${JSON.stringify(check(record, 'the model record'))}\n`;
}

/** Parses and checks an exported artifact file; `where` (its path) starts every error. */
export function readArtifactFile(text: string, where: string): ArtifactFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${where} is not JSON (${(err as Error).message})`, { cause: err });
  }
  return check(json, where);
}

function check(json: unknown, where: string): ArtifactFile {
  checkHeader(json, where);
  const proto = findProtoKey(json);
  if (proto !== undefined)
    throw new Error(`${where} is not a valid Sightline model file: a "${proto}" key`);
  const r = fileSchema.safeParse(json);
  if (r.success) return r.data as ArtifactFile;
  const shown = r.error.issues
    .slice(0, 3)
    .map((i) => `${fieldPath(i.path)}: ${absent(json, i.path) ? 'is missing' : i.message}`);
  const more = r.error.issues.length - shown.length;
  throw new Error(
    `${where} is not a valid Sightline model file: ${shown.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}`,
  );
}

/** Format and version before anything else: a newer file must say "upgrade", not "bad field". */
function checkHeader(json: unknown, where: string): void {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(json))
    throw new Error(`${where} is not a Sightline model file (not a JSON object)`);
  if (json.format === ARTIFACT_FORMAT)
    throw new Error(
      `${where} is a bare model artifact, not an exported model file (it lacks the registry record: use sightline models export)`,
    );
  const a = json.artifact;
  if (!isObject(a) || a.format !== ARTIFACT_FORMAT)
    throw new Error(
      `${where} is not a Sightline model file (its "artifact" should have format "${ARTIFACT_FORMAT}")`,
    );
  const v = a.version;
  if (typeof v === 'number' && v > ARTIFACT_VERSION)
    throw new Error(
      `${where} holds a version ${v} Sightline model, written by a newer Sightline; this Sightline reads version ${ARTIFACT_VERSION}: upgrade Sightline to use it`,
    );
  if (v !== ARTIFACT_VERSION)
    throw new Error(
      `${where} holds a Sightline model of version ${JSON.stringify(v)}; this Sightline reads version ${ARTIFACT_VERSION}`,
    );
}

function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(the document)';
}

/** True when the document has nothing at `path` (zod reports that as a wrong type or option). */
function absent(json: unknown, path: readonly PropertyKey[]): boolean {
  let v = json;
  for (const p of path) {
    if (typeof v !== 'object' || v === null) return true;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v === undefined;
}
