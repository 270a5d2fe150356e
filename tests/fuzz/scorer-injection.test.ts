// The standalone scorer embeds the model in a JavaScript module. Names come from users' files
// (column headers, category levels, the model name), so hostile text there must stay data: the
// generated module, imported, must set no global, and its metadata must hold the exact strings.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { ModelArtifact } from '../../models/common/artifact.js';
import { generateScorer } from '../../models/export/scorer.js';
import { tempDir } from '../helpers/tmp.js';
import { fixtureText } from './targets.js';

const dir = tempDir('sightline-fuzz-scorer-');
let k = 0;
const g = globalThis as { __slPwned?: unknown };
afterEach(() => {
  delete g.__slPwned;
});

const PAYLOADS = [
  '*/ globalThis.__slPwned = 1; /*',
  '</script><script>globalThis.__slPwned = 1</script>',
  '`; globalThis.__slPwned = 1; `',
  '${globalThis.__slPwned = 1}',
  '\u2028globalThis.__slPwned = 1; //',
  '\u2029globalThis.__slPwned = 1; //',
  '\nglobalThis.__slPwned = 1; //',
  '\r\nglobalThis.__slPwned = 1; //',
  '"; globalThis.__slPwned = 1; "',
  "'; globalThis.__slPwned = 1; '",
  '\\"; globalThis.__slPwned = 1; //',
  '\u0000\ud800 lone surrogate',
];

/** The GLM fixture with hostile text as its name, id role, an input name and a level. */
function hostile(p: string): ModelArtifact {
  const a = structuredClone(
    (JSON.parse(fixtureText('glm')) as { artifact: ModelArtifact }).artifact,
  );
  a.name = `m${p}`;
  a.roles.id = `id${p}`;
  a.codeVersion = `v${p}`;
  a.createdAt = `t${p}`;
  const cat = a.input.find((c) => c.kind === 'categorical')!;
  cat.levels = [...(cat.levels ?? []), `level${p}`];
  a.features = a.features.map((f) => (f === cat.name ? `${f}${p}` : f));
  cat.name = `${cat.name}${p}`;
  return a;
}

async function load(text: string): Promise<{ metadata: Record<string, unknown> }> {
  const file = join(dir, `scorer-${++k}.mjs`);
  writeFileSync(file, text);
  return (await import(pathToFileURL(file).href)) as { metadata: Record<string, unknown> };
}

describe('standalone scorer: hostile names stay data', () => {
  it.each(PAYLOADS.map((p) => [JSON.stringify(p), p]))('%s', async (_shown, p) => {
    const a = hostile(p);
    const text = generateScorer(a, { version: 3 });
    // No raw line terminator other than \n, and none inside the one-line comments' text.
    expect(text).not.toMatch(/[\u2028\u2029]/);
    expect(text).not.toContain('</script');
    const m = await load(text);
    expect(g.__slPwned).toBeUndefined();
    expect(m.metadata.name).toBe(a.name);
    expect(m.metadata.id).toBe(a.roles.id);
    expect(m.metadata.codeVersion).toBe(a.codeVersion);
    const input = m.metadata.input as { name: string; levels?: string[] }[];
    expect(input.map((c) => c.name)).toContain(a.input.find((c) => c.name.endsWith(p))!.name);
    expect(input.flatMap((c) => c.levels ?? [])).toContain(`level${p}`);
  });

  it('random strings as names and levels never run and always round-trip (property)', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 24 }),
        fc.constantFrom(...PAYLOADS),
        async (s, p) => {
          runs++;
          const a = hostile(`${s}${p}${s}`);
          const m = await load(generateScorer(a, { version: null }));
          expect(g.__slPwned).toBeUndefined();
          expect(m.metadata.name).toBe(a.name);
          expect(m.metadata.id).toBe(a.roles.id);
        },
      ),
      { seed: 20261124, numRuns: 60 },
    );
    expect(runs).toBe(60);
  });
});
