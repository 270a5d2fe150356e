// The fuzz targets: each turns bytes into a call of the code under test and throws FuzzFailure
// when the outcome is not a documented one. Shared by the coverage-guided fuzzer (run.ts) and the
// regression replay (regressions/replay.test.ts). No vitest imports here: this runs in workers.
//
// The first byte of an input selects options (which on-error policy, which route, which date
// format…), the rest is the content: mutating that byte explores the options.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { tableEngine } from '../../cli/commands/serve.js';
import { inferColumn, isMissing, makeConverter, widenType } from '../../core/common/infer/index.js';
import { COLUMN_TYPES } from '../../core/common/schema.js';
import { ImportError } from '../../core/node/import/errors.js';
import { importFile } from '../../core/node/import/importer.js';
import type { ModelStore, ServedModel } from '../../core/node/serve/model.js';
import { toColumns } from '../../core/node/serve/records.js';
import { createServer } from '../../core/node/serve/server.js';
import { readModelFile } from '../../core/node/serve/store.js';
import { quoteIdent } from '../../core/node/workspace/sql.js';
import { Workspace } from '../../core/node/workspace/workspace.js';
import { checkArtifact, type ModelArtifact } from '../../models/common/artifact.js';
import { loadFitted } from '../../models/common/fitted.js';
import { readArtifactFile } from '../../models/export/artifact-file.js';
import { snapshot } from '../helpers/workspace.js';
import type { FuzzTarget, Rng } from './coverage-fuzzer.js';

/** An outcome the code under test must never have. */
export class FuzzFailure extends Error {
  override name = 'FuzzFailure';
}

/** Messages of JavaScript's own errors: a refusal must come from our checks, not from these. */
const ENGINE_ERROR =
  /Cannot read propert|Cannot set propert|is not a function|is not iterable|is not a constructor|Cannot convert|Invalid array length|Maximum call stack|Cannot create property|Cannot destructure|Invalid typed array length|Array buffer allocation failed|Invalid string length|Reduce of empty array|Cannot access|Cannot mix BigInt|is not defined|Unexpected token|is not valid JSON|undefined \(reading/;

/** Why `err` is not a clear refusal (undefined when it is one). */
export function unclear(err: unknown, mustName?: string): string | undefined {
  if (err instanceof FuzzFailure) return err.message;
  if (!(err instanceof Error)) return `threw a non-Error: ${String(err)}`;
  const m = err.message;
  if (!m || m.length < 8) return `an error with no useful message: ${err.name}: ${m}`;
  // "is not JSON (Unexpected token …)" is our wording around JSON.parse's: allowed.
  const ours = m.replace(/is not JSON \(.*\)|not JSON \(.*\)/s, '');
  if (ENGINE_ERROR.test(ours))
    return `a JavaScript engine error, not a checked refusal: ${err.name}: ${m}`;
  if (mustName !== undefined && !m.includes(mustName))
    return `the message does not name ${JSON.stringify(mustName)}: ${m}`;
  return undefined;
}

function refuseClearly(err: unknown, mustName?: string): void {
  const why = unclear(err, mustName);
  if (why) throw new FuzzFailure(why);
}

const FIXTURES = new URL('./fixtures/', import.meta.url);
export const fixtureText = (learner: 'gbdt' | 'glm') =>
  readFileSync(new URL(`leads-${learner}.model.fixture`, FIXTURES), 'utf8');

// ---------------------------------------------------------------------------------------------
// JSON-aware mutation, for artifacts and request bodies.

const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  0.5,
  1e308,
  -1e308,
  2 ** 31,
  1e9,
  '',
  'x',
  'NaN',
  'Infinity',
  '__proto__',
  'constructor',
  '../../etc/passwd',
  'function () { globalThis.__slPwned = 1 }',
  '(() => { globalThis.__slPwned = 1 })()',
  '${globalThis.__slPwned = 1}',
  '\u2028*/</script>`',
  [],
  {},
  [null],
  { polluted: 1 },
];
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'x', ''];

