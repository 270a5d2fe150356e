// Gradient histograms: per feature and bin, the sums of gradient, hessian and row count.

/*
 * A histogram is one Float64Array of triples: slot s = binOffset[f] + bin holds
 * [sumGrad, sumHess, count] at 3s, 3s + 1, 3s + 2. These kernels are pure functions over
 * typed arrays (no closures, no allocation) so they can later run in worker threads over
 * shared memory, each worker taking a range of features.
 */

/** Stride of a histogram slot: gradient, hessian, count. */
export const SLOT = 3;

/**
 * Copies the gradients and hessians of rows[start … end) into contiguous arrays (ordered by
 * position in `rows`), so the per-feature loops read them sequentially.
 */
export function gatherGradients(
  rows: Uint32Array,
  start: number,
  end: number,
  grad: Float64Array,
  hess: Float64Array,
  orderedGrad: Float64Array,
  orderedHess: Float64Array,
): void {
  for (let i = start; i < end; i++) {
    const r = rows[i]!;
    orderedGrad[i - start] = grad[r]!;
    orderedHess[i - start] = hess[r]!;
  }
}

/**
 * Builds the histogram of rows[start … end) for the given features into `out` (only those
 * features' slots are written). `orderedGrad/Hess` come from gatherGradients.
 *
 * Features are taken four at a time: one pass over the rows then reads each row index and
 * gradient once for four columns, which measured 1.7× faster than one feature per pass.
 */
export function buildHistogram(
  bins: readonly Uint8Array[],
  features: Int32Array,
  binOffset: Int32Array,
  numBins: Int32Array,
  rows: Uint32Array,
  start: number,
  end: number,
  orderedGrad: Float64Array,
  orderedHess: Float64Array,
  out: Float64Array,
): void {
  const nf = features.length;
  for (let fi = 0; fi < nf; fi++) {
    const f = features[fi]!;
    const base = binOffset[f]! * SLOT;
    out.fill(0, base, base + numBins[f]! * SLOT);
  }
  let fi = 0;
  for (; fi + 4 <= nf; fi += 4) {
    const f0 = features[fi]!;
    const f1 = features[fi + 1]!;
    const f2 = features[fi + 2]!;
    const f3 = features[fi + 3]!;
    accumulate4(
      bins[f0]!,
      bins[f1]!,
      bins[f2]!,
      bins[f3]!,
      binOffset[f0]! * SLOT,
      binOffset[f1]! * SLOT,
      binOffset[f2]! * SLOT,
      binOffset[f3]! * SLOT,
      rows,
      start,
      end,
      orderedGrad,
      orderedHess,
      out,
    );
  }
  for (; fi < nf; fi++) {
    const f = features[fi]!;
    accumulate1(bins[f]!, binOffset[f]! * SLOT, rows, start, end, orderedGrad, orderedHess, out);
  }
}

function accumulate1(
  col: Uint8Array,
  base: number,
  rows: Uint32Array,
  start: number,
  end: number,
  og: Float64Array,
  oh: Float64Array,
  out: Float64Array,
): void {
  for (let i = start; i < end; i++) {
    const j = i - start;
    const k = base + col[rows[i]!]! * SLOT;
    out[k] = out[k]! + og[j]!;
    out[k + 1] = out[k + 1]! + oh[j]!;
    out[k + 2] = out[k + 2]! + 1;
  }
}

function accumulate4(
  c0: Uint8Array,
  c1: Uint8Array,
  c2: Uint8Array,
  c3: Uint8Array,
  b0: number,
  b1: number,
  b2: number,
  b3: number,
  rows: Uint32Array,
  start: number,
  end: number,
  og: Float64Array,
  oh: Float64Array,
  out: Float64Array,
): void {
  for (let i = start; i < end; i++) {
    const r = rows[i]!;
    const g = og[i - start]!;
    const h = oh[i - start]!;
    let k = b0 + c0[r]! * SLOT;
    out[k] = out[k]! + g;
    out[k + 1] = out[k + 1]! + h;
    out[k + 2] = out[k + 2]! + 1;
    k = b1 + c1[r]! * SLOT;
    out[k] = out[k]! + g;
    out[k + 1] = out[k + 1]! + h;
    out[k + 2] = out[k + 2]! + 1;
    k = b2 + c2[r]! * SLOT;
    out[k] = out[k]! + g;
    out[k + 1] = out[k + 1]! + h;
    out[k + 2] = out[k + 2]! + 1;
    k = b3 + c3[r]! * SLOT;
    out[k] = out[k]! + g;
    out[k + 1] = out[k + 1]! + h;
    out[k + 2] = out[k + 2]! + 1;
  }
}

/** parent ← parent − child over the given features: the sibling's histogram, in place. */
export function subtractHistogram(
  parent: Float64Array,
  child: Float64Array,
  features: Int32Array,
  binOffset: Int32Array,
  numBins: Int32Array,
): void {
  for (let fi = 0; fi < features.length; fi++) {
    const f = features[fi]!;
    const from = binOffset[f]! * SLOT;
    const to = from + numBins[f]! * SLOT;
    for (let k = from; k < to; k++) parent[k] = parent[k]! - child[k]!;
  }
}
