// The model-artifact loader under hostile input: mutated, truncated and malicious artifact files
// are refused with a clear error naming the file (or accepted only while still schema-valid), and
// nothing in them ever runs. Loaders parse with JSON.parse and check fields; none evaluates text.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { checkArtifact } from '../../models/common/artifact.js';
import { loadFitted } from '../../models/common/fitted.js';
import { readArtifactFile } from '../../models/export/artifact-file.js';
import { Rng } from './coverage-fuzzer.js';
import { checkNothingRan, fixtureText, loadArtifactOnce, mutateJson, unclear } from './targets.js';

const WHERE = 'models/m.json';
const g = globalThis as { __slPwned?: unknown };
afterEach(() => {
  delete g.__slPwned;
  delete (Object.prototype as Record<string, unknown>).polluted;
});

type Doc = Record<string, unknown> & { artifact: Record<string, unknown> };
const fixture = (l: 'gbdt' | 'glm' = 'gbdt') => JSON.parse(fixtureText(l)) as Doc;

/**
 * Both loaders refuse `text`, each with a clear message naming the file (`fileOnly`: a problem of
 * the exported file's record, which a bare-artifact reader never sees).
 */
function expectRefused(text: string, pattern?: RegExp, fileOnly = false): string {
  let message: string;
  try {
    readArtifactFile(text, WHERE);
    throw new Error('readArtifactFile accepted it');
  } catch (err) {
    expect(unclear(err, WHERE)).toBeUndefined();
    message = (err as Error).message;
    if (pattern) expect(message).toMatch(pattern);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return message; // not JSON: the file reader said so
  }
  const doc = json as { artifact?: unknown } | null;
  if (!fileOnly) expect(() => checkArtifact(doc?.artifact ?? json, WHERE)).toThrow(WHERE);
  checkNothingRan();
  return message;
}