function setOwn(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** Every container (object or array) in `v`, up to `limit`. */
function containers(v: unknown, out: unknown[] = [], limit = 4000): unknown[] {
  if (out.length >= limit || v === null || typeof v !== 'object') return out;
  out.push(v);
  for (const x of Object.values(v)) containers(x, out, limit);
  return out;
}

/** Edits one node of the JSON document in `text`; undefined when the text is not JSON. */
export function mutateJson(text: string, rng: Rng): string | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  const all = containers(doc);
  if (all.length === 0) return JSON.stringify(rng.pick(HOSTILE_VALUES));
  const edits = 1 + rng.int(3);
  for (let e = 0; e < edits; e++) {
    const c = rng.pick(all) as Record<string, unknown> | unknown[];
    const keys = Object.keys(c);
    const pickValue = (): unknown =>
      rng.next() < 0.2 ? structuredClone(rng.pick(all)) : structuredClone(rng.pick(HOSTILE_VALUES));
    const op = rng.int(6);
    if (Array.isArray(c)) {
      const i = rng.int(c.length + 1);
      if (op === 0 && c.length) c.splice(rng.int(c.length), 1);
      else if (op === 1) c.splice(i, 0, pickValue());
      else if (op === 2 && c.length) c.push(...Array(1 + rng.int(300)).fill(c[rng.int(c.length)]));
      else if (op === 3) c.length = rng.int(c.length + 1);
      else if (c.length) c[rng.int(c.length)] = pickValue();
    } else {
      const k = keys.length ? rng.pick(keys) : 'x';
      if (op === 0 && keys.length) delete c[k];
      else if (op === 1) setOwn(c, rng.pick(HOSTILE_KEYS), pickValue());
      else if (op === 2 && typeof c[k] === 'number') c[k] = -(c[k] as number) * rng.int(1000);
      else if (op === 3 && typeof c[k] === 'string')
        c[k] = `${c[k] as string}${rng.pick(['', '@', '/', '"', '\u0000'])}`;
      else setOwn(c, k, pickValue());
    }
  }
  return JSON.stringify(doc);
}

// ---------------------------------------------------------------------------------------------
// 1. The delimited-text importer (decode, detect, delimited, importer, encode, infer).

let importWs: Workspace | undefined;
let importDir = '';

/** Options from the first byte: on-error, header, delimiter, gzip, encoding, format detection. */
export function importOptions(opt: number) {
  return {
    onError: (['skip', 'fail', 'null', 'skip'] as const)[opt & 3]!,
    header: (opt & 4) === 0,
    delimiter: ([undefined, 'comma', 'semicolon', 'tab'] as const)[(opt >> 3) & 3],
    gzip: (opt & 32) !== 0,
    encoding: (opt & 64) !== 0 ? 'latin1' : undefined,
    detect: (opt & 128) !== 0,
  };
}

/**
 * Imports `content` into table t (replacing it) of a workspace that also holds table keep. A
 * refusal must be an ImportError naming the file, and must leave the workspace as it was; a
 * success must store as many rows as it reports.
 */
export async function importOnce(ws: Workspace, dir: string, input: Buffer): Promise<void> {
  const o = importOptions(input[0] ?? 0);
  const content = input.subarray(1);
  const path = join(dir, o.gzip ? 'input.csv.gz' : 'input.csv');
  writeFileSync(path, o.gzip ? gzipSync(content) : content);
  const before = snapshot(ws);
  let result;
  try {
    [result] = await importFile(ws, path, {
      table: 't',
      mode: 'replace',
      onError: o.onError,
      header: o.header,
      parallel: false,
      ...(o.delimiter ? { delimiter: o.delimiter } : {}),
      ...(o.encoding ? { encoding: o.encoding } : {}),
      ...(o.detect ? {} : { format: 'csv' as const }),
    });
  } catch (err) {
    if (!(err instanceof ImportError))
      throw new FuzzFailure(
        `not an ImportError: ${(err as Error)?.name}: ${(err as Error)?.message}`,
      );
    refuseClearly(err, path);
    if (snapshot(ws) !== before) throw new FuzzFailure('a failed import changed the workspace');
    return;
  }
  const n = (ws.db.prepare(`SELECT count(*) AS n FROM ${quoteIdent('t')}`).get() as { n: number })
    .n;
  if (n !== result!.rows || n !== result!.report.rowsImported)
    throw new FuzzFailure(`the table holds ${n} rows, the import reported ${result!.rows}`);
  if (!ws.tableExists('keep')) throw new FuzzFailure('the import lost table keep');
}

