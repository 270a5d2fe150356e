// Customer lifetime value: spend in the next months (default 12) after a cutoff, from snapshot
// features. Candidates: gradient-boosted trees (Tweedie objective, for spend that is often
// exactly zero), a Tweedie GLM (log link; the compound Poisson–Gamma member of the family, as a
// pure Gamma GLM cannot take the zero spend of customers who buy nothing), and BG/NBD with
// Gamma-Gamma fitted by maximum likelihood on the same customers, scored on the same hold-out.
// The hold-out is a share of customers (all their snapshots leave training), since a 12-month
// window rarely leaves room for a time split; --holdout-after gives a time split instead.
import { fitBgNbd, fitGammaGamma } from '../../core/common/clv/index.js';
import { Rng } from '../../core/common/random.js';
import type { Workspace } from '../../core/node/workspace/workspace.js';
import { ARTIFACT_FORMAT, ARTIFACT_VERSION, type ModelArtifact } from '../common/artifact.js';
import { evaluateRegression, permutationImportance } from '../common/evaluation.js';
import { loadFitted } from '../common/fitted.js';
import { checkpoint } from '../common/progress.js';
import { captureReference } from '../common/reference.js';
import { commonRunOptions, runSupervised, type LeaderboardEntry } from '../common/supervised.js';
import type { TrainedModel } from '../common/trained.js';
import { loadLog, resolveTxRoles } from '../common/tx-input.js';
import { snapshotSetup, type SnapshotModelOptions } from '../churn/transactions.js';
import { clvPredict, summaryAt, type ClvFit } from './clv-scoring.js';
import { coverage, fitIntervalBins, segmentCuts } from './intervals.js';

export { clvPredict, summaryAt, type ClvFit };

export interface LtvOptions extends SnapshotModelOptions {
  /** Months of spend to predict (default 12). */
  months?: number;
}

/** BG/NBD + Gamma-Gamma on the log before `cutoff` (weeks), for the given customer codes. */
export function fitClv(
  tx: { customer: Int32Array; time: Float64Array; amount: Float64Array },
  cutoff: number,
  customers?: Set<number>,
): ClvFit {
  const s = summaryAt(tx, cutoff, customers);
  const bg = fitBgNbd({ frequency: s.frequency, recency: s.recency, T: s.T });
  const gg = fitGammaGamma(s.frequency, s.monetary);
  let sum = 0;
  let n = 0;
  s.frequency.forEach((f, i) => {
    if (f > 0) {
      sum += s.monetary[i]!;
      n++;
    }
  });
  return {
    bgnbd: { r: bg.r, alpha: bg.alpha, a: bg.a, b: bg.b },
    gammaGamma: { p: gg.p, q: gg.q, v: gg.v },
    meanSpend: n ? sum / n : 0,
  };
}

