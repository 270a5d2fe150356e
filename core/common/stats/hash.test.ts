import { describe, expect, it } from 'vitest';
import { hashNumber, hashString } from './hash.js';

const TWO_POW_53 = 2 ** 53;

describe('hashString / hashNumber', () => {
  it('are deterministic 53-bit integers', () => {
    for (const h of [hashString(''), hashString('abc'), hashNumber(0), hashNumber(-1.5e300)]) {
      expect(Number.isInteger(h)).toBe(true);
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThan(TWO_POW_53);
    }
    // Pinned (values of this implementation) so that a change, which would make stored
    // sketches incomparable with new ones, is noticed.
    expect([hashString(''), hashString('abc')]).toEqual([3087239331889704, 3381825536222014]);
    expect([hashNumber(0), hashNumber(1), hashNumber(-2.5)]).toEqual([
      3319928889121752, 4624559466817625, 5963547449312401,
    ]);
    expect(hashString('abc')).not.toBe(hashString('abd'));
    expect(hashString('ab')).not.toBe(hashString('ba'));
  });

  it('hash numbers by value: 0 and -0 agree, 1 and 1.0000000000000002 do not', () => {
    expect(hashNumber(-0)).toBe(hashNumber(0));
    expect(hashNumber(1)).not.toBe(hashNumber(1 + Number.EPSILON));
  });

  it('spread consecutive integers and similar strings evenly over the low bits', () => {
    // 64 buckets by the top 6 bits of the low word (what HyperLogLog indexes by), 64k keys:
    // each bucket expects 1024; a bad mix of integer bits puts almost all in a few.
    for (const hash of [(i: number) => hashNumber(i), (i: number) => hashString(`id-${i}`)]) {
      const buckets = new Array<number>(64).fill(0);
      for (let i = 0; i < 65536; i++) buckets[(hash(i) >>> 0) >>> 26]!++;
      expect(Math.min(...buckets)).toBeGreaterThan(900);
      expect(Math.max(...buckets)).toBeLessThan(1150);
    }
  });

  it('have no collisions among 200k distinct keys', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) {
      seen.add(hashNumber(i * 0.5));
      seen.add(hashString(`user${i}`));
    }
    expect(seen.size).toBe(200_000);
  });
});