export function openImportWorkspace(dir: string, file = 'fuzz.sightline'): Workspace {
  const ws = Workspace.open(join(dir, file), { create: true });
  // No fsync: a fuzz workspace need not survive a power cut, and syncs would cost most of the time.
  ws.db.pragma('synchronous = OFF');
  ws.db.exec(`CREATE TABLE keep (a INTEGER, b TEXT)`);
  ws.db.exec(`INSERT INTO keep VALUES (1, 'one'), (2, 'two')`);
  return ws;
}

const importer: FuzzTarget = {
  name: 'importer',
  coverage: ['/core/node/import/', '/core/common/infer/', '/papaparse/'],
  maxLength: 8192,
  dictionary: [
    ',',
    ';',
    '\t',
    '|',
    '"',
    '""',
    '\n',
    '\r\n',
    '\r',
    '\uFEFF',
    'NA',
    'null',
    '',
    'true',
    'no',
    '2024-02-29',
    '31/12/2024',
    '2024-01-05T10:00:00Z',
    '1.5e3',
    '-0',
    '007',
    '\u0000',
    '\u00e9',
    '\xff\xfe',
    '\x1f\x8b',
    'id',
    '{"a":1}\n',
  ],
  seeds: () =>
    [
      'id,name,score,joined,active\n1,ann,3.5,2024-01-31,yes\n2,bob,-1.0,2024-02-29,no\n',
      'a;b;c\r\n1;"x;y";3\r\n4;"say ""hi""";6\r\n',
      'a\tb\n1\t2\n3\n4\t5\t6\n',
      'a|b\n"unterminated|1\n2|3\n',
      'when,amount\n31/01/2024,1\n29/02/2024,2\n',
      'code,t\n007,2024-01-05 10:00:00\n012,2024-01-05T10:00:00Z\n',
      'x\n\n\n1\n',
    ].map((s, i) => Buffer.concat([Buffer.of([0, 1, 2, 8, 16, 96, 4][i]!), Buffer.from(s)])),
  generate: (seed, count) =>
    fc
      .sample(fc.tuple(fc.nat(255), csvTableArb()), { seed, numRuns: count })
      .map(([opt, t]) => Buffer.concat([Buffer.of(opt & ~0x60), Buffer.from(toCsv(t))])),
  setup(dir) {
    importDir = dir;
    importWs = openImportWorkspace(dir);
  },
  run: (input) => importOnce(importWs!, importDir, input),
  teardown: () => importWs?.close(),
};

// ---------------------------------------------------------------------------------------------
// 2. Type inference.

export const DATE_FORMATS = [
  undefined,
  'DD/MM/YYYY',
  'YYYYMMDD',
  'MM/DD/YYYY HH:mm',
  'YYYY-MM-DD',
  'DD.MM.YYYY',
  'YYYY-MM-DDTHH:mm:ssZ',
  'HH:mm',
  'YYYY',
  'DD/MM/YYYY hh:mm A',
  'X',
  '',
] as const;

/**
 * Infers a column's type and checks it: a known type; a date pattern for dates; and no value
 * contradicts it — every non-missing value converts, and widening by it keeps the type.
 */
export function checkInference(name: string, values: (string | null)[], dateFormat?: string): void {
  const r = inferColumn(name, values, dateFormat !== undefined ? { dateFormat } : {});
  if (!COLUMN_TYPES.includes(r.type)) throw new FuzzFailure(`unknown type ${String(r.type)}`);
  const dated = r.type === 'date' || r.type === 'datetime';
  if (dated && r.dateFormat === undefined) throw new FuzzFailure(`${r.type} without a date format`);
  const convert = makeConverter(r.type, r.dateFormat ? { dateFormat: r.dateFormat } : {});
  for (const v of values) {
    if (v === null || isMissing(v)) continue;
    if (convert(v) === undefined)
      throw new FuzzFailure(
        `inferred ${r.type}${r.dateFormat ? ` (${r.dateFormat})` : ''} but ${JSON.stringify(v)} does not convert`,
      );
    const wider = widenType(r.type, v, r.dateFormat);
    if (wider !== r.type)
      throw new FuzzFailure(`inferred ${r.type} but ${JSON.stringify(v)} widens it to ${wider}`);
  }
}

