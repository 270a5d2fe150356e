// ColumnProfiler: one streaming pass over a column's values, bounded memory, JSON result.
import { isColumnType, type ColumnType } from '../schema.js';
import { formatDate, formatDateTime, parseDate, parseDateTime } from './dates.js';
import { DistinctCounter, type ExactCounts } from './distinct.js';
import { hashNumber, hashString } from './hash.js';
import {
  countsFromRanks,
  countsFromValues,
  discreteHistogram,
  MAX_DISCRETE_BINS,
  niceEdges,
  type Histogram,
  type Scale,
} from './histogram.js';
import { Moments } from './moments.js';
import {
  QUANTILE_LEVELS,
  type ColumnProfile,
  type ProfileValue,
  type Quantiles,
} from './profile.js';
import { QuantileSketch, quantilesOfCounts } from './quantiles.js';
import { exactTop, SpaceSaving, TOP_REPORTED } from './topk.js';

// How add() reads a value; a number switch keeps the hot path monomorphic.
const NUMBER = 0;
const BOOLEAN = 1;
const DATE = 2;
const DATETIME = 3;
const STRING = 4;

const KIND: Record<ColumnType, number> = {
  integer: NUMBER,
  real: NUMBER,
  boolean: BOOLEAN,
  date: DATE,
  datetime: DATETIME,
  categorical: STRING,
  text: STRING,
};

const DAY = 86400;

export interface ProfilerOptions {
  /** Distinct values counted exactly before HyperLogLog (default 10,000). */
  exactBound?: number;
  /** KLL top-level capacity (default 1024). */
  sketchK?: number;
  /** SpaceSaving counters (default 100). */
  topCapacity?: number;
}

/**
 * Profiles one column from its values as SQLite returns them: numbers (or bigint, rounded to
 * the nearest double beyond 2^53) for integer, real and boolean (0/1), 'YYYY-MM-DD' strings
 * for date, 'YYYY-MM-DD HH:MM:SS[.fff]' for datetime (profiled as epoch days / seconds),
 * strings for categorical and text; null is missing. A value of the wrong kind is counted as
 * invalid, never thrown on. Memory is bounded whatever the row count; the same values in the
 * same order give the same result.
 */
export class ColumnProfiler {
  readonly type: ColumnType;
  private readonly kind: number;
  private rows = 0;
  private missing = 0;
  private invalid = 0;
  private readonly moments = new Moments();
  private readonly numbers: DistinctCounter<number> | null = null;
  private readonly strings: DistinctCounter<string> | null = null;
  /**
   * Quantile sketch for numbers and dates. It is fed only once the distinct map overflows
   * (seeded then from the exact counts): while the map is exact, quantiles and histograms
   * come from it exactly, and low-cardinality columns skip the sketch's cost per value.
   */
  private sketch: QuantileSketch | null = null;
  private sketchLive = false;
  private readonly sketchK: number | undefined;
  /** SpaceSaving for strings, created when the exact map overflows. */
  private topk: SpaceSaving | null = null;
  private readonly topCapacity: number | undefined;
  private lenMin = Infinity;
  private lenMax = 0;
  private lenSum = 0;

  constructor(type: ColumnType, options: ProfilerOptions = {}) {
    if (!isColumnType(type)) throw new RangeError(`unknown column type ${JSON.stringify(type)}`);
    this.type = type;
    this.kind = KIND[type];
    this.topCapacity = options.topCapacity;
    this.sketchK = options.sketchK;
    const bound = options.exactBound;
    if (this.kind === STRING) {
      this.strings = new DistinctCounter<string>(hashString, {
        bound,
        // Seed the top-k summary with the exact counts so far: no value seen is forgotten.
        onOverflow: (exact) => {
          this.topk = SpaceSaving.fromCounts(exact.values, exact.counts, this.topCapacity);
        },
      });
    } else {
      const sketched = this.kind !== BOOLEAN;
      this.numbers = new DistinctCounter<number>(hashNumber, {
        bound,
        onOverflow: (exact) => {
          if (sketched) this.liveSketch(exact);
        },
      });
      if (sketched) this.sketch = new QuantileSketch({ k: this.sketchK });
    }
  }

