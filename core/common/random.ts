// The project's one seeded random-number generator: xoshiro128** (Blackman & Vigna) seeded
// through splitmix32. Everything that draws random numbers (bagging, cross-validation folds,
// sample data) goes through `Rng`, so a seed reproduces a result exactly, on any platform:
// the generator uses only 32-bit integer arithmetic, and the samplers below use nothing but
// +, *, /, Math.floor, Math.sqrt, Math.log, Math.exp, Math.cos and Math.sin
// (V8 computes the last four with its fdlibm port, the same on every platform).

const TWO_POW_32 = 4294967296;

/** The splitmix32 output mix of a 32-bit word (the caller adds the golden-ratio increment). */
function splitmix32(state: number): number {
  let t = state ^ (state >>> 16);
  t = Math.imul(t, 0x21f0aaad);
  t ^= t >>> 15;
  t = Math.imul(t, 0x735a2d97);
  return (t ^ (t >>> 15)) >>> 0;
}

/** Mixes a label into a 32-bit key (FNV-1a over UTF-16 code units, then a finaliser). */
function hashLabel(key: number, label: string): number {
  let h = (key ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  }
  return splitmix32(h >>> 0);
}

/** Smallest shape for which gamma() uses Marsaglia–Tsang directly (below it, a boost). */
const GAMMA_BOOST_BELOW = 1;
/** Poisson means below this use multiplication of uniforms; above, transformed rejection. */
const POISSON_PTRS_FROM = 10;

/**
 * A seeded pseudo-random generator. Same seed, same sequence of calls → same numbers.
 * Not for cryptography.
 */