const infer: FuzzTarget = {
  name: 'infer',
  coverage: ['/core/common/infer/'],
  dictionary: [
    '\n',
    '2024-02-29',
    '02/29/2024',
    '29.02.2024',
    '20240229',
    ' 10:30',
    'T10:30:00Z',
    '+05:30',
    'PM',
    'AM',
    '1e5',
    '-',
    '+',
    '.',
    '0x1F',
    '007',
    'NA',
    'yes',
    'TRUE',
    '\u00a0',
    '\t',
    '9223372036854775807',
    '1,000',
    '.5',
    '5.',
    'Infinity',
  ],
  seeds: () =>
    [
      'id\n1\n2\n3',
      'amount\n1.5\n-2\n3e2',
      'when\n2024-01-05\n2024-02-29',
      'when\n31/01/2024\n29/02/2024',
      'flag\nyes\nno\nNA',
      'zip\n007\n012',
      'at\n2024-01-05 10:00\n2024-01-05T10:00:00Z',
      'big\n9223372036854775808',
      'day\n20240105\n20241231',
    ].map((s, i) => Buffer.concat([Buffer.of(i), Buffer.from(s)])),
  run(input) {
    const fmt = DATE_FORMATS[(input[0] ?? 0) % DATE_FORMATS.length];
    const [name = '', ...lines] = input.subarray(1).toString('utf8').split('\n');
    checkInference(
      name,
      lines.map((l) => (l === '\u0001' ? null : l)),
      fmt,
    );
  },
};

// ---------------------------------------------------------------------------------------------
// 3. The model-artifact loader: the export file, a bare artifact, the learner's model, scoring.

const WHERE = 'fuzz-model.json';

/** A record for every input column of `a`: a number, or the first level. */
export function sampleRecord(a: ModelArtifact): Record<string, unknown> {
  return Object.fromEntries(
    a.input.map((c) => [c.name, c.kind === 'numeric' ? 1.5 : (c.levels?.[0] ?? 'x')]),
  );
}

/**
 * Reads `text` as every loader does and checks each either refuses it clearly or accepts it
 * only when it is still valid: the export-file reader; checkArtifact, on the bare document or
 * its `artifact` (as `--model FILE` and `serve --models DIR` do); an accepted artifact must also
 * pass the export-file schema; then the learner's model and scoring one record must work or
 * fail with a clear error. Nothing in the text may run: a global the payloads would set stays
 * unset and Object.prototype gains nothing.
 */
export function loadArtifactOnce(text: string): void {
  try {
    readArtifactFile(text, WHERE);
  } catch (err) {
    refuseClearly(err, WHERE);
  }
  let artifact: ModelArtifact | undefined;
  let record: Record<string, unknown> | undefined;
  try {
    const json = JSON.parse(text) as unknown;
    record = json && typeof json === 'object' ? (json as Record<string, unknown>) : undefined;
    artifact = checkArtifact(record?.artifact ?? json, WHERE);
  } catch (err) {
    if (!(err instanceof SyntaxError)) refuseClearly(err, WHERE);
  }
  if (artifact) {
    // Accepted by checkArtifact: it must be a schema-valid artifact, which readArtifactFile
    // judges inside a known-good record.
    const good = JSON.parse(fixtureText('glm')) as Record<string, unknown>;
    try {
      readArtifactFile(JSON.stringify({ ...good, artifact }), WHERE);
    } catch (err) {
      throw new FuzzFailure(
        `checkArtifact accepted an artifact the schema refuses: ${(err as Error).message}`,
      );
    }
    try {
      loadFitted(artifact.model);
      if (artifact.mode === 'table') {
        const rec = sampleRecord(artifact);
        tableEngine.score(artifact, 'fuzz', toColumns(artifact.input, [rec]), 1, { factors: 3 });
      }
    } catch (err) {
      refuseClearly(err);
    }
  }
  checkNothingRan();
}

export function checkNothingRan(): void {
  const g = globalThis as { __slPwned?: unknown };
  if (g.__slPwned !== undefined) throw new FuzzFailure('artifact content was executed');
  const proto = Object.prototype as Record<string, unknown>;
  if ('polluted' in proto || Object.keys(proto).length > 0)
    throw new FuzzFailure('Object.prototype was polluted');
}

