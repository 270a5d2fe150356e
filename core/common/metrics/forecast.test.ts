import { describe, expect, it } from 'vitest';
import {
  meanAbsolutePercentageError,
  meanAbsoluteScaledError,
  symmetricMape,
  weightedAbsolutePercentageError,
} from './forecast.js';
import { ACTUAL, FORECAST, PR, TRAIN, WF, WR, YR } from './reference-data.fixture.js';

// Reference values via sklearn-reference.py (scikit-learn 1.2.1, numpy 1.24.2). MASE, sMAPE
// and WAPE have no scikit-learn function; they are the numpy formulas quoted with each value
// (sw = weights, or ones).
const REF = {
  /**
   * mae = Σ sw·|actual − forecast| / Σ sw; scale = np.mean(np.abs(train[m:] − train[:−m]));
   * mase = mae / scale, for m = 1 and m = 12.
   */
  mase1: 0.7433365446371228,
  mase12: 0.5519925280199253,
  mase1W: 0.7804034908761196,
  mase12W: 0.579517984030474,
  /** Σ sw·2|actual − forecast| / (|actual| + |forecast|) / Σ sw */
  smape: 0.034291712053339626,
  smapeW: 0.035918988559836225,
  /** Σ sw·|actual − forecast| / Σ sw·|actual| */
  wape: 0.0347381414212661,
  wapeW: 0.03633732947498968,
  /** sklearn.metrics.mean_absolute_percentage_error(actual, forecast[, sample_weight=wf]) */
  mape: 0.03434304695788275,
  mapeW: 0.036013509969888384,
  /**
   * On the count data (one row has yr = 0, which our rule skips):
   * sklearn.metrics.mean_absolute_percentage_error(yr[yr > 0], pr[yr > 0][, sample_weight=wr[yr > 0]])
   */
  mapeCounts: 0.4245186440677966,
  mapeCountsW: 0.4431831932773109,
  /** sMAPE and WAPE by the formulas above on yr, pr (a row with y = ŷ = 0 would count 0) */
  smapeCounts: 0.5033604562138765,
  smapeCountsW: 0.5384074191385938,
  wapeCounts: 0.33474,
  wapeCountsW: 0.3259704545454546,
};

describe('meanAbsoluteScaledError', () => {
  it('matches the numpy formula for periods 1 and 12, with and without weights', () => {
    expect(meanAbsoluteScaledError(ACTUAL, FORECAST, TRAIN, 1)).toBeCloseTo(REF.mase1, 14);
    expect(meanAbsoluteScaledError(ACTUAL, FORECAST, TRAIN, 12)).toBeCloseTo(REF.mase12, 14);
    expect(meanAbsoluteScaledError(ACTUAL, FORECAST, TRAIN, 1, WF)).toBeCloseTo(REF.mase1W, 14);
    expect(meanAbsoluteScaledError(ACTUAL, FORECAST, TRAIN, 12, WF)).toBeCloseTo(REF.mase12W, 14);
  });

  it('throws without a usable training series', () => {
    expect(() => meanAbsoluteScaledError([1], [1], undefined)).toThrow(/trainSeries/);
    expect(() => meanAbsoluteScaledError([1], [1], [5, 6], 2)).toThrow(/more than the period/);
    expect(() => meanAbsoluteScaledError([1], [1], [5, 5, 5])).toThrow(/scale is 0/);
  });
});

describe('percentage errors', () => {
  it('match scikit-learn (MAPE) and the numpy formulas (sMAPE, WAPE) on the forecast', () => {
    expect(meanAbsolutePercentageError(ACTUAL, FORECAST)).toBeCloseTo(REF.mape, 15);
    expect(meanAbsolutePercentageError(ACTUAL, FORECAST, WF)).toBeCloseTo(REF.mapeW, 15);
    expect(symmetricMape(ACTUAL, FORECAST)).toBeCloseTo(REF.smape, 15);
    expect(symmetricMape(ACTUAL, FORECAST, WF)).toBeCloseTo(REF.smapeW, 15);
    expect(weightedAbsolutePercentageError(ACTUAL, FORECAST)).toBeCloseTo(REF.wape, 15);
    expect(weightedAbsolutePercentageError(ACTUAL, FORECAST, WF)).toBeCloseTo(REF.wapeW, 15);
  });

  it('skip rows with y = 0 in MAPE, and agree on counts with zeros', () => {
    expect(meanAbsolutePercentageError(YR, PR)).toBeCloseTo(REF.mapeCounts, 14);
    expect(meanAbsolutePercentageError(YR, PR, WR)).toBeCloseTo(REF.mapeCountsW, 14);
    expect(symmetricMape(YR, PR)).toBeCloseTo(REF.smapeCounts, 14);
    expect(symmetricMape(YR, PR, WR)).toBeCloseTo(REF.smapeCountsW, 14);
    expect(weightedAbsolutePercentageError(YR, PR)).toBeCloseTo(REF.wapeCounts, 14);
    expect(weightedAbsolutePercentageError(YR, PR, WR)).toBeCloseTo(REF.wapeCountsW, 14);
  });

  it('define the edge cases', () => {
    expect(() => meanAbsolutePercentageError([0, 0], [1, 2])).toThrow(/every row has yTrue = 0/);
    expect(symmetricMape([0, 2], [0, 0])).toBe(1); // (0 + 2) / 2
    expect(() => weightedAbsolutePercentageError([0, 0], [1, 2])).toThrow(/yTrue is 0/);
  });
});
