// Public data users know: monthly US beverage wholesale sales (tests/fixtures/drinks, FRED
// S4248SM144NCEN via R modeldata). Published (../shared/data/SOURCES.md): last 24 months held
// out, forecast from the end of training — WAPE seasonal naive 8.3 %, Holt-Winters 4.5 %,
// gradient boosting on lags 5.6 %. The demand kind must reach WAPE ≤ 4.5 %.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../core/node/import/importer.js';
import { Workspace } from '../../core/node/workspace/workspace.js';
import { trainKind } from '../../models/train.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();

describe('drinks (public monthly series)', () => {
  it('forecasts the last 24 months with WAPE ≤ 4.5 % through the demand kind', async () => {
    const ws = Workspace.open(join(dir, 'drinks.sightline'), { create: true });
    try {
      await importFile(ws, 'tests/fixtures/drinks/drinks.csv', { table: 'drinks' });
      const t = await trainKind(ws, 'demand', {
        table: 'drinks',
        holdoutAfter: Date.UTC(2015, 9, 1) / 86_400_000, // 2015-10 … 2017-09: 24 months
      });
      expect(t.rows.holdout_periods).toBe(24);
      expect(t.notes.join('\n')).toMatch(/monthly periods \(season 12\)/);
      expect(t.metrics.wape).toBeLessThanOrEqual(0.045);
      // the baselines beside it reproduce the published figures
      expect(t.metrics.seasonal_naive_wape).toBeCloseTo(0.083, 3);
      expect(t.metrics.holt_winters_wape).toBeGreaterThan(0.035);
      expect(t.metrics.holt_winters_wape).toBeLessThan(0.055);
    } finally {
      ws.close();
    }
  }, 120_000);
});
