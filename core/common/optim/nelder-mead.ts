// Derivative-free minimisation (Nelder–Mead simplex, the adaptive-parameter variant of Gao & Han
// 2012), for small maximum-likelihood fits: BG/NBD, Gamma-Gamma, Holt-Winters smoothing weights.
// Hand-written because no small, pure-TypeScript optimiser library without Node imports exists;
// 80 lines are cheaper than a dependency. Deterministic: no randomness.

export interface NelderMeadOptions {
  /** Initial step per coordinate (default 5 % of |x0|, or 0.00025 where x0 is 0, as SciPy). */
  step?: number[];
  /** Stop when the simplex's function values span less than this (default 1e-10). */
  fTol?: number;
  /** Stop when the simplex's vertices are within this of the best one (default 1e-10). */
  xTol?: number;
  /** Default 400 × dimension. */
  maxIterations?: number;
  /** Restart from the best point until the result stops improving (default 2 restarts). */
  restarts?: number;
}

export interface MinimizeResult {
  x: number[];
  fx: number;
  iterations: number;
  converged: boolean;
}

/** Minimises `f` from `x0`. Non-finite values of `f` are treated as +∞ (outside the domain). */
export function nelderMead(
  f: (x: number[]) => number,
  x0: readonly number[],
  o: NelderMeadOptions = {},
): MinimizeResult {
  let best = run(f, [...x0], o);
  let total = best.iterations;
  for (let r = 0; r < (o.restarts ?? 2); r++) {
    const next = run(f, best.x, o);
    total += next.iterations;
    const improved = next.fx < best.fx - Math.abs(best.fx) * 1e-12;
    if (next.fx <= best.fx) best = next;
    if (!improved) break;
  }
  return { ...best, iterations: total };
}

function run(f: (x: number[]) => number, x0: number[], o: NelderMeadOptions): MinimizeResult {
  const n = x0.length;
  const safe = (x: number[]): number => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  const alpha = 1;
  const gamma = 1 + 2 / n;
  const rho = 0.75 - 1 / (2 * n);
  const sigma = 1 - 1 / n;
  const fTol = o.fTol ?? 1e-10;
  const xTol = o.xTol ?? 1e-10;
  const maxIt = o.maxIterations ?? 400 * n;
  const pts: number[][] = [x0];
  for (let i = 0; i < n; i++) {
    const p = [...x0];
    p[i] = p[i]! + (o.step?.[i] ?? (p[i] !== 0 ? 0.05 * Math.abs(p[i]!) : 0.00025));
    pts.push(p);
  }
  let vals = pts.map(safe);
  let it = 0;
  let converged = false;
  for (; it < maxIt; it++) {
    const order = vals.map((_, i) => i).sort((a, b) => vals[a]! - vals[b]! || a - b);
    const sp = order.map((i) => pts[i]!);
    vals = order.map((i) => vals[i]!);
    pts.splice(0, pts.length, ...sp);
    const spread = Math.abs(vals[n]! - vals[0]!);
    let xs = 0;
    for (let i = 1; i <= n; i++)
      for (let j = 0; j < n; j++) xs = Math.max(xs, Math.abs(pts[i]![j]! - pts[0]![j]!));
    if (Number.isFinite(vals[0]!) && spread <= fTol && xs <= xTol) {
      converged = true;
      break;
    }
    const c = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) c[j]! += pts[i]![j]! / n;
    const along = (t: number): number[] => c.map((cj, j) => cj + t * (pts[n]![j]! - cj));
    const xr = along(-alpha);
    const fr = safe(xr);
    if (fr < vals[0]!) {
      const xe = along(-alpha * gamma);
      const fe = safe(xe);
      if (fe < fr) [pts[n], vals[n]] = [xe, fe];
      else [pts[n], vals[n]] = [xr, fr];
    } else if (fr < vals[n - 1]!) {
      [pts[n], vals[n]] = [xr, fr];
    } else {
      const outside = fr < vals[n]!;
      const xc = along(outside ? -alpha * rho : rho);
      const fc = safe(xc);
      if (fc < (outside ? fr : vals[n]!)) [pts[n], vals[n]] = [xc, fc];
      else {
        for (let i = 1; i <= n; i++) {
          pts[i] = pts[i]!.map((v, j) => pts[0]![j]! + sigma * (v - pts[0]![j]!));
          vals[i] = safe(pts[i]!);
        }
      }
    }
  }
  let bi = 0;
  for (let i = 1; i <= n; i++) if (vals[i]! < vals[bi]!) bi = i;
  return { x: pts[bi]!, fx: vals[bi]!, iterations: it, converged };
}
