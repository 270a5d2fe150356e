// The Evaluate page's model insight beyond the stored evaluation: one entity's prediction with
// every feature's contribution (explain.row), and the BG/NBD + Gamma-Gamma fit of a lifetime-value
// model as plot data (clv.plots).
import type { Result } from '../../core/api/index.js';
import type { RawData } from '../../core/common/raw-data.js';
import type { VersionRecord as RegistryVersion } from '../../core/node/registry/registry.js';
import type { Workspace } from '../../core/node/workspace/workspace.js';
import { checkArtifact, type ModelArtifact } from '../../models/common/artifact.js';
import type { InputColumn } from '../../models/common/columns.js';
import { applyCalibration, riskLevel, type BinaryDecision } from '../../models/common/decision.js';
import { logit, marginContributions, topContributions } from '../../models/common/explain.js';
import { loadFitted } from '../../models/common/fitted.js';
import { loadLog } from '../../models/common/tx-input.js';
import { entityRows, tableOf } from '../../models/export/model-export.js';
import { clvPredict, summaryAt, type ClvFit } from '../../models/ltv/train.js';
import { probabilityAlive } from '../../core/common/clv/index.js';

const OUTPUT: Record<string, string> = {
  churn: 'churn_probability',
  failure: 'failure_probability',
  ltv: 'predicted_ltv',
};
const LOG_LINK = new Set(['poisson', 'gamma', 'tweedie']);
const sigmoid = (m: number) => 1 / (1 + Math.exp(-m));
const dayText = (d: number) => new Date(Math.floor(d) * 86400000).toISOString().slice(0, 10);

function row(data: RawData, i: number): RawData {
  return {
    numeric: data.numeric.map((c) => c.slice(i, i + 1)),
    categorical: data.categorical.map((c) => c.slice(i, i + 1)),
    ...(data.names ? { names: data.names } : {}),
  };
}

export function explainRow(
  ws: Workspace,
  v: RegistryVersion,
  tableName: string | undefined,
  key: string | undefined,
): Result<'explain.row'> {
  const a = checkArtifact(v.artifact, `${v.name}@${v.version}`);
  if (a.task === 'multiclass')
    throw new Error('explanations cover binary and regression models; this one is multiclass');
  const table = tableName ?? tableOf(v.params);
  if (!table) throw new Error('name the table whose rows to explain');
  const ds = ws.requireDataset(table);
  const e = entityRows(a, { ws, table: ds.name, where: `table ${ds.name}` });
  const n = e.ids.length;
  if (n === 0) throw new Error(`table ${ds.name} has no rows to explain`);
  const scorer = loadFitted(a.model);
  const raw = scorer.predict(e.data);
  const binary = a.task === 'binary';
  const d = a.decision as BinaryDecision | undefined;
  const pred = binary && d ? applyCalibration(d.calibration, raw) : raw;
  const order = Array.from(pred.keys()).sort((x, y) => pred[y]! - pred[x]!);
  let i = order[0]!;
  if (key !== undefined && key.trim() !== '') {
    const want = key.trim();
    i = e.ids.indexOf(want);
    if (i < 0) i = e.ids.findIndex((id) => id.toLowerCase() === want.toLowerCase());
    if (i < 0)
      throw new Error(
        `no ${e.idColumn} ${JSON.stringify(want)} among the ${n} ${e.idColumn === 'row' ? 'rows' : 'entities'} of ${ds.name} (for example ${e.ids.slice(0, 3).join(', ')})`,
      );
  }
  const one = row(e.data, i);
  const link = binary ? logit : LOG_LINK.has(a.task) ? Math.log : (x: number) => x;
  const contrib = marginContributions(scorer, one, link);
  const b = contrib.base[0]!;
  const base = binary
    ? applyCalibration(d?.calibration ?? { kind: 'none' }, Float64Array.of(sigmoid(b)))[0]!
    : LOG_LINK.has(a.task)
      ? Math.exp(b)
      : b;
  const nNum = one.numeric.length;
  const names = e.data.names ?? a.features;
  const valueText = (j: number): string => {
    if (j < nNum) {
      const x = one.numeric[j]![0]!;
      return Number.isNaN(x) ? 'missing' : String(Number(x.toFixed(3)));
    }
    const code = one.categorical[j - nNum]![0]!;
    const levels =
      e.specs[j]?.levels ?? (a.input as InputColumn[]).find((s) => s.name === names[j])?.levels;
    return code < 0 ? 'missing' : (levels?.[code] ?? String(code));
  };
  let unit = binary ? 'probability' : 'prediction';
  let picked = topContributions(contrib, 0, pred[i]!, base, 20);
  if (picked.length === 0 && contrib.values.some((x) => x !== 0)) {
    // A flat stretch of the calibration maps this row and the base to the same probability:
    // the features still moved the model's score, so show that scale.
    unit = binary ? 'log-odds' : LOG_LINK.has(a.task) ? 'log scale' : 'prediction';
    picked = Array.from(contrib.values, (value, feature) => ({ feature, value }))
      .filter((x) => x.value !== 0)
      .sort((x, y) => Math.abs(y.value) - Math.abs(x.value))
      .slice(0, 20);
  }
  const contributions = picked.map((c) => ({
    feature: names[c.feature] ?? `feature ${c.feature}`,
    value: valueText(c.feature),
    contribution: c.value,
  }));
  return {
    idColumn: e.idColumn,
    key: e.ids[i]!,
    output: OUTPUT[a.kind] ?? (binary ? 'positive_probability' : 'prediction'),
    prediction: pred[i]!,
    base,
    unit,
    ...(binary && d
      ? {
          flagged: pred[i]! >= d.threshold,
          threshold: d.threshold,
          riskLevel: riskLevel(pred[i]!, d.riskCuts),
        }
      : {}),
    contributions,
    top: order.slice(0, 25).map((k) => ({ key: e.ids[k]!, prediction: pred[k]! })),
    rows: n,
  };
}

