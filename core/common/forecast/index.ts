// Univariate forecasting: frequency detection, panel regularisation, seasonal naive and
// Holt-Winters forecasters with intervals, and rolling-origin backtests.
export {
  addPeriods,
  detectFrequency,
  periodIndex,
  periodStart,
  SEASON_LENGTH,
  type DetectedFrequency,
  type Frequency,
} from './frequency.js';
export {
  regularizePanel,
  type ItemSeries,
  type Panel,
  type PanelOptions,
  type PanelRows,
} from './series.js';
export { checkLevel, normalQuantile, sortedQuantile, type Forecast } from './interval.js';
export { forecastSeasonalNaive, seasonalNaive } from './seasonal-naive.js';
export {
  fitHoltWinters,
  forecastHoltWinters,
  holtWintersMean,
  type HoltWintersForecastOptions,
  type HoltWintersModel,
  type HoltWintersOptions,
  type SeasonalKind,
} from './holt-winters.js';
export {
  backtest,
  ErrorPool,
  naiveScale,
  rollingOrigins,
  type BacktestOptions,
  type BacktestResult,
  type ErrorSummary,
  type Forecaster,
} from './backtest.js';
