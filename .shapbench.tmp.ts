import { Rng } from './core/common/random.js';
import { train } from './core/common/gbdt/booster.js';
import { addTreeShap, addTreeShapRecursive, ShapPath, shapTableSize } from './core/common/gbdt/shap.js';

const rng = new Rng(1);
const n = 5000;
const numeric = Array.from({ length: 8 }, () => Float64Array.from({ length: n }, () => (rng.bernoulli(0.1) ? NaN : rng.normal())));
const cat = Int32Array.from({ length: n }, () => (rng.bernoulli(0.05) ? -1 : rng.int(8)));
const y = Float64Array.from({ length: n }, (_, i) => {
  const m = (numeric[0]![i]! || 0) * (numeric[1]![i]! || 1) + (numeric[2]![i]! || 0) + ((cat[i]! & 3) === 1 ? 1 : 0) + Math.sin(3 * (numeric[3]![i]! || 0));
  return rng.next() < 1 / (1 + Math.exp(-2 * m)) ? 1 : 0;
});
const model = train({ numeric, categorical: [cat] }, y, { trees: 100, num_leaves: 63, max_depth: 6, min_data_in_leaf: 5 });
const F = 9;
let depth = 0, leaves = 0, size = 0;
const t0 = performance.now();
for (const t of model.trees) { depth = Math.max(depth, t.depth()); leaves += t.numLeaves; size += shapTableSize(t); }
console.log(`trees ${model.trees.length} maxDepth ${depth} meanLeaves ${(leaves / model.trees.length).toFixed(1)} table ${(size * 8 / 1e6).toFixed(1)} MB built in ${(performance.now() - t0).toFixed(0)} ms`);
const rows = 2000;
const R = Array.from({ length: rows }, (_, i) => Float64Array.from([...numeric.map((c) => c[i]!), cat[i]!]));
const path = new ShapPath(depth);
const phi = new Float64Array(F + 1);
function run(fn: typeof addTreeShap): number {
  const s = performance.now();
  for (const row of R) { phi.fill(0); for (const t of model.trees) fn(t, row, F, phi, 0, path); }
  return rows / ((performance.now() - s) / 1000);
}
const fast: number[] = [], slow: number[] = [];
for (let k = 0; k < 3; k++) { run(addTreeShap); run(addTreeShapRecursive); }
for (let k = 0; k < 15; k++) { slow.push(run(addTreeShapRecursive)); fast.push(run(addTreeShap)); }
const med = (a: number[]) => a.slice().sort((x, y) => x - y)[a.length >> 1]!;
console.log(`recursion: ${med(slow).toFixed(0)} rows/s (${(1000 / med(slow)).toFixed(3)} ms/row)`);
console.log(`tables:    ${med(fast).toFixed(0)} rows/s (${(1000 / med(fast)).toFixed(3)} ms/row)  speed-up ${(med(fast) / med(slow)).toFixed(1)}x`);
{
  const pr: number[] = [];
  for (let k = 0; k < 9; k++) {
    const s = performance.now(); let acc = 0;
    for (const row of R) for (const t of model.trees) acc += t.predictRow(row);
    pr.push(rows / ((performance.now() - s) / 1000));
  }
  console.log(`predict only: ${med(pr).toFixed(0)} rows/s`);
}