export function clvPlots(ws: Workspace, v: RegistryVersion): Result<'clv.plots'> {
  const a: ModelArtifact = checkArtifact(v.artifact, `${v.name}@${v.version}`);
  const clv = a.settings.clv as ClvFit | undefined;
  if (a.kind !== 'ltv' || !clv)
    throw new Error(`${v.name}@${v.version} has no BG/NBD + Gamma-Gamma fit (ltv models have one)`);
  const table = tableOf(v.params);
  if (!table || !ws.tableExists(table))
    throw new Error(`the training table ${table ?? '(unknown)'} is not in this workspace`);
  const log = loadLog(ws, table, {
    id: a.roles.id!,
    time: a.roles.time!,
    amount: a.roles.amount!,
  });
  const asOf = Math.floor(log.maxDay) + 1;
  const s = summaryAt(log.tx, asOf);

  // P(alive) curves at a typical customer age (the median T).
  const Ts = Array.from(s.T).sort((x, y) => x - y);
  const T = Math.max(1, Math.round(Ts[Math.floor(Ts.length / 2)] ?? 52));
  const steps = 40;
  const weeksSince = Array.from({ length: steps + 1 }, (_, k) =>
    Number(((T * k) / steps).toFixed(2)),
  );
  const curves = [1, 2, 4, 8, 16].map((f) => ({
    frequency: f,
    values: weeksSince.map((w) => Number(probabilityAlive(clv.bgnbd, f, T - w, T).toFixed(5))),
  }));

  // The customers' P(alive) now.
  const now = clvPredict(clv, s, (a.settings.predictionDays as number) ?? 365).pAlive;
  const edges = Array.from({ length: 11 }, (_, k) => k / 10);
  const counts = new Array<number>(10).fill(0);
  for (const p of now) counts[Math.min(9, Math.floor(p * 10))]!++;

  // Expected vs actual purchases in the prediction window after a cutoff that leaves room for it.
  const days = Math.min((a.settings.predictionDays as number) ?? 365, 182);
  const cutoff = asOf - days;
  let holdout: Result<'clv.plots'>['holdout'];
  if (cutoff - Math.floor(log.minDay) >= 60) {
    const before = summaryAt(log.tx, cutoff);
    const expected = clvPredict(clv, before, days).transactions;
    const actual = new Map<number, number>();
    const seen = new Set<string>();
    for (let i = 0; i < log.tx.time.length; i++) {
      const t = log.tx.time[i]!;
      if (t < cutoff || t >= asOf || !(log.tx.amount[i]! > 0)) continue;
      // BG/NBD counts purchase days, as rfmSummary does.
      const c = log.tx.customer[i]!;
      const dayKey = `${c}:${Math.floor(t)}`;
      if (seen.has(dayKey)) continue;
      seen.add(dayKey);
      actual.set(c, (actual.get(c) ?? 0) + 1);
    }
    const labels = ['0', '1', '2', '3', '4', '5', '6', '7+'];
    const groups = labels.map((label) => ({ label, customers: 0, expected: 0, actual: 0 }));
    before.frequency.forEach((f, k) => {
      const g = groups[Math.min(7, f)]!;
      g.customers++;
      g.expected += expected[k]!;
      g.actual += actual.get(before.customer[k]!) ?? 0;
    });
    holdout = {
      cutoff: dayText(cutoff),
      days,
      groups: groups
        .filter((g) => g.customers > 0)
        .map((g) => ({
          ...g,
          expected: Number((g.expected / g.customers).toFixed(4)),
          actual: Number((g.actual / g.customers).toFixed(4)),
        })),
    };
  }
  return {
    params: { ...clv.bgnbd, ...clv.gammaGamma },
    pAlive: { T, weeksSince, curves },
    distribution: { edges, counts },
    ...(holdout ? { holdout } : {}),
  };
}
