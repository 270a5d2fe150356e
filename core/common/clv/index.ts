// Customer-lifetime-value models: RFM summary, BG/NBD purchases, Gamma-Gamma spend, CLV and
// simulated spend intervals. Parameter objects are plain numbers, so they serialise as JSON.
export {
  rfmSummary,
  type HoldoutColumns,
  type RfmSummary,
  type RfmSummaryOptions,
  type TransactionColumns,
} from './summary.js';
export {
  bgNbdLogLikelihood,
  bgNbdLogLikelihoodOne,
  expectedTransactions,
  expectedTransactionsNew,
  fitBgNbd,
  probabilityAlive,
  type BgNbdFit,
  type BgNbdFitOptions,
  type BgNbdParams,
  type RepeatData,
} from './bgnbd.js';
export {
  conditionalExpectedSpend,
  customerLifetimeValue,
  fitGammaGamma,
  gammaGammaLogLikelihoodOne,
  type CustomerData,
  type GammaGammaFit,
  type GammaGammaFitOptions,
  type GammaGammaParams,
  type LifetimeValueOptions,
} from './gamma-gamma.js';
export {
  simulateSpendQuantiles,
  type SpendQuantileOptions,
  type SpendQuantiles,
} from './spend-quantiles.js';
export { hyp2f1, logGamma, SeriesDivergenceError } from './special.js';
export { CLV_PARAMS } from './params.js';
