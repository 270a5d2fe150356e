// Cross-validation splits as index arrays: k-fold, stratified k-fold, group k-fold (no group on
// both sides), and time-series splits with a gap. Shuffling uses the project's seeded Rng, so the
// same seed gives the same folds.
import { Rng } from '../random.js';

export interface Fold {
  train: Uint32Array;
  test: Uint32Array;
}

function checkK(k: number, n: number, what = 'rows'): void {
  if (!Number.isInteger(k) || k < 2)
    throw new RangeError(`folds must be an integer ≥ 2 (got ${k})`);
  if (k > n) throw new RangeError(`cannot make ${k} folds from ${n} ${what}`);
}

/** Builds folds from a fold number per row (-1 = in no test fold, always train). */
export function foldsFromAssignment(assign: Int32Array, k: number): Fold[] {
  const folds: Fold[] = [];
  for (let f = 0; f < k; f++) {
    let nTest = 0;
    for (const a of assign) if (a === f) nTest++;
    const test = new Uint32Array(nTest);
    const train = new Uint32Array(assign.length - nTest);
    let i = 0;
    let j = 0;
    for (let r = 0; r < assign.length; r++) {
      if (assign[r] === f) test[i++] = r;
      else train[j++] = r;
    }
    folds.push({ train, test });
  }
  return folds;
}

/** k folds of (nearly) equal size; rows shuffled first unless `shuffle` is false. */
export function kFold(
  n: number,
  k: number,
  options: { seed?: number; shuffle?: boolean } = {},
): Fold[] {
  checkK(k, n);
  const order = Array.from({ length: n }, (_, i) => i);
  if (options.shuffle !== false) new Rng(options.seed ?? 0).shuffle(order);
  const assign = new Int32Array(n);
  order.forEach((row, pos) => (assign[row] = Math.floor((pos * k) / n)));
  return foldsFromAssignment(assign, k);
}

/**
 * Folds that keep each class's share: rows of each class (in shuffled order) are dealt to folds in
 * turn, continuing where the previous class stopped, so fold sizes differ by at most one.
 */
export function stratifiedKFold(
  labels: ArrayLike<number>,
  k: number,
  options: { seed?: number } = {},
): Fold[] {
  const n = labels.length;
  checkK(k, n);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    let list = byClass.get(c);
    if (!list) byClass.set(c, (list = []));
    list.push(i);
  }
  const rng = new Rng(options.seed ?? 0);
  const assign = new Int32Array(n);
  let next = 0;
  for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
    const rows = rng.shuffle(byClass.get(c)!);
    for (const r of rows) {
      assign[r] = next;
      next = (next + 1) % k;
    }
  }
  return foldsFromAssignment(assign, k);
}

/**
 * Folds in which every group (customer, device) is wholly on one side: groups are placed largest
 * first into the fold with the fewest rows so far (ties to the lower fold), as scikit-learn's
 * GroupKFold does.
 */
export function groupKFold(groups: ArrayLike<number | string>, k: number): Fold[] {
  const n = groups.length;
  const rowsOf = new Map<number | string, number[]>();
  for (let i = 0; i < n; i++) {
    const g = groups[i]!;
    let list = rowsOf.get(g);
    if (!list) rowsOf.set(g, (list = []));
    list.push(i);
  }
  checkK(k, rowsOf.size, 'groups');
  const ordered = [...rowsOf.entries()].sort(
    (a, b) => b[1].length - a[1].length || (String(a[0]) < String(b[0]) ? -1 : 1),
  );
  const size = new Array<number>(k).fill(0);
  const assign = new Int32Array(n);
  for (const [, rows] of ordered) {
    let f = 0;
    for (let j = 1; j < k; j++) if (size[j]! < size[f]!) f = j;
    size[f]! += rows.length;
    for (const r of rows) assign[r] = f;
  }
  return foldsFromAssignment(assign, k);
}

/**
 * Forward-chaining splits over rows already in time order: test blocks are the last k equal parts
 * after the first, each trained on everything before it minus `gap` rows, so no training row is
 * later than (or within `gap` of) a test row. `maxTrain` bounds the training window.
 */
export function timeSeriesSplit(
  n: number,
  k: number,
  options: { gap?: number; testSize?: number; maxTrain?: number } = {},
): Fold[] {
  checkK(k, n);
  const gap = options.gap ?? 0;
  const testSize = options.testSize ?? Math.floor(n / (k + 1));
  if (testSize < 1) throw new RangeError(`too few rows (${n}) for ${k} time-series splits`);
  const folds: Fold[] = [];
  for (let f = 0; f < k; f++) {
    const testStart = n - (k - f) * testSize;
    const trainEnd = testStart - gap;
    const trainStart = options.maxTrain ? Math.max(0, trainEnd - options.maxTrain) : 0;
    if (trainEnd <= trainStart)
      throw new RangeError(
        `split ${f + 1}: no training rows before row ${testStart} with gap ${gap}`,
      );
    folds.push({
      train: Uint32Array.from({ length: trainEnd - trainStart }, (_, i) => trainStart + i),
      test: Uint32Array.from({ length: testSize }, (_, i) => testStart + i),
    });
  }
  return folds;
}

/**
 * Out-of-fold predictions: `fit(train)` returns a predictor that is applied to the fold's test
 * rows. Rows in no test fold stay NaN.
 */
export function outOfFold(
  n: number,
  folds: readonly Fold[],
  fitPredict: (fold: Fold, index: number) => ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(n).fill(NaN);
  folds.forEach((fold, i) => {
    const pred = fitPredict(fold, i);
    if (pred.length !== fold.test.length)
      throw new RangeError(
        `fold ${i}: ${pred.length} predictions for ${fold.test.length} test rows`,
      );
    for (let j = 0; j < fold.test.length; j++) out[fold.test[j]!] = pred[j]!;
  });
  return out;
}