export async function trainLtv(ws: Workspace, o: LtvOptions): Promise<TrainedModel> {
  const seed = o.seed ?? 42;
  const months = o.months ?? 12;
  const predictionDays = Math.round((365.25 / 12) * months);
  o.onProgress?.({ stage: 'features', fraction: 0 });
  await checkpoint(o.signal);
  const timeSplit = o.holdoutAfter !== undefined;
  const s = snapshotSetup(
    ws,
    { ...o, holdoutFraction: timeSplit ? (o.holdoutFraction ?? 0.2) : 0 },
    'spend',
    { observationDays: o.observationDays ?? 365, predictionDays },
  );
  const notes = [...s.notes];
  let trainIdx = s.trainIdx;
  let holdIdx = s.holdIdx;
  const lastCutoff = s.trainCutoffs[s.trainCutoffs.length - 1]!;
  if (!timeSplit) {
    // Hold out a seeded share of customers: their rows at the latest cutoff are the hold-out,
    // their earlier rows are dropped.
    const fraction = o.holdoutFraction ?? 0.2;
    const rng = new Rng(seed).fork('ltv-holdout');
    const held = new Map<number, boolean>();
    const isHeld = (c: number) => {
      let h = held.get(c);
      if (h === undefined) held.set(c, (h = rng.next() < fraction));
      return h;
    };
    const tr: number[] = [];
    const ho: number[] = [];
    for (let i = 0; i < s.label.length; i++) {
      const h = fraction > 0 && isHeld(s.customer[i]!);
      if (!h) tr.push(i);
      else if (s.cutoff[i] === lastCutoff) ho.push(i);
    }
    trainIdx = Uint32Array.from(tr);
    holdIdx = Uint32Array.from(ho);
    notes.push(
      `hold-out: ${Math.round(fraction * 100)} % of customers (their ${ho.length} rows at the latest cutoff)`,
    );
  }
  const candidates = !o.learner || o.learner === 'auto' ? ['gbdt', 'glm'] : [o.learner];
  const out = await runSupervised({
    task: 'tweedie',
    data: s.data,
    y: s.label,
    trainIdx,
    holdIdx,
    groups: s.customer,
    candidates,
    params: o.params ?? {},
    metric: 'rmse',
    ...commonRunOptions(o, seed),
  });
  o.onProgress?.({ stage: 'BG/NBD + Gamma-Gamma', fraction: 0.9 });
  await checkpoint(o.signal);
  // BG/NBD + Gamma-Gamma: fitted on the training customers at the hold-out's cutoff, scored on
  // the hold-out rows (its own leaderboard line; it has no cross-validation of the snapshots).
  const roles = resolveTxRoles(ws, o.table, o.roles);
  const log = loadLog(ws, o.table, roles);
  const holdCutoff = holdIdx.length ? s.cutoff[holdIdx[0]!]! : lastCutoff;
  const trainCustomers = new Set(Array.from(trainIdx, (i) => s.customer[i]!));
  const holdCustomers = Array.from(holdIdx, (i) => s.customer[i]!);
  const clvLine: LeaderboardEntry[] = [];
  let clv: ClvFit | undefined;
  try {
    const t0 = Date.now();
    clv = fitClv(log.tx, holdCutoff, timeSplit ? undefined : trainCustomers);
    if (holdIdx.length) {
      const sum = summaryAt(log.tx, holdCutoff, new Set(holdCustomers));
      const pos = new Map(Array.from(sum.customer, (c, k) => [c, k]));
      const pred = clvPredict(clv, sum, predictionDays).spend;
      const p = Float64Array.from(holdCustomers, (c) => pred[pos.get(c)!] ?? 0);
      const y = Float64Array.from(holdIdx, (i) => s.label[i]!);
      const rmse = Math.sqrt(p.reduce((a, v, k) => a + (v - y[k]!) ** 2, 0) / p.length);
      clvLine.push({
        rank: 0,
        learner: 'bgnbd_gamma_gamma',
        metric: 'rmse',
        mean: NaN,
        std: NaN,
        folds: [],
        trainSeconds: (Date.now() - t0) / 1000,
        params: { ...clv.bgnbd, ...clv.gammaGamma },
        status: 'ok',
        note: `hold-out rmse ${rmse.toFixed(2)} (probabilistic model; not cross-validated)`,
      });
    }
  } catch (err) {
    notes.push(`BG/NBD + Gamma-Gamma could not be fitted: ${(err as Error).message}`);
  }

  const modelJson = out.model.toJSON();
  const scorer = loadFitted(modelJson);
  const bins = fitIntervalBins(out.oof, out.trainY);
  const cuts = segmentCuts(out.oof);
  let metrics: Record<string, number> = {};
  let evaluation: unknown = null;
  if (holdIdx.length) {
    const importance = permutationImportance(
      (d) => scorer.predict(d),
      out.holdData,
      out.holdY,
      'rmse',
      seed,
    );
    const ev = evaluateRegression(out.holdY, out.holdPred, ['tweedie_deviance'], importance);
    metrics = { ...ev.metrics, interval_coverage: coverage(bins, out.holdPred, out.holdY) };
    const bgRmse = clvLine[0]?.note ? Number(/rmse ([0-9.]+)/.exec(clvLine[0].note)![1]) : NaN;
    if (Number.isFinite(bgRmse)) metrics.bgnbd_rmse = bgRmse;
    evaluation = ev;
  }
  const artifact: ModelArtifact = {
    format: ARTIFACT_FORMAT,
    version: ARTIFACT_VERSION,
    kind: 'ltv',
    name: o.name ?? 'ltv',
    mode: 'transactions',
    task: 'tweedie',
    roles: {
      id: s.roles.id,
      time: s.roles.time,
      amount: s.roles.amount,
      ...(o.attributes ? { attributes: o.attributes, attributeId: s.attributeId! } : {}),
      ...(s.signup ? { signup: s.signup } : {}),
    },
    input: s.attributeSpecs ?? [],
    features: s.data.names!,
    target: { column: `spend_next_${months}m` },
    learner: out.best,
    model: modelJson,
    settings: {
      observationDays: s.observationDays,
      predictionDays,
      months,
      lastTrainingDay: s.maxDay,
      intervals: bins,
      segmentCuts: cuts,
      ...(clv ? { clv } : {}),
    },
    reference: captureReference(s.data, trainIdx, out.oof, {
      seed,
      ...(s.attributeSpecs ? { specs: s.attributeSpecs } : {}),
      baselineMetrics: metrics,
    }),
    seed,
    codeVersion: o.codeVersion ?? 'dev',
    createdAt: new Date().toISOString(),
  };
  return {
    artifact,
    leaderboard: [...out.leaderboard, ...clvLine],
    metrics,
    evaluation,
    params: {
      table: o.table,
      roles: s.roles,
      attributes: o.attributes ?? null,
      months,
      observationDays: s.observationDays,
      learner: o.learner ?? 'auto',
      params: o.params ?? {},
      folds: o.folds ?? 5,
      seed,
    },
    dataFingerprint: s.fingerprint,
    notes,
    rows: {
      train: trainIdx.length,
      holdout: holdIdx.length,
      customers: new Set(s.customer).size,
      features: s.data.names!.length,
    },
  };
}
