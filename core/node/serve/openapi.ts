// The OpenAPI 3.1 document of a running server, generated from the models it serves: one input
// schema per model (its input columns; null for a missing value), the engine's output fields,
// and the single and batch prediction paths. Rebuilt when the models change.
import type {
  JsonSchema,
  ModelStore,
  ScoringEngine,
  ServedArtifact,
  ServedModel,
} from './model.js';

export interface OpenApiOptions {
  title?: string;
  version?: string;
  /** Whether the endpoints other than /health need `Authorization: Bearer <token>`. */
  auth: boolean;
}

/** A name usable as an OpenAPI component key (letters, digits, `.`, `-`, `_`). */
export function componentName(model: string): string {
  return model.replace(/[^A-Za-z0-9._-]/g, '_');
}

export function inputSchema(a: ServedArtifact, extra: readonly string[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const f of a.input)
    properties[f.name] =
      f.kind === 'numeric'
        ? { type: ['number', 'boolean', 'null'], description: 'numeric (booleans count as 1/0)' }
        : {
            type: ['string', 'number', 'null'],
            description: `categorical; levels seen in training: ${(f.levels ?? []).join(', ') || '(none)'}; other values count as missing`,
            ...(f.levels && f.levels.length > 0 ? { examples: f.levels.slice(0, 5) } : {}),
          };
  for (const e of extra)
    properties[e] = { type: ['string', 'number', 'null'], description: 'id, copied to the output' };
  return {
    type: 'object',
    required: a.input.map((f) => f.name),
    additionalProperties: false,
    properties,
  };
}

/** An example record: the first level of each categorical field, 0 for numbers. */
export function exampleRecord(a: ServedArtifact): Record<string, unknown> {
  return Object.fromEntries(
    a.input.map((f) => [f.name, f.kind === 'numeric' ? 0 : (f.levels?.[0] ?? null)]),
  );
}

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: { type: 'string' },
    details: {
      type: 'array',
      items: {
        type: 'object',
        properties: { path: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

export function buildOpenApi<A extends ServedArtifact>(
  store: ModelStore<A>,
  engine: ScoringEngine<A>,
  idFields: (m: ServedModel<A>) => string[],
  o: OpenApiOptions,
): JsonSchema {
  const schemas: Record<string, JsonSchema> = { Error: errorSchema };
  const paths: Record<string, JsonSchema> = {
    '/health': {
      get: {
        summary: 'Liveness: the number of models served',
        security: [],
        responses: { '200': { description: 'up' } },
      },
    },
    '/models': {
      get: {
        summary: 'The models served: name, version, kind, metrics, input schema',
        responses: { '200': { description: 'the models' } },
      },
    },
  };
  const parameters = [
    {
      name: 'factors',
      in: 'query',
      required: false,
      description:
        'binary models: how many contributing fields explain each prediction (risk_factors); 0 leaves them out and is several times faster',
      schema: { type: 'integer', minimum: 0, maximum: 20, default: 3 },
    },
  ];
  const common = {
    '400': errorResponse('the input does not match the model (field-level details)'),
    ...(o.auth ? { '401': errorResponse('missing or wrong bearer token') } : {}),
    '404': errorResponse('no such model'),
    '413': errorResponse('request body too large'),
    '422': errorResponse('the model cannot score single records (not a table-mode model)'),
  };
  for (const m of [...store.models().values()].sort((x, y) => x.name.localeCompare(y.name))) {
    if (engine.unsupported(m.artifact)) continue;
    const c = componentName(m.name);
    schemas[`${c}.input`] = inputSchema(m.artifact, idFields(m));
    schemas[`${c}.prediction`] = { type: 'object', properties: engine.outputs(m.artifact) };
    const input = { $ref: `#/components/schemas/${c}.input` };
    const output = { $ref: `#/components/schemas/${c}.prediction` };
    const name = encodeURIComponent(m.name);
    const tag = `${m.name} (${m.kind}${m.version === null ? '' : `, version ${m.version}`})`;
    paths[`/predict/${name}`] = {
      post: {
        summary: `Score one record with ${tag}`,
        operationId: `predict_${c}`,
        parameters,
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: input, example: exampleRecord(m.artifact) },
          },
        },
        responses: {
          '200': {
            description: 'the prediction',
            content: { 'application/json': { schema: output } },
          },
          ...common,
        },
      },
    };
    paths[`/predict/${name}/batch`] = {
      post: {
        summary: `Score several records with ${tag}`,
        operationId: `predict_batch_${c}`,
        parameters,
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                oneOf: [
                  { type: 'array', items: input },
                  {
                    type: 'object',
                    required: ['records'],
                    additionalProperties: false,
                    properties: { records: { type: 'array', items: input } },
                  },
                ],
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'one prediction per record, in order',
            content: { 'application/json': { schema: { type: 'array', items: output } } },
          },
          ...common,
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: o.title ?? 'Sightline scoring API',
      version: o.version ?? '1',
      description:
        'Scores records with Sightline models. Every input column of a model is required; send null for a value that is not known.',
    },
    paths,
    components: {
      schemas,
      ...(o.auth ? { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } } : {}),
    },
    ...(o.auth ? { security: [{ bearer: [] }] } : {}),
  };
}
