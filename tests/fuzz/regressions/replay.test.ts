// Every input the fuzzer ever saved (tests/fuzz/regressions/<target>/*.bin, the message that
// failed beside it in a .txt) is replayed through its target: once the bug is fixed, each one is a
// regression test. `npm run fuzz` adds new ones here when it finds a failure.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkArtifact } from '../../../models/common/artifact.js';
import { loadFitted } from '../../../models/common/fitted.js';
import { TARGETS } from '../targets.js';

const here = fileURLToPath(new URL('.', import.meta.url));

describe('fuzz regressions', () => {
  for (const name of Object.keys(TARGETS)) {
    const dir = join(here, name);
    const inputs = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.bin')) : [];
    if (inputs.length === 0) continue;
    describe(name, () => {
      const work = mkdtempSync(join(tmpdir(), `sightline-replay-${name}-`));
      const target = TARGETS[name]!;
      let ready: Promise<void> | undefined;
      afterAll(async () => {
        if (ready) await target.teardown?.();
        rmSync(work, { recursive: true, force: true });
      });
      for (const f of inputs)
        it(`${f}: ${readFileSync(join(dir, f.replace(/\.bin$/, '.txt')), 'utf8')
          .split('\n')[0]!
          .slice(0, 100)}`, async () => {
          ready ??= Promise.resolve(target.setup?.(work));
          await ready;
          await target.run(readFileSync(join(dir, f)));
        });
    });
  }
});

describe('fuzz regressions: the refusals are the documented ones', () => {
  const read = (f: string) =>
    JSON.parse(readFileSync(join(here, 'artifact', f), 'utf8')) as {
      artifact: { model: unknown };
    };
  it('a null tree and a tree without thresholds are refused by name', () => {
    const a = checkArtifact(read('null-tree.bin').artifact, 'm.json');
    expect(() => loadFitted(a.model)).toThrow('trees[0] must be an object');
    const b = checkArtifact(read('tree-without-threshold.bin').artifact, 'm.json');
    expect(() => loadFitted(b.model)).toThrow('trees[1].threshold must be an array');
  });

  it('checkArtifact names the field the schema refuses', () => {
    expect(() => checkArtifact(read('input-not-columns.bin').artifact, 'm.json')).toThrow(
      /^m\.json: not a valid Sightline model: input\[2\]\.name: .*input\[4\]/,
    );
    expect(() => checkArtifact(read('decision-not-schema.bin').artifact, 'm.json')).toThrow(
      /roles\.target|decision\.riskCuts/,
    );
  });
});