describe('artifact loader: malicious and damaged files', () => {
  const PAYLOAD = 'globalThis.__slPwned = 1';

  it('refuses __proto__ keys anywhere, and pollutes nothing', () => {
    const text = fixtureText('gbdt');
    for (const [at, replaced, fileOnly] of [
      ['"artifact":{', `"artifact":{"__proto__":{"polluted":1},`, false],
      ['"roles":{', `"roles":{"__proto__":{"polluted":"1"},`, false],
      ['"metrics":{', `"metrics":{"__proto__":{"polluted":1},`, true],
      ['"trees":[{', `"trees":[{"__proto__":{"numLeaves":1},`, false],
    ] as const) {
      expect(text).toContain(at);
      expectRefused(text.replace(at, replaced), /__proto__/, fileOnly);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it('constructor / prototype keys stay plain data: nothing is polluted or run', () => {
    const d = fixture();
    Object.assign(d.artifact, { constructor: { prototype: { polluted: 1 } } });
    (d.artifact.settings as Record<string, unknown>).prototype = { polluted: 1 };
    const file = readArtifactFile(JSON.stringify(d), WHERE);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(file.artifact)).toBe(Object.prototype);
    // roles must map to strings: an object there is refused.
    d.artifact.roles = { ...(d.artifact.roles as object), constructor: { prototype: {} } };
    expectRefused(JSON.stringify(d), /roles\.constructor/);
  });

  it('function-looking strings are refused where a number or model is due, and never run', () => {
    const fn = `function () { ${PAYLOAD} }`;
    const cases: ((d: Doc) => void)[] = [
      (d) => ((d.artifact.decision as Record<string, unknown>).threshold = fn),
      (d) => (d.artifact.model = fn),
      (d) => (d.artifact.model = { ...(d.artifact.model as object), format: fn }),
      (d) => (d.artifact.seed = `(() => { ${PAYLOAD} })()`),
      (d) => (d.artifact.input = fn),
    ];
    for (const edit of cases) {
      const d = fixture();
      edit(d);
      const text = JSON.stringify(d);
      try {
        expectRefused(text);
      } catch {
        // The model field is only checked by loadFitted: it must refuse it there.
        const a = checkArtifact(readArtifactFile(text, WHERE).artifact, WHERE);
        expect(() => loadFitted(a.model)).toThrow(/unknown learner model format|not a sightline/);
      }
      expect(g.__slPwned).toBeUndefined();
    }
    // As a name it is only data: accepted, still a string, never run.
    const d = fixture();
    d.artifact.name = `${PAYLOAD}; //`;
    loadArtifactOnce(JSON.stringify(d));
    expect(g.__slPwned).toBeUndefined();
  });

  it('huge arrays and declared sizes are refused without allocating them', () => {
    const d = fixture();
    const tree = (d.artifact.model as { trees: Record<string, unknown>[] }).trees[0]!;
    for (const numLeaves of [1e9, 2 ** 31, -1, 1.5, 0]) {
      const t = structuredClone(d);
      (t.artifact.model as { trees: Record<string, unknown>[] }).trees[0] = { ...tree, numLeaves };
      const a = checkArtifact(t.artifact, WHERE);
      // Refused before anything of the declared size is allocated (a hang or an out-of-memory
      // crash would end the test run; no wall-clock bound here).
      expect(() => loadFitted(a.model)).toThrow(/numLeaves|entries|must/);
    }
    const big = structuredClone(d);
    (big.artifact.model as { numOutputs: number }).numOutputs = 1e9;
    expect(() => loadFitted(checkArtifact(big.artifact, WHERE).model)).toThrow(/outputs/);
    // A large but well-formed array is read and refused for its content, naming the first entry.
    const wide = structuredClone(d);
    (wide.artifact as Record<string, unknown>).features = Array(200_000).fill(7);
    expectRefused(JSON.stringify(wide), /features\[0\]/);
  });

  it('deep nesting: refused or carried as data, never a stack overflow', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const d = fixture('glm');
    (d.artifact.settings as Record<string, unknown>).deep = '@deep@';
    const text = JSON.stringify(d).replace('"@deep@"', deep);
    expect(() => readArtifactFile(text, WHERE)).not.toThrow();
    const rooted = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    expectRefused(rooted);
    expectRefused(fixtureText('glm').replace('"model":{', `"model":{"deep":${deep},"x":`));
  });

  it('NaN and Infinity are refused where numbers are due', () => {
    const text = fixtureText('glm');
    expectRefused(text.replace('"seed":7,', '"seed":NaN,'), /not JSON/);
    expectRefused(text.replace(/"threshold":[0-9.e-]+/, '"threshold":1e999'), /threshold/);
    const d = fixture('glm');
    (d.artifact.model as Record<string, unknown>).intercept = 'Infinity';
    const a = checkArtifact(readArtifactFile(JSON.stringify(d), WHERE).artifact, WHERE);
    expect(() => loadFitted(a.model)).toThrow(/intercept/);
  });

  it('wrong format or version, bare artifacts and truncated JSON are refused clearly', () => {
    const d = fixture();
    expectRefused(
      JSON.stringify({ ...d, artifact: { ...d.artifact, version: 2 } }),
      /upgrade Sightline/,
    );
    expectRefused(
      JSON.stringify({ ...d, artifact: { ...d.artifact, version: '1' } }),
      /version "1"/,
    );
    expectRefused(
      JSON.stringify({ ...d, artifact: { ...d.artifact, format: 'pickle' } }),
      /format/,
    );
    expectRefused(JSON.stringify(d.artifact), /bare model artifact/, true);
    expectRefused('', /not JSON/);
    expectRefused('null', /not a JSON object/);
    const text = fixtureText('gbdt');
    let n = 0;
    for (let cut = 0; cut < text.length - 2; cut += 97) {
      n++;
      expectRefused(text.slice(0, cut));
    }
    expect(n).toBeGreaterThan(100);
  });

  it('loaders never evaluate text: no eval, Function, vm, require or dynamic import', () => {
    const files = [
      'models/common/artifact.ts',
      'models/common/fitted.ts',
      'models/export/artifact-file.ts',
      'core/common/gbdt/model.ts',
      'core/common/gbdt/model-json.ts',
      'core/common/glm/model.ts',
      'core/common/glm/model-json.ts',
      'core/common/mlp/model.ts',
      'core/common/mlp/model-json.ts',
      'core/node/serve/store.ts',
      'cli/model-source.ts',
    ];
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      expect(src, f).not.toMatch(
        /\beval\s*\(|new\s+Function\b|\bFunction\s*\(|\brequire\s*\(|\bimport\s*\(|node:vm|\bvm\./,
      );
    }
  });
});

describe('artifact loader: mutated files (property)', () => {
  it('a mutated artifact is refused clearly or accepted only while schema-valid', () => {
    const seeds = [fixtureText('gbdt'), fixtureText('glm')];
    let runs = 0;
    fc.assert(
      fc.property(fc.nat(), fc.nat(1), (seed, which) => {
        runs++;
        const rng = new Rng(seed + 1);
        let text = seeds[which]!;
        for (let i = 0, n = 1 + rng.int(4); i < n; i++) text = mutateJson(text, rng) ?? text;
        loadArtifactOnce(text);
      }),
      { seed: 2718, numRuns: 400 },
    );
    expect(runs).toBe(400);
  });

  it('byte-level damage (cuts, flips, splices) is refused clearly', () => {
    const text = fixtureText('glm');
    let runs = 0;
    fc.assert(
      fc.property(
        fc.nat(text.length - 1),
        fc.nat(text.length - 1),
        fc.constantFrom('', '"', '{', '}', ']', ',', 'null', '1e999', '\u0000', '"__proto__":{},'),
        (at, to, insert) => {
          runs++;
          const [a, b] = at < to ? [at, to] : [to, at];
          loadArtifactOnce(text.slice(0, a) + insert + text.slice(b));
        },
      ),
      { seed: 161803, numRuns: 400 },
    );
    expect(runs).toBe(400);
  });
});
