// Fitting the one global GBDT (and its quantile companions) on every item's rows at once.
import { type GbdtModel, train } from '../../core/common/gbdt/index.js';
import { buildRows, type FeatureSpec, scaleAt, type SeriesView } from './features.js';

export type DemandObjective = 'poisson' | 'tweedie';

export interface GbdtSettings {
  objective: DemandObjective;
  /** Tweedie variance power p in (1, 2) (default 1.5). */
  tweedieVariancePower: number;
  /** LightGBM-style parameters layered over the defaults below (see core/common/gbdt/params.ts). */
  params: Record<string, unknown>;
  seed: number;
}

export const DEFAULT_GBDT_PARAMS: Readonly<Record<string, unknown>> = {
  trees: 300,
  learning_rate: 0.05,
  num_leaves: 31,
  min_data_in_leaf: 20,
  feature_fraction: 0.8,
  lambda_l2: 1,
};

/** Rows (series index, period) that have at least one period of history, up to each series' end. */
export function trainingRows(
  series: readonly SeriesView[],
  minHistory: number,
): [number, number][] {
  const rows: [number, number][] = [];
  series.forEach((s, si) => {
    for (let t = Math.max(1, minHistory); t < s.y.length; t++) rows.push([si, t]);
  });
  return rows;
}

interface Rows {
  data: ReturnType<typeof buildRows>;
  label: Float64Array;
  scale: Float64Array;
}

function rowsFor(spec: FeatureSpec, series: readonly SeriesView[]): Rows {
  const rows = trainingRows(series, Math.min(spec.season, 13));
  if (rows.length === 0) throw new RangeError('no training rows: the series are too short');
  const data = buildRows(spec, series, rows);
  const label = new Float64Array(rows.length);
  const scale = new Float64Array(rows.length);
  rows.forEach(([si, t], i) => {
    const s = series[si]!;
    scale[i] = scaleAt(spec, s.y, t);
    label[i] = s.y[t]! / scale[i]!;
  });
  return { data, label, scale };
}

/** The mean model: Poisson or Tweedie on y / scale, weighted so the loss is that of y itself. */
export function fitMean(
  spec: FeatureSpec,
  series: readonly SeriesView[],
  g: GbdtSettings,
): GbdtModel {
  const { data, label, scale } = rowsFor(spec, series);
  const p = g.tweedieVariancePower;
  const weight = scale.map((s) => (g.objective === 'tweedie' ? s ** (2 - p) : s));
  return train(
    data,
    label,
    {
      ...DEFAULT_GBDT_PARAMS,
      ...g.params,
      objective: g.objective,
      tweedie_variance_power: p,
      seed: g.seed,
    },
    { weight },
  );
}

/**
 * Quantile models at levels (1 − level)/2 and (1 + level)/2, on the same rows. The pinball loss
 * is homogeneous, so y / scale with weight scale gives quantiles of y in units of the scale.
 */
export function fitQuantiles(
  spec: FeatureSpec,
  series: readonly SeriesView[],
  level: number,
  g: GbdtSettings,
): [GbdtModel, GbdtModel] {
  const { data, label, scale } = rowsFor(spec, series);
  const fit = (alpha: number): GbdtModel =>
    train(
      data,
      label,
      {
        ...DEFAULT_GBDT_PARAMS,
        trees: 150,
        ...g.params,
        objective: 'quantile',
        alpha,
        seed: g.seed,
      },
      { weight: scale },
    );
  return [fit((1 - level) / 2), fit((1 + level) / 2)];
}
