// The one interface every metric implements, and the helper that turns a declaration
// (name, direction, parameters, evaluate) into a factory for the registry.

/** What kind of model a metric scores. */
export type MetricTask = 'binary' | 'multiclass' | 'regression';

/**
 * What the metric reads from yPred: 'score' is any ranking score (a margin works as well as
 * a probability), 'probability' a probability of the positive class (binary, in [0, 1]) or
 * a row-major n × K matrix of class probabilities (multiclass), 'value' a predicted value.
 */
export type MetricInput = 'score' | 'probability' | 'value';

/** A numeric parameter, declared once: validation, forms and docs read this. */
export interface ParamSpec {
  type: 'number' | 'integer';
  default: number;
  /** Inclusive bounds unless the matching `exclusive…` flag is set. */
  min?: number;
  max?: number;
  exclusiveMin?: boolean;
  exclusiveMax?: boolean;
  /** One sentence for tooltips and generated docs. */
  description: string;
}

export type ParamSpecs = Readonly<Record<string, ParamSpec>>;
export type MetricParams = Readonly<Record<string, number>>;

/** Per-call data: what changes between evaluations, not what configures the metric. */
export interface EvaluateOptions {
  /** Sample weights, finite and ≥ 0, one per row; rows weigh 1 when absent. */
  weights?: ArrayLike<number>;
  /** The training series in time order; MASE scales its error by this series' naive error. */
  trainSeries?: ArrayLike<number>;
}

export interface Metric {
  /** The registry name, e.g. 'auc'. */
  readonly name: string;
  readonly task: MetricTask;
  /** Early stopping and leaderboards compare by this flag alone, with no per-metric cases. */
  readonly biggerIsBetter: boolean;
  readonly needs: MetricInput;
  /** One sentence for tooltips and generated docs. */
  readonly description: string;
  /** The declared parameters (empty when the metric takes none). */
  readonly paramSpecs: ParamSpecs;
  /** The parameter values in force: the declared defaults overridden by the caller's. */
  readonly params: MetricParams;
  evaluate(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, opts?: EvaluateOptions): number;
}

/** Creates a metric, with parameters validated against its declaration. */
export type MetricFactory = (params?: MetricParams) => Metric;

/** What a metric file declares; `defineMetric` turns it into a factory. */
export interface MetricDefinition {
  name: string;
  task: MetricTask;
  biggerIsBetter: boolean;
  needs: MetricInput;
  description: string;
  params?: ParamSpecs;
  evaluate(
    yTrue: ArrayLike<number>,
    yPred: ArrayLike<number>,
    opts: EvaluateOptions,
    params: MetricParams,
  ): number;
}

export function defineMetric(def: MetricDefinition): MetricFactory {
  const specs: ParamSpecs = Object.freeze(
    Object.fromEntries(
      Object.entries(def.params ?? {}).map(([name, spec]) => [name, Object.freeze({ ...spec })]),
    ),
  );
  return (given) => {
    const params = resolveParams(def.name, specs, given ?? {});
    return Object.freeze({
      name: def.name,
      task: def.task,
      biggerIsBetter: def.biggerIsBetter,
      needs: def.needs,
      description: def.description,
      paramSpecs: specs,
      params,
      evaluate: (yTrue: ArrayLike<number>, yPred: ArrayLike<number>, opts?: EvaluateOptions) =>
        def.evaluate(yTrue, yPred, opts ?? {}, params),
    });
  };
}

/** Defaults overridden by `given`; an unknown name or an out-of-range value throws. */
export function resolveParams(
  metric: string,
  specs: ParamSpecs,
  given: MetricParams,
): MetricParams {
  const names = Object.keys(specs);
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(specs, key)) {
      const valid = names.length > 0 ? `valid: ${names.join(', ')}` : 'it takes none';
      throw new Error(`Unknown parameter '${key}' for metric '${metric}'; ${valid}`);
    }
  }
  const out: Record<string, number> = {};
  for (const name of names) {
    const spec = specs[name]!;
    const value = Object.hasOwn(given, name) ? given[name]! : spec.default;
    const problem = checkParam(spec, value);
    if (problem !== undefined) {
      throw new RangeError(`Parameter '${name}' of metric '${metric}' ${problem}, got ${value}`);
    }
    out[name] = value;
  }
  return Object.freeze(out);
}

function checkParam(spec: ParamSpec, v: number): string | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v)) return 'must be a finite number';
  if (spec.type === 'integer' && !Number.isInteger(v)) return 'must be an integer';
  if (spec.min !== undefined && (spec.exclusiveMin ? v <= spec.min : v < spec.min)) {
    return `must be ${spec.exclusiveMin ? '>' : '≥'} ${spec.min}`;
  }
  if (spec.max !== undefined && (spec.exclusiveMax ? v >= spec.max : v > spec.max)) {
    return `must be ${spec.exclusiveMax ? '<' : '≤'} ${spec.max}`;
  }
  return undefined;
}