const artifact: FuzzTarget = {
  name: 'artifact',
  coverage: [
    '/models/common/artifact',
    '/models/export/artifact-file',
    '/models/common/fitted',
    '/core/common/gbdt/model',
    '/core/common/gbdt/tree',
    '/core/common/glm/model',
    '/models/common/columns',
    '/models/common/tabular',
    '/models/common/decision',
  ],
  maxLength: 64 * 1024,
  dictionary: [
    '"__proto__":{"polluted":1},',
    '"format":"sightline-model",',
    '"version":2,',
    'null',
    '1e999',
    '-1',
    '[]',
    '{}',
    '"Infinity"',
    '"NaN"',
  ],
  seeds: () => {
    const out: Buffer[] = [];
    for (const l of ['gbdt', 'glm'] as const) {
      const t = fixtureText(l);
      out.push(
        Buffer.from(t),
        Buffer.from(JSON.stringify((JSON.parse(t) as { artifact: unknown }).artifact)),
      );
      out.push(Buffer.from(t.slice(0, t.length >> 1)));
    }
    return out;
  },
  mutate: (input, rng) => {
    const m = mutateJson(input.toString('utf8'), rng);
    return m === undefined ? undefined : Buffer.from(m);
  },
  run: (input) => loadArtifactOnce(input.toString('utf8')),
};

// ---------------------------------------------------------------------------------------------
// 4. The REST server's request parsing (fastify inject: no sockets, same routing and parsing).

let app: FastifyInstance | undefined;

export class MemoryStore implements ModelStore<ModelArtifact> {
  constructor(private readonly served: Map<string, ServedModel<ModelArtifact>>) {}
  models() {
    return this.served;
  }
  refresh() {}
  problems() {
    return [];
  }
  close() {}
}

/** The two fixture models, as `serve --models DIR` reads them. */
export function fixtureStore(dir: string): MemoryStore {
  const served = new Map<string, ServedModel<ModelArtifact>>();
  for (const l of ['gbdt', 'glm'] as const) {
    const p = join(dir, `leads-${l}.json`);
    writeFileSync(p, fixtureText(l));
    const m = readModelFile(p, tableEngine);
    served.set(m.name, m);
  }
  return new MemoryStore(served);
}

const MODELS = ['leads-gbdt', 'leads-glm', 'nope', '..%2F..%2Fetc%2Fpasswd'];
const TYPES = ['application/json', 'application/json; charset=utf-8', 'text/plain', undefined];

/** Route, content type and query from the first byte; the rest is the body. */
export function requestOf(input: Buffer) {
  const opt = input[0] ?? 0;
  const batch = (opt & 1) === 1;
  const model = MODELS[(opt >> 1) & 3]!;
  const type = TYPES[(opt >> 3) & 3];
  const query = [
    (opt & 32) !== 0 ? 'factors=0' : '',
    (opt & 64) !== 0 ? 'drift=1' : '',
    (opt & 128) !== 0 ? 'factors=99' : '',
  ]
    .filter(Boolean)
    .join('&');
  return {
    method: 'POST' as const,
    url: `/predict/${model}${batch ? '/batch' : ''}${query ? `?${query}` : ''}`,
    payload: input.subarray(1),
    headers: type ? { 'content-type': type } : {},
  };
}

