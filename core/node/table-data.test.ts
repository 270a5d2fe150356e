import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/helpers/tmp.js';
import { importFile } from './import/importer.js';
import { loadTable } from './table-data.js';
import { Workspace } from './workspace/workspace.js';

const dir = tempDir();

describe('loadTable', () => {
  it('loads numbers, dates and categories as typed arrays with NULLs marked', async () => {
    const ws = Workspace.open(join(dir, 'w.sightline'), { create: true });
    const f = join(dir, 'd.csv');
    writeFileSync(f, 'n,day,plan,ok\n1.5,2024-01-02,basic,yes\n,1970-01-11,pro,no\nNA,,basic,\n');
    await importFile(ws, f, { table: 't' });
    const data = loadTable(ws, 't');
    expect(data.rows).toBe(3);
    const numeric = (i: number) => {
      const c = data.columns[i]!;
      return c.kind === 'numeric' ? [...c.values] : undefined;
    };
    expect(numeric(0)).toEqual([1.5, NaN, NaN]);
    expect(numeric(1)).toEqual([19724, 10, NaN]);
    const plan = data.columns[2]!;
    expect(plan.kind === 'categorical' ? [[...plan.codes], plan.levels] : undefined).toEqual([
      [0, 1, 0],
      ['basic', 'pro'],
    ]);
    expect(numeric(3)).toEqual([1, 0, NaN]);
    expect(() => loadTable(ws, 't', ['nope'])).toThrow(
      /no column "nope".*columns: n, day, plan, ok/,
    );
    ws.close();
  });
});
