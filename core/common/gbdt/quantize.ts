// Quantised gradients (LightGBM's use_quantized_grad): per tree, every row's gradient and
// hessian become small integers by stochastic rounding, packed into one double.

/*
 * With B = num_grad_quant_bins, a gradient g becomes an integer in [−B/2, B/2] (scale
 * max|g| / (B/2)) and a hessian an integer in [0, B] (scale max h / B; exactly 1 when every
 * hessian is the same, so the hessian sums are then the row counts). Rounding is stochastic
 * (up with probability equal to the fraction), so the sums are unbiased. A row's pair is
 * stored as G·K + H with K a power of two above any sum of H: sums and differences of these
 * doubles are exact integers (below 2^53) from which G and H unpack exactly. Histograms then
 * hold one double per bin, built with one read-add-write per row and feature (histogram.ts).
 */

/** use_quantized_grad = -1 (auto) turns quantisation on from this many training rows. */
export const QUANT_AUTO_ROWS = 100_000;

/** Quantisation settings for one training run; null when off. */
export interface QuantConfig {
  /** Effective num_grad_quant_bins (even). */
  bins: number;
  /** The packing base K (a power of two). */
  scale: number;
  /** Renew leaf values from full-precision gradients after each tree. */
  renew: boolean;
}

/**
 * Whether and how to quantise for `rows` training rows. The bins are halved (down to 2) while
 * the sums could leave the exact range of doubles (only past ~20 million rows at 4 bins);
 * if even 2 bins do not fit, training runs in full precision.
 */
export function quantConfig(
  p: { use_quantized_grad: number; num_grad_quant_bins: number; quant_train_renew_leaf: number },
  rows: number,
): QuantConfig | null {
  const on = p.use_quantized_grad === 1 || (p.use_quantized_grad === -1 && rows >= QUANT_AUTO_ROWS);
  if (!on) return null;
  let bins = Math.max(2, p.num_grad_quant_bins & ~1);
  for (; bins >= 2; bins -= 2) {
    // Sum of H ≤ bins·rows < K; |sum of G| ≤ bins/2·rows; |G·K + H| < (|G| + 1)·K ≤ 2^53.
    const scale = 2 ** Math.ceil(Math.log2(bins * rows + 1));
    if (((bins / 2) * rows + 1) * scale <= 2 ** 53) {
      return { bins, scale, renew: p.quant_train_renew_leaf === 1 };
    }
  }
  return null;
}

/** The scales of one tree's quantised gradients: g ≈ G·grad, h ≈ H·hess. */
export interface QuantScales {
  grad: number;
  hess: number;
  /** Whether every hessian was equal (then H counts rows). */
  constHess: boolean;
}

/**
 * Packs the gradients of rows[0 … n) (rows 0 … n − 1 when `rows` is null) into packed[0 … n)
 * (packed[row] when `byRow`) as G·K + H, rounding stochastically with uniforms hashed from
 * `seed` and the row. Returns the scales and the sums of G and H in `sums` ([G, H]).
 */
export function quantizeGradients(
  rows: Uint32Array | null,
  n: number,
  grad: Float64Array,
  hess: Float64Array,
  cfg: QuantConfig,
  seed: number,
  packed: Float64Array,
  sums: Float64Array,
  byRow = false,
): QuantScales {
  const ext = new Float64Array(3);
  gradientExtremes(rows, 0, n, grad, hess, ext, 0);
  const sc = quantScales(ext[0]!, ext[1]!, ext[2]!, cfg.bins);
  quantizeRange(rows, 0, n, grad, hess, sc, cfg.scale, seed, packed, byRow, sums, 0);
  return sc;
}

