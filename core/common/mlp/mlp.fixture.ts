// Small synthetic tables for the MLP tests.
import type { RawData } from '../gbdt/dataset.js';
import { Rng } from '../random.js';

/** Two noisy concentric circles (label 1 inside), plus a noise column and a 3-level category. */
export function circles(n: number, seed: number): { data: RawData; label: Float64Array } {
  const rng = new Rng(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const noise = new Float64Array(n);
  const cat = new Int32Array(n);
  const label = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const inside = rng.bernoulli(0.5);
    const r = (inside ? 0.5 : 1) + rng.normal(0, 0.08);
    const t = rng.uniform(0, 2 * Math.PI);
    x[i] = 10 + 3 * r * Math.cos(t); // off-centre and scaled: standardisation matters
    y[i] = r * Math.sin(t);
    noise[i] = rng.normal();
    cat[i] = rng.int(3);
    label[i] = inside ? 1 : 0;
  }
  return { data: { numeric: [x, y, noise], categorical: [cat] }, label };
}

/** y = sin(2a) + b² / 2 + small noise. */
export function smooth(n: number, seed: number, sd = 0.05): { data: RawData; label: Float64Array } {
  const rng = new Rng(seed);
  const a = Float64Array.from({ length: n }, () => rng.uniform(-2, 2));
  const b = Float64Array.from({ length: n }, () => rng.uniform(-2, 2));
  const label = Float64Array.from(
    { length: n },
    (_, i) => Math.sin(2 * a[i]!) + b[i]! ** 2 / 2 + rng.normal(0, sd),
  );
  return { data: { numeric: [a, b], categorical: [] }, label };
}
