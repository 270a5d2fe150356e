// Platt scaling: p = 1 / (1 + exp(a·s + b)) fitted to scores s by Newton's method with Platt's
// smoothed targets ((N₊ + 1)/(N₊ + 2) and 1/(N₋ + 2)), as in Platt (1999) and Lin, Lin & Weng
// (2007), the method scikit-learn's CalibratedClassifierCV(method='sigmoid') uses.

export interface PlattCalibration {
  kind: 'platt';
  a: number;
  b: number;
}

export function fitPlatt(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  weights?: ArrayLike<number>,
): PlattCalibration {
  const n = scores.length;
  let pos = 0;
  let neg = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i]! : 1;
    if (labels[i]! > 0.5) pos += w;
    else neg += w;
  }
  if (pos === 0 || neg === 0)
    throw new RangeError('Platt scaling needs both classes in the calibration data');
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = labels[i]! > 0.5 ? hi : lo;

  const loss = (a: number, b: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const z = a * scores[i]! + b;
      const w = weights ? weights[i]! : 1;
      // −[t log p + (1−t) log(1−p)] with p = 1/(1+e^z), written to stay finite for large |z|.
      s +=
        w *
        (z >= 0 ? t[i]! * z + Math.log1p(Math.exp(-z)) : (t[i]! - 1) * z + Math.log1p(Math.exp(z)));
    }
    return s;
  };
  let a = 0;
  let b = Math.log((neg + 1) / (pos + 1));
  let f = loss(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let g1 = 0;
    let g2 = 0;
    let h11 = 1e-12;
    let h22 = 1e-12;
    let h21 = 0;
    for (let i = 0; i < n; i++) {
      const s = scores[i]!;
      const z = a * s + b;
      const p = z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
      const w = weights ? weights[i]! : 1;
      const d1 = w * (t[i]! - p);
      const d2 = w * p * (1 - p);
      g1 += s * d1;
      g2 += d1;
      h11 += s * s * d2;
      h22 += d2;
      h21 += s * d2;
    }
    if (Math.abs(g1) < 1e-10 && Math.abs(g2) < 1e-10) break;
    const det = h11 * h22 - h21 * h21;
    const da = -(h22 * g1 - h21 * g2) / det;
    const db = -(-h21 * g1 + h11 * g2) / det;
    let step = 1;
    let improved = false;
    while (step > 1e-10) {
      const na = a + step * da;
      const nb = b + step * db;
      const nf = loss(na, nb);
      if (nf < f + 1e-4 * step * (g1 * da + g2 * db)) {
        [a, b, f] = [na, nb, nf];
        improved = true;
        break;
      }
      step /= 2;
    }
    if (!improved) break;
  }
  return { kind: 'platt', a, b };
}

export function applyPlatt(c: PlattCalibration, score: number): number {
  const z = c.a * score + c.b;
  return z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
}
