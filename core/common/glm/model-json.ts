// The saved form of a GLM: versioned JSON with its preprocessing, coefficients and errors.
import type { CategoricalTerm, DesignSpec, NumericTerm } from './design.js';
import type { FamilyParams } from './families/index.js';
import type { GlmParams } from './params.js';

export const GLM_FORMAT = 'sightline-glm';
export const GLM_VERSION = 1;

/** How the fit went: read by reports, not by prediction. */
export interface GlmFitSummary {
  /** Rows with positive weight. */
  rows: number;
  iterations: number;
  converged: boolean;
  /** Σ wᵢ·d(yᵢ, μᵢ) of the fit and of the intercept-only model. */
  deviance: number;
  nullDeviance: number;
  /** Dispersion φ behind the standard errors (1 for logistic and poisson); null when penalised. */
  dispersion: number | null;
  /** What an analyst should know before reading the coefficients (no convergence, separation). */
  warnings: string[];
}

export interface GlmModelJson {
  format: typeof GLM_FORMAT;
  version: typeof GLM_VERSION;
  family: { name: string; params: FamilyParams };
  params: GlmParams;
  design: DesignSpec;
  /** Design column names (derived from design; kept for people reading the file). */
  terms: string[];
  /** Coefficients on the standardised design, which prediction uses. */
  intercept: number;
  beta: number[];
  /** Standard errors on the original scale, intercept first; null for a penalised fit. */
  standardErrors: number[] | null;
  fit: GlmFitSummary;
}

function fail(where: string, what: string): never {
  throw new TypeError(`${GLM_FORMAT} model: ${where} must be ${what}`);
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function finite(where: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(where, 'a finite number');
  return v;
}

export function str(where: string, v: unknown): string {
  if (typeof v !== 'string') fail(where, 'a string');
  return v;
}

function bool(where: string, v: unknown): boolean {
  if (typeof v !== 'boolean') fail(where, 'true or false');
  return v;
}

function list(where: string, v: unknown): unknown[] {
  if (!Array.isArray(v)) fail(where, 'an array');
  return v;
}

function level(where: string, v: unknown): { code: number; level: string } {
  if (!isObject(v)) fail(where, 'an object');
  const code = finite(`${where}.code`, v.code);
  if (!Number.isInteger(code) || code < -1) fail(`${where}.code`, 'an integer >= -1');
  return { code, level: str(`${where}.level`, v.level) };
}

function numericTerm(where: string, v: unknown): NumericTerm {
  if (!isObject(v)) fail(where, 'an object');
  const t: NumericTerm = {
    name: str(`${where}.name`, v.name),
    median: finite(`${where}.median`, v.median),
    mean: finite(`${where}.mean`, v.mean),
    std: finite(`${where}.std`, v.std),
    hasValue: bool(`${where}.hasValue`, v.hasValue),
    missingIndicator: bool(`${where}.missingIndicator`, v.missingIndicator),
  };
  if (t.hasValue && !(t.std > 0)) fail(`${where}.std`, 'positive');
  return t;
}

function categoricalTerm(where: string, v: unknown): CategoricalTerm {
  if (!isObject(v)) fail(where, 'an object');
  return {
    name: str(`${where}.name`, v.name),
    reference: level(`${where}.reference`, v.reference),
    columns: list(`${where}.columns`, v.columns).map((c, s) => level(`${where}.columns[${s}]`, c)),
    missingIndicator: bool(`${where}.missingIndicator`, v.missingIndicator),
  };
}

/** The design spec of a saved model, checked field by field. */
export function designFromJson(v: unknown): DesignSpec {
  if (!isObject(v)) fail('design', 'an object');
  return {
    numeric: list('design.numeric', v.numeric).map((t, j) =>
      numericTerm(`design.numeric[${j}]`, t),
    ),
    categorical: list('design.categorical', v.categorical).map((t, c) =>
      categoricalTerm(`design.categorical[${c}]`, t),
    ),
  };
}

export function numbers(where: string, v: unknown): number[] {
  return list(where, v).map((x, i) => finite(`${where}[${i}]`, x));
}

export function fitSummaryFromJson(v: unknown): GlmFitSummary {
  if (!isObject(v)) fail('fit', 'an object');
  return {
    rows: finite('fit.rows', v.rows),
    iterations: finite('fit.iterations', v.iterations),
    converged: bool('fit.converged', v.converged),
    deviance: finite('fit.deviance', v.deviance),
    nullDeviance: finite('fit.nullDeviance', v.nullDeviance),
    dispersion: v.dispersion === null ? null : finite('fit.dispersion', v.dispersion),
    warnings: list('fit.warnings', v.warnings).map((s, i) => str(`fit.warnings[${i}]`, s)),
  };
}

/** Checks format and version before anything else, so an old or foreign file says so. */
export function checkHeader(j: unknown): Record<string, unknown> {
  if (!isObject(j) || j.format !== GLM_FORMAT) throw new TypeError(`not a ${GLM_FORMAT} model`);
  if (j.version !== GLM_VERSION) {
    throw new RangeError(
      `${GLM_FORMAT} model version ${String(j.version)} is not supported (this build reads version ${GLM_VERSION})`,
    );
  }
  return j;
}
