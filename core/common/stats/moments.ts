// Streaming count, sum, mean, sample standard deviation, min and max; mergeable.

/**
 * Welford's update for the mean and the sum of squared deviations (m2): the naive
 * Σx² − n·mean² loses every significant digit when the spread is tiny next to the mean
 * (1e9 + noise); Welford's stays accurate. The sum is kept separately with Neumaier's
 * compensation so an integer column's total stays exact far past where plain addition drifts.
 */
export class Moments {
  n = 0;
  /** Welford's running mean; `mean` reports the more accurate compensated sum / n. */
  private mu = 0;
  /** Σ (x − mean)², maintained incrementally. */
  m2 = 0;
  min = Infinity;
  max = -Infinity;
  private s = 0;
  private comp = 0;

  add(x: number): void {
    const n = ++this.n;
    const d = x - this.mu;
    this.mu += d / n;
    this.m2 += d * (x - this.mu);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    const t = this.s + x;
    this.comp += Math.abs(this.s) >= Math.abs(x) ? this.s - t + x : x - t + this.s;
    this.s = t;
  }

  get sum(): number {
    return this.s + this.comp;
  }

  /**
   * The mean: compensated sum / n (correctly rounded in practice, where the running mean
   * drifts by a few ulps), or the running mean if the sum overflowed. 0 when empty.
   */
  get mean(): number {
    if (this.n === 0) return 0;
    const m = this.sum / this.n;
    return Number.isFinite(m) ? m : this.mu;
  }

  /** Sample variance (divisor n − 1); undefined below two values. */
  get variance(): number | undefined {
    return this.n < 2 ? undefined : this.m2 / (this.n - 1);
  }

  /** Sample standard deviation (divisor n − 1); undefined below two values. */
  get std(): number | undefined {
    const v = this.variance;
    return v === undefined ? undefined : Math.sqrt(v);
  }

  /** Adds another stream's moments (Chan, Golub & LeVeque's pairwise update). */
  merge(o: Moments): void {
    if (o.n === 0) return;
    if (this.n === 0) {
      this.n = o.n;
      this.mu = o.mu;
      this.m2 = o.m2;
    } else {
      const n = this.n + o.n;
      const d = o.mu - this.mu;
      this.mu += (d * o.n) / n;
      this.m2 += o.m2 + ((d * d * this.n) / n) * o.n;
      this.n = n;
    }
    if (o.min < this.min) this.min = o.min;
    if (o.max > this.max) this.max = o.max;
    const t = this.s + o.s;
    this.comp += (Math.abs(this.s) >= Math.abs(o.s) ? this.s - t + o.s : o.s - t + this.s) + o.comp;
    this.s = t;
  }
}
