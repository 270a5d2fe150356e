// Loaded columns → the exported graph's inputs: numbers as float32 or float64 (NaN = missing), categories as
// their level strings ('' = missing). Mismatched kinds are read the way models/common/columns.ts's
// encodeColumns reads them (codes as text, quoted numbers parsed).
import type { OnnxInputColumn } from './artifact.js';
import type { NumericInputType } from './inputs.js';

export type FeedColumn =
  | { name: string; kind: 'numeric'; values: Float64Array }
  | { name: string; kind: 'categorical'; codes: Int32Array; levels: string[] };

export type Feed =
  | { type: 'float32'; data: Float32Array }
  | { type: 'float64'; data: Float64Array }
  | { type: 'string'; data: string[] };

export function onnxFeeds(
  columns: readonly FeedColumn[],
  specs: readonly OnnxInputColumn[],
  rows: number,
  numericInputs: NumericInputType = 'float',
): Record<string, Feed> {
  const byName = new Map(columns.map((c) => [c.name.toLowerCase(), c]));
  const out: Record<string, Feed> = {};
  for (const s of specs) {
    const c = byName.get(s.name.toLowerCase());
    if (!c) throw new Error(`no column ${JSON.stringify(s.name)} to feed the ONNX model`);
    if (s.kind === 'numeric') {
      const data = numericInputs === 'float' ? new Float32Array(rows) : new Float64Array(rows);
      if (c.kind === 'numeric') data.set(c.values.subarray(0, rows));
      else {
        const parsed = c.levels.map((l) => (l.trim() === '' ? NaN : Number(l)));
        for (let i = 0; i < rows; i++) data[i] = c.codes[i]! < 0 ? NaN : parsed[c.codes[i]!]!;
      }
      out[s.name] =
        data instanceof Float32Array ? { type: 'float32', data } : { type: 'float64', data };
    } else {
      const data: string[] = new Array<string>(rows);
      for (let i = 0; i < rows; i++) {
        if (c.kind === 'categorical') data[i] = c.codes[i]! < 0 ? '' : c.levels[c.codes[i]!]!;
        else data[i] = Number.isNaN(c.values[i]!) ? '' : String(c.values[i]!);
      }
      out[s.name] = { type: 'string', data };
    }
  }
  return out;
}
