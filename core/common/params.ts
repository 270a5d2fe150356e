// Learner parameters declared once — type, default, range, a sentence — and everything derived
// from the declaration: validation with errors that name the parameter, defaults, and values
// parsed from `name=value` command-line flags (STYLE.md item 8).

export type ParamKind = 'integer' | 'number' | 'string' | 'integer[]';

export interface ParamSpec {
  type: ParamKind;
  default: number | string | readonly number[];
  /** Inclusive bounds unless minOpen / maxOpen (for numbers, and for each array element). */
  min?: number;
  max?: number;
  minOpen?: boolean;
  maxOpen?: boolean;
  /** Allowed values of a string parameter. */
  choices?: () => readonly string[];
  doc: string;
}

type ValueOf<K extends ParamKind> = K extends 'string'
  ? string
  : K extends 'integer[]'
    ? number[]
    : number;

/** Parsed, validated parameters: every declared name with a value. */
export type ParamValues<S extends Record<string, ParamSpec>> = {
  [K in keyof S]: ValueOf<S[K]['type']>;
};

function rangeText(s: ParamSpec): string {
  return `${s.minOpen ? '(' : '['}${s.min}, ${s.max}${s.maxOpen ? ')' : ']'}`;
}

function checkNumber(name: string, s: ParamSpec, v: unknown, integer: boolean): number {
  if (typeof v !== 'number' || Number.isNaN(v) || (integer && !Number.isInteger(v))) {
    throw new TypeError(
      `parameter '${name}' must be ${integer ? 'an integer' : 'a number'}, got ${JSON.stringify(v)}`,
    );
  }
  const lo = s.min ?? -Infinity;
  const hi = s.max ?? Infinity;
  if (v < lo || v > hi || (s.minOpen && v === lo) || (s.maxOpen && v === hi)) {
    throw new RangeError(`parameter '${name}' must be in ${rangeText(s)}, got ${v}`);
  }
  return v;
}

function parseOne(name: string, s: ParamSpec, v: unknown): number | string | number[] {
  switch (s.type) {
    case 'integer':
      return checkNumber(name, s, v, true);
    case 'number':
      return checkNumber(name, s, v, false);
    case 'integer[]':
      if (!Array.isArray(v))
        throw new TypeError(
          `parameter '${name}' must be an array of integers, got ${JSON.stringify(v)}`,
        );
      return v.map((e: unknown, i) => checkNumber(`${name}[${i}]`, s, e, true));
    case 'string': {
      if (typeof v !== 'string')
        throw new TypeError(`parameter '${name}' must be a string, got ${JSON.stringify(v)}`);
      const choices = s.choices?.();
      if (choices && !choices.includes(v))
        throw new RangeError(
          `parameter '${name}' must be one of ${choices.join(', ')}; got '${v}'`,
        );
      return v;
    }
  }
}

/**
 * Validates `record` against `specs` and fills in defaults. Errors name the parameter; an unknown
 * name throws and lists the valid ones. `undefined` values count as absent.
 */
export function parseParamRecord<S extends Record<string, ParamSpec>>(
  specs: S,
  record: Readonly<Record<string, unknown>> = {},
): ParamValues<S> {
  const names = Object.keys(specs);
  for (const name of Object.keys(record)) {
    if (!Object.hasOwn(specs, name))
      throw new RangeError(`unknown parameter '${name}'; valid: ${names.join(', ')}`);
  }
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const spec: ParamSpec = specs[name]!;
    const v = record[name];
    out[name] =
      v === undefined
        ? typeof spec.default === 'object'
          ? [...spec.default]
          : spec.default
        : parseOne(name, spec, v);
  }
  return out as ParamValues<S>;
}

/**
 * `name=value` flags (as from `--param`) to typed values by the declared types: numbers for
 * numeric parameters, comma-separated integers for arrays; unknown names are left for
 * parseParamRecord to reject with the list of valid ones.
 */
export function paramsFromFlags(
  specs: Record<string, ParamSpec>,
  flags: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq <= 0) throw new RangeError(`--param ${flag}: expected name=value`);
    const name = flag.slice(0, eq);
    const raw = flag.slice(eq + 1).trim();
    const spec = specs[name];
    if (!spec || spec.type === 'string') out[name] = raw;
    else if (spec.type === 'integer[]')
      out[name] = raw === '' ? [] : raw.split(',').map((x) => toNumber(name, x));
    else out[name] = toNumber(name, raw);
  }
  return out;
}

function toNumber(name: string, raw: string): number {
  const v = Number(raw.trim());
  if (raw.trim() === '' || Number.isNaN(v))
    throw new TypeError(`parameter '${name}': ${JSON.stringify(raw)} is not a number`);
  return v;
}
