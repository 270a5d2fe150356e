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
 * Copies the gradients and hessians of rows[start … end) into one interleaved array aligned
 * with `rows`: ordered[2i], ordered[2i + 1] = grad, hess of rows[i] (of row i when `rows` is
 * null), so the per-feature loops read them sequentially.
 */
export function gatherGradients(
  rows: Uint32Array | null,
  start: number,
  end: number,
  grad: Float64Array,
  hess: Float64Array,
  ordered: Float64Array,
): void {
  if (rows === null) {
    for (let i = start, j = 2 * start; i < end; i++, j += 2) {
      ordered[j] = grad[i]!;
      ordered[j + 1] = hess[i]!;
    }
    return;
  }
  for (let i = start, j = 2 * start; i < end; i++, j += 2) {
    const r = rows[i]!;
    ordered[j] = grad[r]!;
    ordered[j + 1] = hess[r]!;
  }
}

/**
 * Builds the histogram of rows[start … end) (rows start … end themselves when `rows` is null)
 * for the given features into `out` (only those features' slots are written). `ordered`
 * holds the gradients aligned with `rows`, as gatherGradients lays them out.
 *
 * Features are taken eight (then four, two, one) at a time: one pass over the rows then reads each row
 * index and gradient once for several columns (four measured 1.7× faster than one feature
 * per pass, eight another 1.2× faster than four).
 * Every feature's bins are summed in row order, whichever other features share its pass, so
 * a feature's histogram does not depend on how features are grouped (or split over threads).
 */
export function buildHistogram(
  bins: readonly Uint8Array[],
  features: Int32Array,
  binOffset: Int32Array,
  numBins: Int32Array,
  rows: Uint32Array | null,
  start: number,
  end: number,
  ordered: Float64Array,
  out: Float64Array,
): void {
  const nf = features.length;
  for (let fi = 0; fi < nf; fi++) {
    const f = features[fi]!;
    const base = binOffset[f]! * SLOT;
    out.fill(0, base, base + numBins[f]! * SLOT);
  }
  let fi = 0;
  for (; fi + 8 <= nf; fi += 8) {
    const f0 = features[fi]!;
    const f1 = features[fi + 1]!;
    const f2 = features[fi + 2]!;
    const f3 = features[fi + 3]!;
    const f4 = features[fi + 4]!;
    const f5 = features[fi + 5]!;
    const f6 = features[fi + 6]!;
    const f7 = features[fi + 7]!;
    const c0 = bins[f0]!;
    const c1 = bins[f1]!;
    const c2 = bins[f2]!;
    const c3 = bins[f3]!;
    const c4 = bins[f4]!;
    const c5 = bins[f5]!;
    const c6 = bins[f6]!;
    const c7 = bins[f7]!;
    const b0 = binOffset[f0]! * SLOT;
    const b1 = binOffset[f1]! * SLOT;
    const b2 = binOffset[f2]! * SLOT;
    const b3 = binOffset[f3]! * SLOT;
    const b4 = binOffset[f4]! * SLOT;
    const b5 = binOffset[f5]! * SLOT;
    const b6 = binOffset[f6]! * SLOT;
    const b7 = binOffset[f7]! * SLOT;
    if (rows === null) {
      accumulate8Seq(
        c0,
        c1,
        c2,
        c3,
        c4,
        c5,
        c6,
        c7,
        b0,
        b1,
        b2,
        b3,
        b4,
        b5,
        b6,
        b7,
        start,
        end,
        ordered,
        out,
      );
    } else {
      accumulate8(
        c0,
        c1,
        c2,
        c3,
        c4,
        c5,
        c6,
        c7,
        b0,
        b1,
        b2,
        b3,
        b4,
        b5,
        b6,
        b7,
        rows,
        start,
        end,
        ordered,
        out,
      );
    }
  }
  for (; fi + 4 <= nf; fi += 4) {
    const f0 = features[fi]!;
    const f1 = features[fi + 1]!;
    const f2 = features[fi + 2]!;
    const f3 = features[fi + 3]!;
    const c0 = bins[f0]!;
    const c1 = bins[f1]!;
    const c2 = bins[f2]!;
    const c3 = bins[f3]!;
    const b0 = binOffset[f0]! * SLOT;
    const b1 = binOffset[f1]! * SLOT;
    const b2 = binOffset[f2]! * SLOT;
    const b3 = binOffset[f3]! * SLOT;
    if (rows === null) accumulate4Seq(c0, c1, c2, c3, b0, b1, b2, b3, start, end, ordered, out);
    else accumulate4(c0, c1, c2, c3, b0, b1, b2, b3, rows, start, end, ordered, out);
  }
  for (; fi + 2 <= nf; fi += 2) {
    const f0 = features[fi]!;
    const f1 = features[fi + 1]!;
    const c0 = bins[f0]!;
    const c1 = bins[f1]!;
    const b0 = binOffset[f0]! * SLOT;
    const b1 = binOffset[f1]! * SLOT;
    if (rows === null) accumulate2Seq(c0, c1, b0, b1, start, end, ordered, out);
    else accumulate2(c0, c1, b0, b1, rows, start, end, ordered, out);
  }
  for (; fi < nf; fi++) {
    const f = features[fi]!;
    if (rows === null) accumulate1Seq(bins[f]!, binOffset[f]! * SLOT, start, end, ordered, out);
    else accumulate1(bins[f]!, binOffset[f]! * SLOT, rows, start, end, ordered, out);
  }
}

