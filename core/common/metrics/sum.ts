// Compensated (Neumaier) summation: a weighted mean over a million rows keeps its last
// digits, where a plain running sum drifts by up to n·ε relative.

export class CompensatedSum {
  private s = 0;
  private c = 0;

  add(x: number): void {
    const t = this.s + x;
    this.c += Math.abs(this.s) >= Math.abs(x) ? this.s - t + x : x - t + this.s;
    this.s = t;
  }

  get value(): number {
    return this.s + this.c;
  }
}

/**
 * Σ wᵢ·loss(i) / Σ wᵢ over rows 0 … n−1, both sums compensated; weights of 1 when absent.
 * Callers have checked the weights (finite, ≥ 0, not all 0).
 */
export function weightedMean(
  n: number,
  weights: ArrayLike<number> | undefined,
  loss: (i: number) => number,
): number {
  const num = new CompensatedSum();
  if (weights === undefined) {
    for (let i = 0; i < n; i++) num.add(loss(i));
    return num.value / n;
  }
  const den = new CompensatedSum();
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (w === 0) continue; // a zero-weight row counts for nothing, even if its loss is huge
    num.add(w * loss(i));
    den.add(w);
  }
  return num.value / den.value;
}