/** max |grad|, max hess, min hess over rows[a … b) into out[at …]. */
export function gradientExtremes(
  rows: Uint32Array | null,
  a: number,
  b: number,
  grad: Float64Array,
  hess: Float64Array,
  out: Float64Array,
  at: number,
): void {
  let maxG = 0;
  let maxH = 0;
  let minH = Infinity;
  for (let i = a; i < b; i++) {
    const r = rows === null ? i : rows[i]!;
    const g = Math.abs(grad[r]!);
    const h = hess[r]!;
    if (g > maxG) maxG = g;
    if (h > maxH) maxH = h;
    if (h < minH) minH = h;
  }
  out[at] = maxG;
  out[at + 1] = maxH;
  out[at + 2] = minH;
}

/** The scales for gradients with these extremes and B bins. */
export function quantScales(maxG: number, maxH: number, minH: number, B: number): QuantScales {
  const constHess = minH === maxH;
  return {
    grad: maxG > 0 ? maxG / (B / 2) : 1,
    hess: constHess ? maxH : maxH / B,
    constHess,
  };
}

/**
 * Quantises rows[a … b) (see quantizeGradients); adds nothing up across calls, the sums of
 * this range go to sums[at], sums[at + 1]. Every row's value depends only on the seed, the
 * row and the scales, so ranges can be done by different threads.
 */
export function quantizeRange(
  rows: Uint32Array | null,
  a: number,
  b: number,
  grad: Float64Array,
  hess: Float64Array,
  sc: QuantScales,
  K: number,
  seed: number,
  packed: Float64Array,
  byRow: boolean,
  sums: Float64Array,
  at: number,
): void {
  const invG = 1 / sc.grad;
  const invH = sc.hess > 0 ? 1 / sc.hess : 0;
  const constHess = sc.constHess;
  // One 32-bit hash of (seed, row) per row gives both uniforms (16 bits each): counter-based,
  // so a row's rounding does not depend on the order rows are visited in.
  let G = 0;
  let H = 0;
  const s0 = seed | 0;
  for (let i = a; i < b; i++) {
    const r = rows === null ? i : rows[i]!;
    let z = (s0 + Math.imul(r, 0x9e3779b9)) | 0;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    const x = grad[r]! * invG;
    const u = (z & 0xffff) * (1 / 65536);
    // floor(x + u) rounds up with probability frac(x), for negative x too: unbiased, and
    // branch-free (a sign test mispredicted half the time: 17 → 7 ns per row).
    const qg = Math.floor(x + u);
    const qh = constHess ? 1 : Math.max(0, Math.floor(hess[r]! * invH + (z >>> 16) * (1 / 65536)));
    packed[byRow ? r : i] = qg * K + qh;
    G += qg;
    H += qh;
  }
  sums[at] = G;
  sums[at + 1] = H;
}

/**
 * Unpacks the packed histogram of one feature (slots from `slot0`, `nb` bins) into the
 * [grad, hess, count] triples split.ts scores, at the same slots of `out`. Counts are derived
 * from the hessians (LightGBM's way: H · rows / total H of the leaf); a bin whose rows all
 * rounded to H = 0 but not G = 0 gets a tiny count so that it still counts as occupied.
 */
export function unpackHistogram(
  packed: Float64Array,
  slot0: number,
  nb: number,
  K: number,
  sc: QuantScales,
  countPerHess: number,
  out: Float64Array,
): void {
  const invK = 1 / K;
  const gs = sc.grad;
  const hs = sc.hess;
  for (let b = 0, s = slot0, k = slot0 * 3; b < nb; b++, s++, k += 3) {
    const v = packed[s]!;
    const G = Math.floor(v * invK);
    const H = v - G * K;
    out[k] = G * gs;
    out[k + 1] = H * hs;
    out[k + 2] = H > 0 ? H * countPerHess : G !== 0 ? Number.MIN_VALUE : 0;
  }
}

/** The sums [G, H] over one feature's packed bins: the leaf's totals, exactly. */
export function packedTotals(
  packed: Float64Array,
  slot0: number,
  nb: number,
  K: number,
  sums: Float64Array,
): void {
  let t = 0;
  for (let s = slot0; s < slot0 + nb; s++) t += packed[s]!;
  const G = Math.floor(t / K);
  sums[0] = G;
  sums[1] = t - G * K;
}
