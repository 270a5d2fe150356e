// Special functions the CLV models need: log-gamma and the Gauss hypergeometric series 2F1.
// Written here (not taken from a library) because core/common is dependency-free and the two
// functions are short; both are tested against closed forms in special.test.ts.

// Lanczos coefficients for g = 7, n = 9 (Numerical Recipes 3rd ed. / Boost's "lanczos13m53"
// lineage): relative error below 2e-15 for x > 0.5.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.9189385332046727;

/** log Γ(x) for x > 0 (reflection for x < 0.5 keeps the Lanczos sum accurate near 0). */
export function logGamma(x: number): number {
  if (!(x > 0)) return x === 0 ? Infinity : NaN;
  if (x < 0.5) {
    // Γ(x)Γ(1−x) = π / sin(πx), with sin(πx) > 0 on (0, 0.5).
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const z = x - 1;
  let s = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) s += LANCZOS[i]! / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/** Thrown when the 2F1 series has not converged; callers see it rather than a wrong number. */
export class SeriesDivergenceError extends Error {}

/**
 * Gauss's hypergeometric function 2F1(a, b; c; z) by its power series, for 0 <= z < 1 and
 * c > 0. Terms are summed until they stop changing the sum (relative 1e-16) once the term
 * ratio has settled below 1; the series converges for |z| < 1 whatever a and b are, but slowly
 * as z → 1, hence the iteration cap. For z near 1 with large a + b − c, prefer Euler's
 * transform 2F1(a,b;c;z) = (1−z)^(c−a−b) 2F1(c−a, c−b; c; z), as bgnbd.ts does.
 */
export function hyp2f1(a: number, b: number, c: number, z: number, maxTerms = 1_000_000): number {
  if (!(z >= 0 && z < 1)) throw new RangeError(`hyp2f1 needs 0 <= z < 1, got ${z}`);
  if (!(c > 0)) throw new RangeError(`hyp2f1 needs c > 0, got ${c}`);
  let term = 1;
  let sum = 1;
  for (let n = 0; n < maxTerms; n++) {
    const ratio = (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    term *= ratio;
    if (term === 0) return sum;
    sum += term;
    // The ratio tends to z, monotonically once n is past the parameters, so once it is below 1
    // the later ratios are at most max(|ratio|, z) and the tail at most |term|·ρ/(1 − ρ).
    const r = Math.max(Math.abs(ratio), z);
    if (r < 1 && (Math.abs(term) * r) / (1 - r) <= 1e-16 * Math.abs(sum)) return sum;
  }
  throw new SeriesDivergenceError(
    `hyp2f1(${a}, ${b}; ${c}; ${z}) did not converge in ${maxTerms} terms`,
  );
}
