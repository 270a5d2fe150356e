// Statistics of one sensor over a trailing window (t − W, t], at a rising sequence of
// observation times, from running sums and monotonic min/max queues: each reading enters and
// leaves the window once, so a device costs O(readings + observations) per sensor and window.

/** The statistics computed per sensor and window, in feature order. */
export const WINDOW_STATS = ['mean', 'std', 'min', 'max', 'slope', 'last', 'change'] as const;
export type WindowStat = (typeof WINDOW_STATS)[number];

/** Readings of one sensor on one device with the missing ones removed, in time order. */
export interface SensorSeries {
  /** Seconds since the device's first reading (any origin works; small numbers keep precision). */
  t: Float64Array;
  /** Value minus `offset`, so the sums stay small whatever the sensor's scale. */
  x: Float64Array;
  /** Number of valid readings in t and x (the arrays may be longer scratch buffers). */
  length: number;
  offset: number;
}

/** Reusable queues; each needs room for one device's readings. */
export interface Scratch {
  minQ: Int32Array;
  maxQ: Int32Array;
}

// Running sums are recomputed from the window after this many removals, which bounds the
// rounding error that adding and subtracting over a year of readings would accumulate.
const RECOMPUTE_EVERY = 256;

/**
 * Writes the WINDOW_STATS of `s` over (obs[o] − windowSec, obs[o]] into out[k][at + o] for each
 * observation o (obs ascending, same origin as s.t). mean/min/max/last need one reading, std,
 * slope (least squares, per hour) and change (last − first) need two; otherwise NaN.
 */
export function windowStats(
  s: SensorSeries,
  obs: Float64Array,
  numObs: number,
  windowSec: number,
  out: Float64Array[],
  at: number,
  scratch: Scratch,
): void {
  const { t, x, length: m, offset } = s;
  const { minQ, maxQ } = scratch;
  const [mean, std, min, max, slope, last, change] = out as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  let lo = 0;
  let hi = 0;
  let sx = 0;
  let sxx = 0;
  let st = 0;
  let stt = 0;
  let stx = 0;
  let minH = 0;
  let minT = 0;
  let maxH = 0;
  let maxT = 0;
  let removed = 0;
  for (let o = 0; o < numObs; o++) {
    const now = obs[o]!;
    for (; hi < m && t[hi]! <= now; hi++) {
      const v = x[hi]!;
      const h = t[hi]! / 3600;
      sx += v;
      sxx += v * v;
      st += h;
      stt += h * h;
      stx += h * v;
      while (minT > minH && x[minQ[minT - 1]!]! >= v) minT--;
      minQ[minT++] = hi;
      while (maxT > maxH && x[maxQ[maxT - 1]!]! <= v) maxT--;
      maxQ[maxT++] = hi;
    }
    const from = now - windowSec;
    for (; lo < hi && t[lo]! <= from; lo++) {
      const v = x[lo]!;
      const h = t[lo]! / 3600;
      sx -= v;
      sxx -= v * v;
      st -= h;
      stt -= h * h;
      stx -= h * v;
      removed++;
    }
    while (minH < minT && minQ[minH]! < lo) minH++;
    while (maxH < maxT && maxQ[maxH]! < lo) maxH++;
    const n = hi - lo;
    if (n === 0 || removed >= RECOMPUTE_EVERY) {
      sx = sxx = st = stt = stx = 0;
      for (let j = lo; j < hi; j++) {
        const v = x[j]!;
        const h = t[j]! / 3600;
        sx += v;
        sxx += v * v;
        st += h;
        stt += h * h;
        stx += h * v;
      }
      removed = 0;
    }
    const r = at + o;
    if (n === 0) {
      mean[r] = std[r] = min[r] = max[r] = slope[r] = last[r] = change[r] = NaN;
      continue;
    }
    mean[r] = sx / n + offset;
    min[r] = x[minQ[minH]!]! + offset;
    max[r] = x[maxQ[maxH]!]! + offset;
    last[r] = x[hi - 1]! + offset;
    if (n < 2) {
      std[r] = slope[r] = change[r] = NaN;
      continue;
    }
    std[r] = Math.sqrt(Math.max(0, (sxx - (sx * sx) / n) / (n - 1)));
    const ctt = stt - (st * st) / n;
    slope[r] = ctt > 1e-12 * stt ? (stx - (st * sx) / n) / ctt : NaN;
    change[r] = x[hi - 1]! - x[lo]!;
  }
}

/** Number of times in (obs[o] − windowSec, obs[o]] for each o, into out[at + o]. */
export function windowCounts(
  t: Float64Array,
  m: number,
  obs: Float64Array,
  numObs: number,
  windowSec: number,
  out: Float64Array,
  at: number,
): void {
  let lo = 0;
  let hi = 0;
  for (let o = 0; o < numObs; o++) {
    const now = obs[o]!;
    while (hi < m && t[hi]! <= now) hi++;
    while (lo < hi && t[lo]! <= now - windowSec) lo++;
    out[at + o] = hi - lo;
  }
}
