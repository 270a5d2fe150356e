// The one seam between generateSamples and the dataset modules in generators/.
import type { Rng } from '../core/common/random.js';
import type { WrittenFile } from './csv.js';

export type Scale = 'small' | 'large';

export interface GeneratorContext {
  outDir: string;
  scale: Scale;
  /** This dataset's own stream (the root seed forked by the dataset name). */
  rng: Rng;
  /** Progress in the dataset's own units; `file` is the stem of the file being produced. */
  progress: (file: string, done: number, total: number) => void;
}

export interface Dataset {
  /** Name used to fork the seed; renaming a dataset changes its data. */
  name: string;
  generate(ctx: GeneratorContext): Promise<WrittenFile[]>;
}

/** Calls `report` about 100 times over `total` steps (and at the end), not on every step. */
export function throttle(
  report: (done: number, total: number) => void,
  total: number,
): (done: number) => void {
  const step = Math.max(1, Math.floor(total / 100));
  let next = 0;
  return (done) => {
    if (done >= next || done === total) {
      report(done, total);
      next = done + step;
    }
  };
}

export const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