  add(v: number | bigint | string | null): void {
    this.rows++;
    if (v == null) {
      this.missing++;
      return;
    }
    let x: number;
    switch (this.kind) {
      case NUMBER:
        x = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : NaN;
        break;
      case DATE:
        x = typeof v === 'string' ? parseDate(v) : NaN;
        break;
      case DATETIME:
        x = typeof v === 'string' ? parseDateTime(v) : NaN;
        break;
      case BOOLEAN:
        x = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : NaN;
        if (x === 0 || x === 1) {
          this.moments.add(x);
          this.numbers!.add(x);
        } else {
          this.invalid++;
        }
        return;
      default:
        // SQLite's TEXT affinity makes numbers text on insert; accept any that slip through.
        if (typeof v === 'string') this.addString(v);
        else if (typeof v === 'number' || typeof v === 'bigint') this.addString(String(v));
        else this.invalid++;
        return;
    }
    // x − x is 0 for finite numbers and NaN for NaN and ±∞ (unparseable or infinite).
    if (x - x === 0) {
      this.moments.add(x);
      this.numbers!.add(x);
      if (this.sketchLive) this.sketch!.add(x);
    } else {
      this.invalid++;
    }
  }

  private addString(s: string): void {
    this.strings!.add(s);
    if (this.topk !== null) this.topk.add(s);
    const len = s.length;
    this.lenSum += len;
    if (len < this.lenMin) this.lenMin = len;
    if (len > this.lenMax) this.lenMax = len;
  }

  /** Adds another profiler's column (same type) as if its rows had followed these. */
  merge(other: ColumnProfiler): void {
    if (other.type !== this.type) {
      throw new RangeError(`cannot merge a ${other.type} profile into a ${this.type} profile`);
    }
    this.rows += other.rows;
    this.missing += other.missing;
    this.invalid += other.invalid;
    this.moments.merge(other.moments);
    this.lenSum += other.lenSum;
    this.lenMin = Math.min(this.lenMin, other.lenMin);
    this.lenMax = Math.max(this.lenMax, other.lenMax);
    if (this.strings !== null && other.strings !== null) {
      const mine = this.topSummary();
      const theirs = other.topSummary();
      this.strings.merge(other.strings);
      if (this.strings.exact) {
        this.topk = null;
      } else {
        mine.merge(theirs);
        this.topk = mine;
      }
    }
    if (this.numbers !== null && other.numbers !== null) {
      // Sketches of both sides as they stand, before the distinct maps are combined.
      const theirs = other.sketch !== null ? other.sketchOrSeed() : null;
      if (theirs !== null) this.liveSketch(this.numbers.exactCounts());
      this.numbers.merge(other.numbers);
      if (theirs !== null) {
        if (this.numbers.exact) {
          this.sketch = new QuantileSketch({ k: this.sketchK });
          this.sketchLive = false;
        } else {
          this.sketch!.merge(theirs);
        }
      }
    }
  }

  /** Switches the sketch on, seeding it with the exact counts so far (when not live yet). */
  private liveSketch(exact: ExactCounts<number> | undefined): void {
    if (this.sketchLive) return;
    if (exact !== undefined) this.sketch!.addCounts(exact.values, exact.counts);
    this.sketchLive = true;
  }

  /** This column's values as a sketch: the live one, or one built from the exact counts. */
  private sketchOrSeed(): QuantileSketch {
    if (this.sketchLive) return this.sketch!;
    const s = new QuantileSketch({ k: this.sketchK });
    const exact = this.numbers!.exactCounts();
    if (exact !== undefined) s.addCounts(exact.values, exact.counts);
    return s;
  }

  /** The string top-k summary: the live one, or one built from the exact counts. */
  private topSummary(): SpaceSaving {
    if (this.topk !== null) return this.topk;
    const exact = this.strings!.exactCounts()!;
    return SpaceSaving.fromCounts(exact.values, exact.counts, this.topCapacity);
  }

