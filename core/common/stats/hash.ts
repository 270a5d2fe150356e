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

/**
 * Hash of a string's UTF-16 code units: two multiplicative lanes over the code units (the
 * cyrb53 construction by bryc, public domain), each finished with murmur3-style mixing of
 * both lanes and the length.
 */
export function hashString(s: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x9e3779b1);
    h2 = Math.imul(h2 ^ c, 0x5f356495);
  }
  h1 ^= n;
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b) ^ Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x85ebca6b) ^ Math.imul(h1 ^ (h1 >>> 13), 0xc2b2ae35);
  return join(fmix32(h1), fmix32(h2));
}

// A float64's two 32-bit words, read through one shared buffer (no allocation per call).
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
// Typed arrays use the platform's byte order; pick the words so the hash does not depend on it.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = LITTLE_ENDIAN ? 1 : 0;

/**
 * Hash of a number by its float64 bits (so 3 and 3.0 are one value, as in SQLite). -0 hashes
 * as 0, matching Map and SQL equality.
 */
export function hashNumber(x: number): number {
  F64[0] = x === 0 ? 0 : x;
  const lo = U32[LO]!;
  const hi = U32[HI]!;
  // Small integers have all their bits in the high word, so each lane mixes both words.
  const h1 = fmix32((lo ^ 0x243f6a88) + Math.imul(hi, 0x9e3779b1));
  const h2 = fmix32((hi ^ 0x85a308d3) + Math.imul(lo ^ h1, 0xcc9e2d51));
  return join(h1, h2);
}

/** 32 bits of `lo` and the low 21 bits of `hi`, as one integer below 2^53. */
function join(lo: number, hi: number): number {
  return (hi & 0x1fffff) * TWO_POW_32 + lo;
}
