// What the scoring server knows about a model, and the one seam through which it scores. The
// server lives in core/node and may not import models/ (the layering rule), so the caller hands
// it an engine that reads artifacts and scores rows; `sightline serve` passes the table-mode
// engine built on models/common/tabular.ts.

/** One input column of a model, as its artifact records it (models/common/columns.ts InputColumn). */
export interface InputField {
  name: string;
  kind: 'numeric' | 'categorical';
  /** Levels of a categorical column, in training order. */
  levels?: string[];
}

/** The parts of an artifact the server reads; an engine's artifact type extends it. */
export interface ServedArtifact {
  name: string;
  kind: string;
  mode: string;
  task: string;
  input: InputField[];
  roles?: Record<string, string>;
}

/** A column built from JSON records: core/node/table-data's ColumnData without the SQL type. */
export type RecordColumn =
  | { name: string; kind: 'numeric'; values: Float64Array }
  | { name: string; kind: 'categorical'; codes: Int32Array; levels: string[] };

/** A JSON Schema fragment (OpenAPI 3.1 schemas are JSON Schema). */
export type JsonSchema = Record<string, unknown>;

export interface ScoringEngine<A extends ServedArtifact = ServedArtifact> {
  /** Reads an artifact out of parsed JSON; throws with a message saying what is wrong. */
  check(json: unknown, where: string): A;
  /** Why records cannot be scored with this artifact, or undefined when they can. */
  unsupported(a: A): string | undefined;
  /** The fields of one prediction, as JSON Schema properties (for the OpenAPI document). */
  outputs(a: A): Record<string, JsonSchema>;
  /**
   * One output object per row; `tag` is the model_version text (name@version), `factors` how
   * many contributing fields to explain each prediction with (0: none, and faster).
   */
  score(
    a: A,
    tag: string,
    columns: RecordColumn[],
    rows: number,
    opts: { factors: number },
  ): Record<string, unknown>[];
  /**
   * Drift of a scored batch against the reference profile the model carries (undefined when it
   * carries none): a gateway checks drift offline, from the model file alone.
   */
  drift?(a: A, columns: RecordColumn[], rows: number): unknown;
}

/** A model as served: the artifact plus what the registry record says about it. */
export interface ServedModel<A extends ServedArtifact = ServedArtifact> {
  name: string;
  version: number | null;
  kind: string;
  stage: string | null;
  metrics: Record<string, number>;
  artifact: A;
  /** Where it was read from: a file path or `workspace:name@version`. */
  source: string;
}

/** Where served models come from: a folder of exported files or a workspace's registry. */
export interface ModelStore<A extends ServedArtifact = ServedArtifact> {
  /** The models now served, by name. */
  models(): ReadonlyMap<string, ServedModel<A>>;
  /** Re-reads the source if it can change under us (the registry); cheap when nothing did. */
  refresh(): void;
  /** Files or versions that could not be read, each with its reason. */
  problems(): string[];
  close(): void;
}

/** `name@version`, or the name alone for a bare artifact file. */
export function modelTag(m: { name: string; version: number | null }): string {
  return m.version === null ? m.name : `${m.name}@${m.version}`;
}
