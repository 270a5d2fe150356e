// Generalised linear models (logistic, Poisson, gamma, Tweedie, Gaussian), pure TypeScript.
export { fitGlm, type FitGlmOptions } from './fit.js';
export { GlmModel, type Coefficient, type GlmModelState, INTERCEPT } from './model.js';
export { GLM_FORMAT, GLM_VERSION, type GlmFitSummary, type GlmModelJson } from './model-json.js';
export { type CategoricalTerm, type DesignSpec, type GlmData, type NumericTerm } from './design.js';
export {
  GLM_PARAMS,
  GLM_PARAM_NAMES,
  parseGlmParams,
  type GlmParamName,
  type GlmParamSpec,
  type GlmParams,
} from './params.js';
export {
  FAMILIES,
  createFamily,
  type Family,
  type FamilyFactory,
  type FamilyParams,
  type Link,
  type LinkName,
} from './families/index.js';