export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  /** The two 32-bit words the state was derived from; fork() derives child keys from them. */
  private k0 = 0;
  private k1 = 0;
  /** Box–Muller makes normals in pairs; the second one waits here. */
  private spare: number | undefined;

  /** @param seed any safe integer (negative allowed); each seed gives an unrelated stream. */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) {
      throw new RangeError(`Rng seed must be a safe integer, got ${seed}`);
    }
    this.seedState(seed >>> 0, Math.floor(seed / TWO_POW_32) >>> 0);
  }

  /** A generator with the raw xoshiro128** state (not all zero); for reference vectors. */
  static fromState(s0: number, s1: number, s2: number, s3: number): Rng {
    if ((s0 | s1 | s2 | s3) === 0) throw new RangeError('xoshiro128** state must not be all zero');
    const rng = new Rng(0);
    rng.s0 = s0 >>> 0;
    rng.s1 = s1 >>> 0;
    rng.s2 = s2 >>> 0;
    rng.s3 = s3 >>> 0;
    return rng;
  }

  private seedState(k0: number, k1: number): void {
    this.k0 = k0;
    this.k1 = k1;
    let x = k0;
    let y = k1 ^ 0x6a09e667;
    const word = (): number => {
      x = (x + 0x9e3779b9) | 0;
      y = (y + 0x7f4a7c15) | 0;
      return (splitmix32(x) ^ splitmix32(y ^ 0x5be0cd19)) >>> 0;
    };
    this.s0 = word();
    this.s1 = word();
    this.s2 = word();
    this.s3 = word();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
    this.spare = undefined;
  }

  /**
   * An independent generator named by `label`, derived from this generator's seed (not from
   * its current position): `new Rng(7).fork('trees')` is the same stream however many numbers
   * the parent has drawn, and `fork(3)` equals `fork('3')`. Forks nest: `rng.fork('a').fork('b')`.
   */
  fork(label: string | number): Rng {
    const name = String(label);
    const child = new Rng(0);
    const c0 = hashLabel(this.k0 ^ 0x243f6a88, name);
    child.seedState(c0, hashLabel(this.k1 ^ 0x85a308d3 ^ c0, name));
    return child;
  }

  /** The next raw 32-bit output (unsigned integer in [0, 2^32)). */
  uint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 = s1 ^ this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1), with 32 bits of resolution. */
  next(): number {
    return this.uint32() / TWO_POW_32;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [0, n). `n` must be an integer in [1, 2^32]. */
  int(n: number): number {
    if (!(Number.isInteger(n) && n >= 1 && n <= TWO_POW_32)) {
      throw new RangeError(`Rng.int(n) needs an integer 1 <= n <= 2^32, got ${n}`);
    }
    // Multiply-shift: bias at most n / 2^32, which is negligible for the sizes we sample.
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [min, max] (both inclusive). */
  intBetween(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** true with probability p. */
  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** Normal(mean, sd) by Box–Muller; the pair's second value is kept for the next call. */
  normal(mean = 0, sd = 1): number {
    let z: number;
    if (this.spare !== undefined) {
      z = this.spare;
      this.spare = undefined;
    } else {
      const u = 1 - this.next(); // (0, 1]: log(u) is finite
      const v = this.next();
      const r = Math.sqrt(-2 * Math.log(u));
      const theta = 2 * Math.PI * v;
      z = r * Math.cos(theta);
      this.spare = r * Math.sin(theta);
    }
    return mean + sd * z;
  }

  /** Exp(rate): mean 1 / rate. */
  exponential(rate = 1): number {
    return -Math.log(1 - this.next()) / rate;
  }

  /** Gamma(shape, scale): mean shape·scale, variance shape·scale². Marsaglia–Tsang (2000). */
  gamma(shape: number, scale = 1): number {
    if (!(shape > 0 && scale > 0)) {
      throw new RangeError(`Rng.gamma needs shape > 0 and scale > 0, got ${shape}, ${scale}`);
    }
    if (shape < GAMMA_BOOST_BELOW) {
      // Gamma(a) = Gamma(a + 1) · U^(1/a), written with exp/log to avoid Math.pow.
      const g = this.gamma(shape + 1, 1);
      const u = 1 - this.next();
      return scale * g * Math.exp(Math.log(u) / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - this.next();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return scale * d * v;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return scale * d * v;
    }
  }

  /** Poisson(lambda). Knuth's method for small means, Hörmann's PTRS (1993) above. */
  poisson(lambda: number): number {
    if (!(lambda >= 0) || !Number.isFinite(lambda)) {
      throw new RangeError(`Rng.poisson needs a finite lambda >= 0, got ${lambda}`);
    }
    if (lambda === 0) return 0;
    if (lambda < POISSON_PTRS_FROM) {
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = this.next();
      while (p > limit) {
        k++;
        p *= this.next();
      }
      return k;
    }
    const logLambda = Math.log(lambda);
    const b = 0.931 + 2.53 * Math.sqrt(lambda);
    const a = -0.059 + 0.02483 * b;
    const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.next() - 0.5;
      const v = 1 - this.next();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      const lhs = Math.log(v * invAlpha) - Math.log(a / (us * us) + b);
      if (lhs <= -lambda + k * logLambda - logFactorial(k)) return k;
    }
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(arr: readonly T[]): T {
    if (arr.length === 0) throw new RangeError('Rng.pick needs a non-empty array');
    return arr[this.int(arr.length)] as T;
  }

  /** An index in [0, weights.length) with probability proportional to its weight. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    if (!(total > 0)) throw new RangeError('Rng.weighted needs a positive total weight');
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] as number;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** Shuffles `arr` in place (Fisher–Yates) and returns it. */
  shuffle<T>(arr: T[]): T[] {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = arr[i] as T;
      arr[i] = arr[j] as T;
      arr[j] = tmp;
    }
    return arr;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

// log(k!) exactly summed for small k, Stirling's series (error < 1e-10) above.
const LOG_FACTORIAL_TABLE: number[] = [0];
for (let k = 1; k <= 64; k++) {
  LOG_FACTORIAL_TABLE.push((LOG_FACTORIAL_TABLE[k - 1] as number) + Math.log(k));
}

function logFactorial(k: number): number {
  if (k <= 64) return LOG_FACTORIAL_TABLE[k] as number;
  const x = k + 1;
  return (
    (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x)
  );
}