function accumulate1(
  col: Uint8Array,
  base: number,
  rows: Uint32Array,
  start: number,
  end: number,
  og: Float64Array,
  out: Float64Array,
): void {
  for (let i = start, j = 2 * start; i < end; i++, j += 2) {
    const k = base + col[rows[i]!]! * SLOT;
    out[k] = out[k]! + og[j]!;
    out[k + 1] = out[k + 1]! + og[j + 1]!;
    out[k + 2] = out[k + 2]! + 1;
  }
}

function accumulate1Seq(
  col: Uint8Array,
  base: number,
  start: number,
  end: number,
  og: Float64Array,
  out: Float64Array,
): void {
  for (let i = start, j = 2 * start; i < end; i++, j += 2) {
    const k = base + col[i]! * SLOT;
    out[k] = out[k]! + og[j]!;
    out[k + 1] = out[k + 1]! + og[j + 1]!;
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
  out: Float64Array,
): void {
  for (let i = start, j = 2 * start; i < end; i++, j += 2) {
    const r = rows[i]!;
    const g = og[j]!;
    const h = og[j + 1]!;
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

function accumulate4Seq(
  c0: Uint8Array,
  c1: Uint8Array,
  c2: Uint8Array,
  c3: Uint8Array,
  b0: number,
  b1: number,
  b2: number,
  b3: number,
  start: number,
  end: number,
  og: Float64Array,
  out: Float64Array,
): void {
  for (let i = start, j = 2 * start; i < end; i++, j += 2) {
    const g = og[j]!;
    const h = og[j + 1]!;
    let k = b0 + c0[i]! * SLOT;
    out[k] = out[k]! + g;
    out[k + 1] = out[k + 1]! + h;
    out[k + 2] = out[k + 2]! + 1;
    k = b1 + c1[i]! * SLOT;
    out[k] = out[k]! + g;
    out[k + 1] = out[k + 1]! + h;
    out[k + 2] = out[k + 2]! + 1;
    k = b2 + c2[i]! * SLOT;
    out[k] = out[k]! + g;
    out[k + 1] = out[k + 1]! + h;
    out[k + 2] = out[k + 2]! + 1;
    k = b3 + c3[i]! * SLOT;
    out[k] = out[k]! + g;
    out[k + 1] = out[k + 1]! + h;
    out[k + 2] = out[k + 2]! + 1;
  }
}

function accumulate8(
  c0: Uint8Array,
  c1: Uint8Array,
  c2: Uint8Array,
  c3: Uint8Array,
  c4: Uint8Array,
  c5: Uint8Array,
  c6: Uint8Array,
  c7: Uint8Array,
  b0: number,
  b1: number,
  b2: number,
  b3: number,
  b4: number,
  b5: number,
  b6: number,
  b7: number,
  rows: Uint32Array,
  start: number,
  end: number,
  og: Float64Array,
  out: Float64Array,
): void {
  for (let i = start, j = 2 * start; i < end; i++, j += 2) {
    const r = rows[i]!;
    const g = og[j]!;
    const h = og[j + 1]!;
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
    k = b4 + c4[r]! * SLOT;
    out[k] = out[k]! + g;
    out[k + 1] = out[k + 1]! + h;
    out[k + 2] = out[k + 2]! + 1;
    k = b5 + c5[r]! * SLOT;
    out[k] = out[k]! + g;
    out[k + 1] = out[k + 1]! + h;
    out[k + 2] = out[k + 2]! + 1;
    k = b6 + c6[r]! * SLOT;
    out[k] = out[k]! + g;
    out[k + 1] = out[k + 1]! + h;
    out[k + 2] = out[k + 2]! + 1;
    k = b7 + c7[r]! * SLOT;
    out[k] = out[k]! + g;
    out[k + 1] = out[k + 1]! + h;
    out[k + 2] = out[k + 2]! + 1;
  }
}

function accumulate8Seq(
  c0: Uint8Array,
  c1: Uint8Array,
  c2: Uint8Array,
  c3: Uint8Array,
  c4: Uint8Array,
  c5: Uint8Array,
  c6: Uint8Array,
  c7: Uint8Array,
  b0: number,
  b1: number,
  b2: number,
  b3: number,
  b4: number,
  b5: number,
  b6: number,
  b7: number,
  start: number,
  end: number,
  og: Float64Array,
  out: Float64Array,
): void {
  for (let i = start, j = 2 * start; i < end; i++, j += 2) {
    const g = og[j]!;
    const h = og[j + 1]!;
    let k = b0 + c0[i]! * SLOT;
    out[k] = out[k]! + g;
    out[k + 1] = out[k + 1]! + h;
    out[k + 2] = out[k + 2]! + 1;
    k = b1 + c1[i]! * SLOT;
    out[k] = out[k]! + g;
    out[k + 1] = out[k + 1]! + h;
    out[k + 2] = out[k + 2]! + 1;
    k = b2 + c2[i]! * SLOT;
    out[k] = out[k]! + g;
    out[k + 1] = out[k + 1]! + h;
    out[k + 2] = out[k + 2]! + 1;
    k = b3 + c3[i]! * SLOT;
    out[k] = out[k]! + g;
    out[k + 1] = out[k + 1]! + h;
    out[k + 2] = out[k + 2]! + 1;
    k = b4 + c4[i]! * SLOT;
    out[k] = out[k]! + g;
    out[k + 1] = out[k + 1]! + h;
    out[k + 2] = out[k + 2]! + 1;
    k = b5 + c5[i]! * SLOT;
    out[k] = out[k]! + g;
    out[k + 1] = out[k + 1]! + h;
    out[k + 2] = out[k + 2]! + 1;
    k = b6 + c6[i]! * SLOT;
    out[k] = out[k]! + g;
    out[k + 1] = out[k + 1]! + h;
    out[k + 2] = out[k + 2]! + 1;
    k = b7 + c7[i]! * SLOT;
    out[k] = out[k]! + g;
    out[k + 1] = out[k + 1]! + h;
    out[k + 2] = out[k + 2]! + 1;
  }
}

function accumulate2(
  c0: Uint8Array,
  c1: Uint8Array,
  b0: number,
  b1: number,
  rows: Uint32Array,
  start: number,
  end: number,
  og: Float64Array,
  out: Float64Array,
): void {
  for (let i = start, j = 2 * start; i < end; i++, j += 2) {
    const r = rows[i]!;
    const g = og[j]!;
    const h = og[j + 1]!;
    let k = b0 + c0[r]! * SLOT;
    out[k] = out[k]! + g;
    out[k + 1] = out[k + 1]! + h;
    out[k + 2] = out[k + 2]! + 1;
    k = b1 + c1[r]! * SLOT;
    out[k] = out[k]! + g;
    out[k + 1] = out[k + 1]! + h;
    out[k + 2] = out[k + 2]! + 1;
  }
}

function accumulate2Seq(
  c0: Uint8Array,
  c1: Uint8Array,
  b0: number,
  b1: number,
  start: number,
  end: number,
  og: Float64Array,
  out: Float64Array,
): void {
  for (let i = start, j = 2 * start; i < end; i++, j += 2) {
    const g = og[j]!;
    const h = og[j + 1]!;
    let k = b0 + c0[i]! * SLOT;
    out[k] = out[k]! + g;
    out[k + 1] = out[k + 1]! + h;
    out[k + 2] = out[k + 2]! + 1;
    k = b1 + c1[i]! * SLOT;
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
