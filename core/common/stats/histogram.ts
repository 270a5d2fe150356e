// Equal-width histograms with "nice" edges: exact from value counts, or from a sketch's ranks.

/**
 * Bin i covers [edges[i], edges[i + 1]); the last bin also holds edges[last]. `labels`, when
 * present, names each bin (one per count): the value of a one-value-per-bin histogram, or
 * the formatted start of a date bin.
 */
export interface Histogram {
  edges: number[];
  counts: number[];
  labels?: string[];
}

/** At most this many bins; nice steps make it 15–30 (about 20–25 typically). */
export const MAX_BINS = 30;
/** Discrete columns with at most this many distinct values get one bin per value. */
export const MAX_DISCRETE_BINS = 30;

/** What the values are, which decides which steps count as nice. */
export type Scale = 'real' | 'integer' | 'seconds';

const DECIMAL_MANTISSAS = [1, 2, 2.5, 5];
const INTEGER_MANTISSAS = [1, 2, 5];
// Clock-friendly steps for epoch seconds below a day, so datetime bins start on the hour etc.
const CLOCK_STEPS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800,
];
const DAY = 86400;

/** A step m·10^e, written so that multiples of it print as short decimals. */
interface Step {
  mantissa: number;
  /** Power of ten. */
  exp: number;
  size: number;
}

function pow10(e: number): number {
  return Number(`1e${e}`); // correctly rounded, unlike repeated multiplication
}

function stepsAround(raw: number, mantissas: readonly number[], minExp: number): Step[] {
  const e0 = Math.floor(Math.log10(raw));
  const out: Step[] = [];
  for (let e = Math.max(e0 - 1, minExp); e <= e0 + 2; e++) {
    for (const m of mantissas) out.push({ mantissa: m, exp: e, size: m * pow10(e) });
  }
  return out;
}

function candidateSteps(raw: number, scale: Scale): Step[] {
  if (scale === 'real') return stepsAround(raw, DECIMAL_MANTISSAS, -400);
  if (scale === 'integer') return stepsAround(Math.max(raw, 1), INTEGER_MANTISSAS, 0);
  if (raw < 1) return stepsAround(raw, DECIMAL_MANTISSAS, -400);
  if (raw <= DAY / 2) return CLOCK_STEPS.map((s) => ({ mantissa: s, exp: 0, size: s }));
  // Whole days: multiples of DAY written as (days) · DAY.
  return stepsAround(raw / DAY, INTEGER_MANTISSAS, 0).map((s) => ({
    mantissa: s.mantissa * DAY,
    exp: s.exp,
    size: s.size * DAY,
  }));
}

/** The edge k·step, computed so that e.g. 3 × 0.1 prints as 0.3. */
function edgeAt(k: number, s: Step): number {
  return s.exp >= 0 ? k * s.mantissa * pow10(s.exp) : (k * s.mantissa) / pow10(-s.exp);
}

/**
 * Equal-width edges covering [min, max] at multiples of the smallest nice step that needs at
 * most `maxBins` bins. A single value gets one bin [min, min].
 */
export function niceEdges(
  min: number,
  max: number,
  scale: Scale = 'real',
  maxBins = MAX_BINS,
): number[] {
  if (!(max > min)) return [min, max];
  const raw = (max - min) / maxBins;
  if (!Number.isFinite(raw) || raw === 0) return plainEdges(min, max, maxBins);
  for (const step of candidateSteps(raw, scale).sort((a, b) => a.size - b.size)) {
    const first = Math.floor(min / step.size);
    let last = Math.ceil(max / step.size);
    // A step far below the values' magnitude (a range of a few ulps, e.g. 0.3 and 0.1 + 0.2)
    // gives multipliers past 2^53, where k++ stops counting: skip it.
    if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last)) continue;
    if (last === first) last++;
    if (last - first > maxBins) continue;
    const edges: number[] = [];
    for (let k = first; k <= last; k++) edges.push(edgeAt(k, step));
    // Guard against rounding at the ends: the edges must cover [min, max].
    if (edges[0]! > min) edges[0] = min;
    if (edges[edges.length - 1]! < max) edges[edges.length - 1] = max;
    if (increasing(edges)) return edges;
  }
  return plainEdges(min, max, maxBins);
}

function increasing(edges: readonly number[]): boolean {
  for (let i = 1; i < edges.length; i++) if (!(edges[i]! > edges[i - 1]!)) return false;
  return true;
}

/**
 * Fallback for ranges nice steps cannot express (overflow, subnormals, a few ulps): equal
 * steps, with edges that rounding made equal dropped, so every bin is non-empty as a range.
 */
function plainEdges(min: number, max: number, bins: number): number[] {
  const edges = [min];
  for (let i = 1; i <= bins; i++) {
    // A weighted mean of the ends: no intermediate overflows, even for ±1.8e308.
    const e = i === bins ? max : min * ((bins - i) / bins) + max * (i / bins);
    if (e > edges[edges.length - 1]! && (e < max || i === bins)) edges.push(e);
  }
  return edges;
}

/** Index of the bin holding x (clamped to the outer bins). */
export function binOf(edges: readonly number[], x: number): number {
  let lo = 0;
  let hi = edges.length - 1; // first index with edges[i] > x, searched in [0, last]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(Math.max(lo - 1, 0), edges.length - 2);
}

/** Exact bin counts from distinct values and their counts. */
export function countsFromValues(
  edges: readonly number[],
  values: readonly number[],
  counts: readonly number[],
): number[] {
  const out = new Array<number>(Math.max(edges.length - 1, 1)).fill(0);
  for (let i = 0; i < values.length; i++) out[binOf(edges, values[i]!)]! += counts[i]!;
  return out;
}

/**
 * Bin counts from a rank function (values < x), e.g. a quantile sketch's: cumulative counts
 * at each inner edge are rounded, so the bins are whole numbers that sum exactly to `n`.
 */
export function countsFromRanks(
  edges: readonly number[],
  rankBelow: (x: number) => number,
  n: number,
): number[] {
  const bins = Math.max(edges.length - 1, 1);
  const out: number[] = [];
  let prev = 0;
  for (let i = 1; i <= bins; i++) {
    const cum = i === bins ? n : Math.min(n, Math.max(prev, Math.round(rankBelow(edges[i]!))));
    out.push(cum - prev);
    prev = cum;
  }
  return out;
}

/** One bin per distinct value, in value order: bin i covers [v_i, v_{i+1}), the last [v, v + 1). */
export function discreteHistogram(
  values: readonly number[],
  counts: readonly number[],
  label: (v: number) => string,
): Histogram {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const sorted = order.map((i) => values[i]!);
  const top = sorted[sorted.length - 1]!;
  // The last bin is [v, v + 1), or [v, next double) where v + 1 rounds back to v (past 2^53).
  let width = 1;
  while (top + width === top) width *= 2;
  const end = top + width;
  return {
    edges: [...sorted, Number.isFinite(end) ? end : top],
    counts: order.map((i) => counts[i]!),
    labels: sorted.map(label),
  };
}
