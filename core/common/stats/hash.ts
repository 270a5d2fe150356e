// Fast deterministic 53-bit hashes of strings and numbers, for distinct-count sketches.

/*
 * Both hashes return a non-negative integer below 2^53, so a caller gets 53 well-mixed bits
 * in one number without allocating. 32 bits would not do: at 50 million distinct values a
 * 32-bit hash has ~300,000 collisions, which would bias a distinct count by more than 0.5 %.
 * They use only 32-bit integer arithmetic (Math.imul, shifts), so they give the same value
 * on every platform and in every run: stored sketches stay comparable.
 */

const TWO_POW_32 = 4294967296;

/** murmur3's 32-bit finaliser: every input bit affects every output bit. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// Two seeds give the two lanes: the 32 low bits and 21 high bits of the result.
const SEED_LO = 0x9747b28c;
const SEED_HI = 0x5bd1e995;

/** murmur3's block scramble. */
function scramble(k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, 0x1b873593);
}

/** murmur3's state update with one scrambled block. */
function step(h: number, k: number): number {
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/**
 * murmur3 (x86, 32-bit) of a string's UTF-16 code units, two per block, run with two seeds
 * in one pass for the two lanes. Byte-order independent: it reads code units, not bytes.
 */
export function hashString(s: string): number {
  const n = s.length;
  let h1 = SEED_LO;
  let h2 = SEED_HI;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const k = scramble(s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
    h1 = step(h1, k);
    h2 = step(h2, k);
  }
  if (i < n) {
    const k = scramble(s.charCodeAt(i));
    h1 ^= k;
    h2 ^= k;
  }
  return join(fmix32(h1 ^ (2 * n)), fmix32(h2 ^ (2 * n)));
}

// A float64's two 32-bit words, read through one shared buffer (no allocation per call).
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
// Typed arrays use the platform's byte order; pick the words so the hash does not depend on it.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = LITTLE_ENDIAN ? 1 : 0;

/**
 * murmur3 of a number's float64 bits (so 3 and 3.0 are one value, as in SQLite). -0 hashes
 * as 0, matching Map and SQL equality.
 */
export function hashNumber(x: number): number {
  F64[0] = x === 0 ? 0 : x;
  const lo = U32[LO]!;
  const hi = U32[HI]!;
  // murmur3 of the 8 bytes (as two words), with each seed.
  const klo = scramble(lo);
  const khi = scramble(hi);
  const h1 = fmix32(step(step(SEED_LO, klo), khi) ^ 8);
  const h2 = fmix32(step(step(SEED_HI, klo), khi) ^ 8);
  return join(h1, h2);
}

/** 32 bits of `lo` and the low 21 bits of `hi`, as one integer below 2^53. */
function join(lo: number, hi: number): number {
  return (hi & 0x1fffff) * TWO_POW_32 + lo;
}
