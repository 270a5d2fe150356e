// Recursive multi-step forecasting: each step's point forecast is appended to the history, so
// the lags and rolling windows of later steps read it as if it had been observed.
import type { GbdtModel } from '../../core/common/gbdt/index.js';
import { buildRows, type FeatureSpec, scaleAt, type SeriesView } from './features.js';

export interface RecursivePaths {
  /** Per series, `horizon` point forecasts. */
  mean: Float64Array[];
  /** Per series, the quantile models' bounds (absent without quantile models). */
  lower?: Float64Array[];
  upper?: Float64Array[];
}

/**
 * Forecasts `horizon` periods after the end of each series' `y`. Price and promotion are read
 * at the forecast periods, so they must cover them (planned values). The quantile models are
 * evaluated on the features of the mean path: they give each step's conditional quantile given
 * that path, which understates the spread of far steps (errors of earlier steps are not
 * propagated). `series` is not modified.
 */
export function recursiveForecast(
  spec: FeatureSpec,
  series: readonly SeriesView[],
  horizon: number,
  mean: GbdtModel,
  quantiles?: readonly [GbdtModel, GbdtModel],
): RecursivePaths {
  const work = series.map((s) => ({ ...s, y: Array.from(s.y) }));
  const ends = work.map((s) => s.y.length);
  const out: RecursivePaths = { mean: series.map(() => new Float64Array(horizon)) };
  if (quantiles) {
    out.lower = series.map(() => new Float64Array(horizon));
    out.upper = series.map(() => new Float64Array(horizon));
  }
  for (let k = 0; k < horizon; k++) {
    const rows = work.map((_, si) => [si, ends[si]! + k] as const);
    const data = buildRows(spec, work, rows);
    const scales = rows.map(([si, t]) => scaleAt(spec, work[si]!.y, t));
    const mu = mean.predict(data);
    const lo = quantiles?.[0].predict(data);
    const hi = quantiles?.[1].predict(data);
    work.forEach((s, si) => {
      const m = Math.max(0, mu[si]! * scales[si]!);
      s.y.push(m);
      out.mean[si]![k] = m;
      if (lo && hi) {
        const a = Math.max(0, lo[si]! * scales[si]!);
        const b = Math.max(0, hi[si]! * scales[si]!);
        // Quantile models fitted apart can cross each other or the mean: keep the order.
        out.lower![si]![k] = Math.min(a, b, m);
        out.upper![si]![k] = Math.max(a, b, m);
      }
    });
  }
  return out;
}
