// BG/NBD + Gamma-Gamma figures for scoring: the RFM summary of a log at a cutoff and the
// expected spend, P(alive) and expected transactions from a fitted model. Pure (no Node), shared
// by training, sightline predict and the standalone scorer.
import {
  conditionalExpectedSpend,
  expectedTransactions,
  probabilityAlive,
  rfmSummary,
  type BgNbdParams,
  type GammaGammaParams,
} from '../../core/common/clv/index.js';

const WEEK = 7;

export interface ClvFit {
  bgnbd: BgNbdParams;
  gammaGamma: GammaGammaParams;
  /** Mean repeat spend, for customers with no repeat purchase yet. */
  meanSpend: number;
}

export function summaryAt(
  tx: { customer: Int32Array; time: Float64Array; amount: Float64Array },
  cutoff: number,
  customers?: Set<number>,
) {
  const keep: number[] = [];
  for (let i = 0; i < tx.time.length; i++)
    if (tx.time[i]! < cutoff && tx.amount[i]! > 0 && (!customers || customers.has(tx.customer[i]!)))
      keep.push(i);
  return rfmSummary(
    {
      customer: Int32Array.from(keep, (i) => tx.customer[i]!),
      day: Float64Array.from(keep, (i) => tx.time[i]!),
      amount: Float64Array.from(keep, (i) => tx.amount[i]!),
    },
    { calibrationEnd: cutoff - 1, unitDays: WEEK },
  );
}

/** Expected spend over `days`, P(alive) and expected transactions, per summary row. */
export function clvPredict(
  fit: ClvFit,
  s: { frequency: Float64Array; recency: Float64Array; T: Float64Array; monetary: Float64Array },
  days: number,
): { spend: Float64Array; pAlive: Float64Array; transactions: Float64Array } {
  const n = s.frequency.length;
  const spend = new Float64Array(n);
  const pAlive = new Float64Array(n);
  const transactions = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = s.frequency[i]!;
    const t = expectedTransactions(fit.bgnbd, days / WEEK, f, s.recency[i]!, s.T[i]!);
    const m = f > 0 ? conditionalExpectedSpend(fit.gammaGamma, f, s.monetary[i]!) : fit.meanSpend;
    transactions[i] = t;
    pAlive[i] = probabilityAlive(fit.bgnbd, f, s.recency[i]!, s.T[i]!);
    spend[i] = t * m;
  }
  return { spend, pAlive, transactions };
}