  /** The profile so far (adding may continue afterwards). */
  result(): ColumnProfile {
    const distinct = this.strings ?? this.numbers!;
    const p: ColumnProfile = {
      type: this.type,
      count: this.rows,
      missing: this.missing,
      invalid: this.invalid,
      distinct: distinct.count(),
      distinctExact: distinct.exact,
    };
    const valid = this.rows - this.missing - this.invalid;
    if (valid === 0) return p;
    if (this.kind === STRING) {
      const exact = this.strings!.exactCounts();
      p.top = exact
        ? exactTop(exact.values, exact.counts, TOP_REPORTED)
        : this.topk!.top(TOP_REPORTED).map(({ value, count }) => ({ value, count }));
      p.topExact = exact !== undefined;
      p.lengths = { min: this.lenMin, mean: this.lenSum / valid, max: this.lenMax };
      return p;
    }
    if (this.kind === BOOLEAN) {
      const exact = this.numbers!.exactCounts()!;
      p.mean = this.moments.mean;
      p.top = exactTop(exact.values, exact.counts, 2).map(({ value, count }) => ({
        value: value === 1 ? 'true' : 'false',
        count,
      }));
      p.topExact = true;
      return p;
    }
    const sketch = this.sketch!;
    const fmt = this.formatter();
    p.min = fmt(this.moments.min);
    p.max = fmt(this.moments.max);
    if (this.kind === NUMBER) {
      // Both can overflow a double only for values beyond ~1e154 (squares) or ~1e308 (sums);
      // they are left out then rather than stored as Infinity, which JSON turns into null.
      const mean = this.moments.mean;
      if (Number.isFinite(mean)) p.mean = mean;
      const std = this.moments.std;
      if (std !== undefined && Number.isFinite(std)) p.std = std;
    }
    // While the distinct map is exact, so are quantiles from it, whatever the row count.
    const exact = this.numbers!.exactCounts();
    const levels = QUANTILE_LEVELS.map(([, level]) => level);
    const values = exact
      ? quantilesOfCounts(exact.values, exact.counts, levels)
      : levels.map((level) => sketch.quantile(level));
    const q: Partial<Quantiles> = {};
    QUANTILE_LEVELS.forEach(([name], i) => (q[name] = fmt(values[i]!)));
    p.quantiles = q as Quantiles;
    p.quantilesExact = exact !== undefined || sketch.exact;
    p.histogram = this.histogram(valid);
    return p;
  }

  /** Dates go out as strings: a quantile between two days is the earlier day. */
  private formatter(): (x: number) => ProfileValue {
    if (this.kind === DATE) return (x) => formatDate(Math.floor(x));
    if (this.kind === DATETIME) return formatDateTime;
    return (x) => x;
  }

  private histogram(valid: number): Histogram {
    const exact = this.numbers!.exactCounts();
    const label = this.formatter();
    if (
      exact !== undefined &&
      exact.values.length <= MAX_DISCRETE_BINS &&
      (this.type === 'integer' || this.kind === DATE)
    ) {
      return discreteHistogram(exact.values, exact.counts, (v) => String(label(v)));
    }
    const scale: Scale =
      this.kind === DATETIME ? 'seconds' : this.type === 'real' ? 'real' : 'integer';
    const edges = niceEdges(this.moments.min, this.moments.max, scale);
    const counts =
      exact !== undefined
        ? countsFromValues(edges, exact.values, exact.counts)
        : countsFromRanks(edges, (x) => this.sketch!.rankBelow(x), valid);
    const h: Histogram = { edges, counts };
    if (this.kind === DATE) h.labels = edges.slice(0, -1).map((e) => formatDate(Math.floor(e)));
    if (this.kind === DATETIME) {
      // Whole-day bins read better as plain dates.
      const days = edges.every((e) => e % DAY === 0);
      h.labels = edges.slice(0, -1).map((e) => (days ? formatDate(e / DAY) : formatDateTime(e)));
    }
    return h;
  }
}
