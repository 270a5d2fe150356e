// Scoring a table-mode artifact on loaded columns, with the decision layer and per-row
// explanations: pure (no Node), so the engine, the REST server and the standalone scorer
// (models/export) run the same code.
import type { RawData } from '../../core/common/raw-data.js';
import type { ModelArtifact } from './artifact.js';
import { encodeColumns, type InputColumn, type LoadedColumn } from './columns.js';
import { applyCalibration, riskLevel, type RiskLevel } from './decision.js';
import { logit, marginContributions, signed, topContributions } from './explain.js';
import { loadFitted, type Scorer } from './fitted.js';

export interface BinaryScores {
  probability: Float64Array;
  flagged: Uint8Array;
  level: RiskLevel[];
  /** Top contributing features per row: [feature name, value of the feature, contribution]. */
  factors: { feature: string; contribution: number }[][];
}

export interface TableScores {
  rows: number;
  /** Binary: calibrated probabilities and the decision; regression: values; multiclass: per class. */
  binary?: BinaryScores;
  values?: Float64Array;
  classProbabilities?: Float64Array;
  /** Encoded features, for kinds that phrase factors from raw values. */
  data: RawData;
}

/** Scores loaded columns with a table-mode artifact. */
export function scoreTable(
  a: ModelArtifact,
  columns: readonly LoadedColumn[],
  rows: number,
  where: string,
  opts: { factors?: number; scorer?: Scorer } = {},
): TableScores {
  const data = encodeColumns(columns, a.input as InputColumn[], rows, where);
  // A caller scoring many requests (the REST server) passes the learner it loaded once.
  const scorer = opts.scorer ?? loadFitted(a.model);
  const raw = scorer.predict(data);
  if (a.task === 'binary') {
    const cal = a.decision?.calibration ?? { kind: 'none' as const };
    const p = applyCalibration(cal, raw);
    const threshold = a.decision?.threshold ?? 0.5;
    const cuts = a.decision?.riskCuts ?? [0.25, 0.5, 0.75];
    const k = opts.factors ?? 3;
    const factors: { feature: string; contribution: number }[][] = [];
    if (k > 0) {
      const contrib = marginContributions(scorer, data, logit);
      for (let i = 0; i < rows; i++) {
        const base = applyCalibration(cal, Float64Array.of(sigmoid(contrib.base[i]!)))[0]!;
        factors.push(
          topContributions(contrib, i, p[i]!, base, k).map((c) => ({
            feature: a.features[c.feature]!,
            contribution: c.value,
          })),
        );
      }
    }
    return {
      rows,
      data,
      binary: {
        probability: p,
        flagged: Uint8Array.from(p, (v) => (v >= threshold ? 1 : 0)),
        level: Array.from(p, (v) => riskLevel(v, cuts)),
        factors,
      },
    };
  }
  if (a.task === 'multiclass') return { rows, data, classProbabilities: raw };
  return { rows, data, values: raw };
}

const sigmoid = (m: number) => 1 / (1 + Math.exp(-m));

/** "plan = premium: +0.05": a table-mode factor with the row's value, for people. */
export function factorText(
  a: ModelArtifact,
  data: RawData,
  f: { feature: string; contribution: number },
  i: number,
): string {
  const j = a.features.indexOf(f.feature);
  let text: string;
  if (j < data.numeric.length) {
    const v = data.numeric[j]![i]!;
    text = Number.isNaN(v) ? 'missing' : String(Number(v.toFixed(2)));
  } else {
    const code = data.categorical[j - data.numeric.length]![i]!;
    const spec = (a.input as InputColumn[]).find((x) => x.name === f.feature);
    text = code < 0 ? 'missing' : (spec?.levels?.[code] ?? String(code));
  }
  return `${f.feature} = ${text}: ${signed(f.contribution)}`;
}
