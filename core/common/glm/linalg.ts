// Dense symmetric positive-definite algebra for the k × k normal equations (k = terms + 1).

/**
 * Cholesky factor L (row-major, lower triangle) of the symmetric k × k matrix `a`, or null when
 * `a` is not numerically positive definite (collinear columns).
 */
export function cholesky(a: Float64Array, k: number): Float64Array | null {
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * k + j]!;
      for (let m = 0; m < j; m++) s -= l[i * k + m]! * l[j * k + m]!;
      if (i === j) {
        // Relative pivot test: a pivot lost to rounding means a rank-deficient design.
        if (!(s > 1e-13 * Math.abs(a[i * k + i]!)) || !(s > 0)) return null;
        l[i * k + i] = Math.sqrt(s);
      } else {
        l[i * k + j] = s / l[j * k + j]!;
      }
    }
  }
  return l;
}

/** Solves L·Lᵀ·x = b in place of a copy of b. */
export function choleskySolve(l: Float64Array, k: number, b: ArrayLike<number>): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < k; i++) {
    let s = x[i]!;
    for (let m = 0; m < i; m++) s -= l[i * k + m]! * x[m]!;
    x[i] = s / l[i * k + i]!;
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let m = i + 1; m < k; m++) s -= l[m * k + i]! * x[m]!;
    x[i] = s / l[i * k + i]!;
  }
  return x;
}

/** The inverse (row-major k × k) of the matrix whose Cholesky factor is `l`. */
export function choleskyInverse(l: Float64Array, k: number): Float64Array {
  const inv = new Float64Array(k * k);
  const e = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(l, k, e);
    for (let i = 0; i < k; i++) inv[i * k + j] = col[i]!;
  }
  return inv;
}

/**
 * X̃ᵀ·diag(ω)·X̃ (row-major k × k, k = columns + 1) for X̃ = [1, x]: the intercept first. The
 * weighted column is formed once per row of the result so the inner loops are plain dot products.
 */
export function weightedGram(x: Float64Array[], omega: Float64Array): Float64Array {
  const n = omega.length;
  const k = x.length + 1;
  const g = new Float64Array(k * k);
  const wcol = new Float64Array(n);
  let s0 = 0;
  for (let i = 0; i < n; i++) s0 += omega[i]!;
  g[0] = s0;
  for (let r = 1; r < k; r++) {
    const cr = x[r - 1]!;
    let s = 0;
    for (let i = 0; i < n; i++) {
      wcol[i] = omega[i]! * cr[i]!;
      s += wcol[i]!;
    }
    g[r * k] = g[r] = s;
    for (let c = 1; c <= r; c++) {
      const cc = x[c - 1]!;
      let d = 0;
      for (let i = 0; i < n; i++) d += wcol[i]! * cc[i]!;
      g[r * k + c] = g[c * k + r] = d;
    }
  }
  return g;
}
