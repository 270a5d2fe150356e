// A fitted GLM: predictions on raw columns, the coefficient table, save and load.
import {
  designColumns,
  type DesignSpec,
  destandardise,
  type GlmData,
  rowCount,
  termNames,
} from './design.js';
import { createFamily, type Family } from './families/index.js';
import { twoSidedP } from './inference.js';
import { linearPredictor } from './irls.js';
import {
  checkHeader,
  designFromJson,
  fitSummaryFromJson,
  GLM_FORMAT,
  GLM_VERSION,
  type GlmFitSummary,
  type GlmModelJson,
  isObject,
  numbers,
  str,
} from './model-json.js';
import { type GlmParams, parseGlmParams } from './params.js';

/** One row of the coefficient table, on the original scale of the raw columns. */
export interface Coefficient {
  /** '(Intercept)', a numeric column `age`, `missing(age)`, or a level `plan=premium`. */
  term: string;
  estimate: number;
  /** Present only for an unpenalised fit (alpha = 0). */
  standardError?: number;
  /** estimate / standardError, read against the standard normal. */
  z?: number;
  /** Two-sided p-value of z. */
  pValue?: number;
}

export const INTERCEPT = '(Intercept)';

export interface GlmModelState {
  params: GlmParams;
  design: DesignSpec;
  intercept: number;
  /** Coefficients on the standardised design. */
  beta: Float64Array;
  /** Original scale, intercept first; null when penalised. */
  standardErrors: Float64Array | null;
  fit: GlmFitSummary;
}

export class GlmModel {
  readonly params: GlmParams;
  readonly design: DesignSpec;
  readonly family: Family;
  readonly fit: GlmFitSummary;
  private readonly intercept: number;
  private readonly beta: Float64Array;
  private readonly standardErrors: Float64Array | null;

  constructor(state: GlmModelState) {
    this.params = state.params;
    this.design = state.design;
    this.family = createFamily(state.params.family, state.params);
    this.fit = state.fit;
    this.intercept = state.intercept;
    this.beta = state.beta;
    this.standardErrors = state.standardErrors;
    const k = termNames(state.design).length;
    if (state.beta.length !== k) {
      throw new RangeError(`${state.beta.length} coefficients for ${k} design columns`);
    }
    if (state.standardErrors && state.standardErrors.length !== k + 1) {
      throw new RangeError(`${state.standardErrors.length} standard errors for ${k + 1} terms`);
    }
  }

  /** Design column names, in coefficient order (without the intercept). */
  get terms(): string[] {
    return termNames(this.design);
  }

  /** The linear predictor η (log-odds, log-mean …) of each row of raw columns. */
  predictLink(data: GlmData): Float64Array {
    const n = rowCount(data);
    const x = designColumns(this.design, data);
    return linearPredictor(x, this.intercept, this.beta, new Float64Array(n));
  }

  /** The mean response μ (probability, expected count or amount) of each row. */
  predict(data: GlmData): Float64Array {
    const eta = this.predictLink(data);
    const { link } = this.family;
    return eta.map((e) => link.mu(e));
  }

  /** Intercept then one row per design column, de-standardised to the raw columns' units. */
  coefficients(): Coefficient[] {
    const { scale, shift } = destandardise(this.design);
    let intercept = this.intercept;
    this.beta.forEach((b, j) => (intercept += shift[j]! * b));
    const estimates = [intercept, ...Array.from(this.beta, (b, j) => scale[j]! * b)];
    const names = [INTERCEPT, ...this.terms];
    return estimates.map((estimate, j) => {
      const row: Coefficient = { term: names[j]!, estimate };
      const se = this.standardErrors?.[j];
      if (se !== undefined) {
        row.standardError = se;
        row.z = estimate / se;
        row.pValue = twoSidedP(row.z);
      }
      return row;
    });
  }

  toJSON(): GlmModelJson {
    return {
      format: GLM_FORMAT,
      version: GLM_VERSION,
      family: {
        name: this.params.family,
        params: { tweedie_variance_power: this.params.tweedie_variance_power },
      },
      params: { ...this.params },
      design: {
        numeric: this.design.numeric.map((t) => ({ ...t })),
        categorical: this.design.categorical.map((t) => ({
          ...t,
          reference: { ...t.reference },
          columns: t.columns.map((c) => ({ ...c })),
        })),
      },
      terms: this.terms,
      intercept: this.intercept,
      beta: Array.from(this.beta),
      standardErrors: this.standardErrors ? Array.from(this.standardErrors) : null,
      fit: { ...this.fit, warnings: [...this.fit.warnings] },
    };
  }

  /** Loads a model saved by toJSON (also from its JSON text); checks format and version. */
  static fromJSON(json: unknown): GlmModel {
    const j = checkHeader(typeof json === 'string' ? JSON.parse(json) : json);
    if (!isObject(j.params)) throw new TypeError(`${GLM_FORMAT} model: params must be an object`);
    const params = parseGlmParams(j.params);
    if (isObject(j.family) && str('family.name', j.family.name) !== params.family) {
      throw new RangeError(`${GLM_FORMAT} model: family.name disagrees with params.family`);
    }
    return new GlmModel({
      params,
      design: designFromJson(j.design),
      intercept: numbers('intercept', [j.intercept])[0]!,
      beta: Float64Array.from(numbers('beta', j.beta)),
      standardErrors:
        j.standardErrors === null || j.standardErrors === undefined
          ? null
          : Float64Array.from(numbers('standardErrors', j.standardErrors)),
      fit: fitSummaryFromJson(j.fit),
    });
  }
}