/** Sends one request; never a 5xx, and every error is JSON with a message (and field paths). */
export async function requestOnce(server: FastifyInstance, input: Buffer): Promise<void> {
  const req = requestOf(input);
  const res = await server.inject(req);
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    throw new FuzzFailure(
      `${res.statusCode} with a body that is not JSON: ${res.body.slice(0, 200)}`,
    );
  }
  if (res.statusCode >= 500)
    throw new FuzzFailure(`${req.url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  if (res.statusCode >= 400) {
    const b = body as { error?: unknown; details?: unknown };
    if (typeof b.error !== 'string' || b.error.length < 8)
      throw new FuzzFailure(
        `${res.statusCode} without an error message: ${res.body.slice(0, 200)}`,
      );
    if (b.details !== undefined) {
      const ok =
        Array.isArray(b.details) &&
        b.details.every(
          (d: { path?: unknown; message?: unknown }) =>
            typeof d.path === 'string' && typeof d.message === 'string' && d.message.length > 0,
        );
      if (!ok) throw new FuzzFailure(`malformed details: ${res.body.slice(0, 200)}`);
    }
  }
}

export function validRecord(): Record<string, unknown> {
  const a = (JSON.parse(fixtureText('gbdt')) as { artifact: ModelArtifact }).artifact;
  return { lead_id: 'L1', ...sampleRecord(a) };
}

const server: FuzzTarget = {
  name: 'server',
  coverage: ['/core/node/serve/', '/models/common/columns', '/cli/commands/serve'],
  maxLength: 16 * 1024,
  dictionary: [
    'null',
    'true',
    '1e999',
    '"x"',
    '[]',
    '{}',
    '"records":',
    '"__proto__":{}',
    '"constructor":1',
    ',',
  ],
  seeds: () => {
    const r = validRecord();
    return [
      [0, r],
      [1, [r, r, { ...r, source: null }]],
      [65, { records: [r] }],
      [2, { ...r, company_size: 'many' }],
      [33, [r, 5, null, 'x']],
    ].map(([opt, body]) =>
      Buffer.concat([Buffer.of(opt as number), Buffer.from(JSON.stringify(body))]),
    );
  },
  mutate: (input, rng) => {
    const m = mutateJson(input.subarray(1).toString('utf8'), rng);
    return m === undefined ? undefined : Buffer.concat([input.subarray(0, 1), Buffer.from(m)]);
  },
  generate: (seed, count) =>
    fc
      .sample(fc.tuple(fc.nat(255), recordBodyArb()), { seed, numRuns: count })
      .map(([opt, body]) => Buffer.concat([Buffer.of(opt), Buffer.from(JSON.stringify(body))])),
  async setup(dir) {
    app = createServer({ store: fixtureStore(dir), engine: tableEngine });
    await app.ready();
  },
  run: (input) => requestOnce(app!, input),
  teardown: () => app?.close(),
};

// ---------------------------------------------------------------------------------------------
// fast-check arbitraries shared with the property tests.

/** A typed cell value as it is written in a CSV file. */
export type Cell =
  { kind: 'integer'; v: number } | { kind: 'real'; v: number } | { kind: 'text'; v: string };

/** Column headers and rows of text cells, some with quotes, delimiters and line breaks inside. */
export function csvTableArb() {
  const cell = fc.oneof(
    fc.integer().map(String),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
    fc.string({ maxLength: 12 }),
    fc.constantFrom('', 'NA', '"', ',', '\n', 'a,b', 'x"y', '2024-02-29', 'yes', '007'),
  );
  return fc.integer({ min: 1, max: 5 }).chain((cols) =>
    fc.record({
      header: fc.array(fc.string({ maxLength: 8 }), { minLength: cols, maxLength: cols }),
      rows: fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { maxLength: 12 }),
    }),
  );
}

export function csvField(s: string, delimiter = ','): string {
  return /["\r\n]/.test(s) || s.includes(delimiter) || s !== s.trim()
    ? `"${s.replace(/"/g, '""')}"`
    : s;
}

export function toCsv(t: { header: string[]; rows: string[][] }, delimiter = ','): string {
  return (
    [t.header, ...t.rows]
      .map((r) => r.map((c) => csvField(c, delimiter)).join(delimiter))
      .join('\n') + '\n'
  );
}

/** Request bodies: records with the model's field names and values of any JSON type. */
export function recordBodyArb() {
  const a = (JSON.parse(fixtureText('gbdt')) as { artifact: ModelArtifact }).artifact;
  const names = [
    ...a.input.map((c) => c.name),
    'lead_id',
    '__proto__',
    'constructor',
    'toString',
    'extra',
  ];
  const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(null, 1, 'x', true, 1e308));
  const record = fc.dictionary(fc.constantFrom(...names), value, { maxKeys: names.length });
  return fc.oneof(
    record,
    fc.array(record, { maxLength: 4 }),
    fc.record({ records: fc.array(record, { maxLength: 3 }) }),
    fc.jsonValue({ maxDepth: 2 }),
  );
}

export const TARGETS: Record<string, FuzzTarget> = { importer, infer, artifact, server };
