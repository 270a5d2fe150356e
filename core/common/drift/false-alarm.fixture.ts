// The false-alarm experiment: reference and current drawn from the same distribution, many
// seeds; returns how often each verdict fires. Shared by report.test.ts and the docs' figures.
import { buildReference } from './reference.js';
import { driftReport, type MethodChoice } from './report.js';
import { LEVELS, synthetic } from './synthetic.fixture.js';

export interface AlarmRates {
  /** Share of feature verdicts that are 'drift' (numeric, categorical). */
  numericDrift: number;
  categoricalDrift: number;
  /** Share of feature verdicts that are 'watch' or 'drift'. */
  anyAlarm: number;
  datasetDrift: number;
  missingFlagged: number;
}

/** Rates for each current size in `curRows`, one reference of `refRows` rows per seed. */
export function falseAlarms(
  seeds: number,
  refRows: number,
  curRows: number[],
  method: MethodChoice = 'auto',
): AlarmRates[] {
  const tally = curRows.map(() => ({ num: 0, cat: 0, any: 0, dataset: 0, missing: 0 }));
  for (let s = 0; s < seeds; s++) {
    const profile = buildReference(synthetic(refRows, 1000 + s), {
      categoryLevels: LEVELS,
      seed: s,
    });
    curRows.forEach((rows, k) => {
      const t = tally[k]!;
      const r = driftReport(profile, synthetic(rows, 5000 + s), { categoryLevels: LEVELS, method });
      for (const f of r.features) {
        if (f.verdict === 'drift') {
          if (f.kind === 'numeric') t.num++;
          else t.cat++;
        }
        if (f.verdict !== 'ok') t.any++;
        if (f.missing.flagged) t.missing++;
      }
      if (r.dataset.drift) t.dataset++;
    });
  }
  return tally.map((t) => ({
    numericDrift: t.num / (seeds * 6),
    categoricalDrift: t.cat / (seeds * 4),
    anyAlarm: t.any / (seeds * 10),
    datasetDrift: t.dataset / seeds,
    missingFlagged: t.missing / (seeds * 10),
  }));
}
