// Grows one tree leaf-wise (best gain first) from gradients, on binned data.
import type { NumericBins, CategoricalBins } from './binning.js';
import type { BinnedData } from './dataset.js';
import {
  type GbdtEngine,
  type HistogramBuilder,
  type LearnerBuffers,
  finishChunk,
  type LevelBuffers,
  localHistograms,
  type SharedObjective,
  QF_CHUNK,
  QF_CONST,
  QF_GRAD,
  QF_HESS,
  QF_K,
  QF_SEED,
} from './engine.js';
import {
  CHUNK_LISTED,
  CHUNK_START,
  GO_LEFT_AT,
  LEVEL_BYTES,
  LISTED_AT,
  LEVEL_INTS,
  LISTED,
  NO_NODE,
  NUM_CHUNKS,
  NUM_NODES,
  combineFinish,
  finishChunkRows,
  keepNode,
  MAX_CHUNKS,
  PENDING,
  SCANNED,
  SLOT_BASE,
  splitNode,
} from './level.js';
import { buildQuads, gatherGradients, SLOT, subtractHistogram } from './histogram.js';
import {
  MAX_SPLIT_NODES,
  MAX_SPLIT_WORKERS,
  mergeSplit,
  scanFeatures,
  scoreFeatures,
  SPLIT_HEADER,
  SPLIT_IN,
  SPLIT_OUT,
  type SplitMeta,
  writeSplitHeader,
  writeSplitInput,
} from './split-job.js';
import type { GbdtParams } from './params.js';
import {
  packedTotals,
  type QuantConfig,
  quantConfig,
  quantizeGradients,
  quantScales,
  type QuantScales,
} from './quantize.js';
import type { Rng } from '../random.js';
import {
  leafGain,
  leafOutput,
  type LeafTotals,
  type SplitConfig,
  splitConfig,
  SplitInfo,
} from './split.js';
import type { Tree } from './tree.js';
import { TreeBuilder } from './tree-builder.js';

/** Row-major copy of the bins: row r's byte j is the bin of feature order[j] (0 for −1). */
function rowMajor(
  bins: readonly Uint8Array[],
  order: Int32Array,
  n: number,
  buf: (bytes: number) => ArrayBufferLike,
): Uint8Array {
  const W = order.length;
  const out = new Uint8Array(buf(n * W));
  for (let j = 0; j < W; j++) {
    const f = order[j]!;
    if (f < 0) continue;
    const col = bins[f]!;
    for (let r = 0, k = j; r < n; r++, k += W) out[k] = col[r]!;
  }
  return out;
}

/*
 * Rows live in one index array; each leaf owns a contiguous range of it, and a split
 * partitions that range in place (stably, so rows stay in ascending order and the histogram
 * loop reads the bin columns forward). Each leaf's histogram sits in a pooled buffer: after a
 * split only the smaller child's is built from rows; the larger child's is the parent's minus
 * the smaller's, computed in the parent's buffer. All buffers are reused across trees.
 * The rows' gradients are gathered once per tree and move with the rows, so a leaf's are
 * contiguous too. Histogram building and partitioning go through a HistogramBuilder (this
 * thread by default; worker threads over shared memory with core/node/gbdt's trainParallel).
 */
export class TreeLearner {
  private readonly cfg: SplitConfig;
  private readonly splitMeta: SplitMeta;
  private readonly maxLeaves: number;
  private readonly maxDepth: number;
  private readonly monotone: Int8Array;
  private readonly rows: Uint32Array;
  private readonly scratch: Uint32Array;
  private readonly scratchOrdered: Float64Array;
  /**
   * Interleaved [grad, hess] aligned with `rows` (ordered[2i] is the gradient of rows[i]):
   * gathered once per tree and partitioned along with the rows, so every leaf's gradients are
   * contiguous and histograms read them sequentially.
   */
  private readonly ordered: Float64Array;
  /** Whether rows[i] = i for every row (no bagging), so the root can skip the row list. */
  private identityRows = false;
  /** leafOf[row] = the row's leaf in the last tree (addToScore; allocated on first use). */
  private leafOf: Uint8Array | Int32Array | null = null;
  /** Whether leafOf already holds the last tree's leaves. */
  private leafOfNoted = false;
  private readonly pool: Float64Array[] = [];
  private readonly leafSlot: Int32Array;
  private readonly leafStart: Int32Array;
  private readonly leafRows: Int32Array;
  private readonly leafGrad: Float64Array;
  private readonly leafHess: Float64Array;
  private readonly leafValue: Float64Array;
  private readonly leafDepth: Int32Array;
  private readonly leafMin: Float64Array;
  private readonly leafMax: Float64Array;
  private readonly best: SplitInfo[];
  private readonly builder: TreeBuilder;
  private readonly histograms: HistogramBuilder;
  private readonly buffers: LearnerBuffers;
  private readonly goLeft: Uint8Array;
  private numLeaves = 0;
  private features: Int32Array = new Int32Array(0);
  /** `features` in the order histograms are built. */
  private histFeatures: Int32Array = new Int32Array(0);
  private grad: Float64Array = new Float64Array(0);
  private hess: Float64Array = new Float64Array(0);
  /** Quantised gradients (quantize.ts): `ordered` holds one packed double per row. */
  private readonly quant: QuantConfig | null;
  private quantScales: QuantScales = { grad: 1, hess: 1, constHess: true };
  /** A leaf's [grad, hess, count] histogram unpacked from its packed one, for split.ts. */
  private readonly unpacked: Float64Array;
  private readonly sums = new Float64Array(2);
  /** Quantised mode: features by (bins, index), four at a time in quad columns. */
  private readonly quadFeatures: Int32Array;
  private readonly quadOf: Int32Array;
  /** Level-wise growth (level.ts): quantised, num_leaves ≥ 2^max_depth, max_depth ≤ 7. */
  private readonly levelwise: boolean;
  private level: LevelBuffers | null = null;
  private slotStride = 0;
  /** Level-wise: the byte of feature f within a row of rowBins. */
  private quadPos = new Int32Array(0);
  /** Level-wise: each node's leaf index in the tree being built. */
  private readonly treeLeaf = new Int32Array(256);
  /** Level-wise: whether `rows`/leafStart hold every leaf's rows (renewLeaves). */
  private rowsGrouped = false;
  private readonly nodeValue = new Float64Array(256);
  private readonly nodeCount = new Int32Array(256);
  private readonly sumG = new Float64Array(256);
  private readonly sumH = new Float64Array(256);
  private readonly freeSlots = new Int32Array(256);
  private readonly nodeAtLeaf = new Int32Array(256);
  private readonly pendingEvent = new Int32Array(256);
  /** Level-wise: the splits made, in order; per node its first and last, linked by `next`. */
  private readonly events = {
    count: 0,
    info: Array.from({ length: 256 }, () => new SplitInfo()),
    right: new Int32Array(256),
    next: new Int32Array(256),
    first: new Int32Array(256),
    last: new Int32Array(256),
  };

  /**
   * `gradients`: the booster's gradient and hessian arrays (all outputs), when allocated from
   * the engine's memory: then threads also quantise them and do the last routing.
   */
  constructor(
    private readonly data: BinnedData,
    params: GbdtParams,
    monotone: Int8Array,
    engine?: GbdtEngine,
    gradients?: {
      grad: Float64Array;
      hess: Float64Array;
      objective: Omit<SharedObjective, 'grad' | 'hess'> | null;
    },
  ) {
    this.cfg = splitConfig(params);
    this.splitMeta = {
      cfg: this.cfg,
      binOffset: data.binOffset,
      numBins: data.numBins,
      isCategorical: data.isCategorical,
      monotone,
      totalBins: data.totalBins,
    };
    this.maxLeaves = params.num_leaves;
    this.maxDepth = params.max_depth;
    this.monotone = monotone;
    const n = data.numRows;
    const buf = (bytes: number): ArrayBufferLike =>
      engine ? engine.buffer(bytes) : new ArrayBuffer(bytes);
    this.quant = quantConfig(params, n);
    const D = this.maxDepth;
    this.levelwise = this.quant !== null && D >= 1 && D <= 7 && this.maxLeaves >= 2 ** D;
    const perRow = this.quant ? 8 : 16;
    this.rows = new Uint32Array(buf(4 * n));
    this.scratch = new Uint32Array(buf(this.levelwise ? 0 : 4 * n));
    this.scratchOrdered = new Float64Array(buf(this.levelwise ? 0 : perRow * n));
    this.goLeft = new Uint8Array(buf(256));
    this.ordered = new Float64Array(buf(perRow * n));
    this.unpacked = new Float64Array(this.quant ? data.totalBins * SLOT : 0);
    // Quads in histogram order (fewest bins first); the last numFeatures mod 4 stay single.
    const F = data.numFeatures;
    const byBins = Int32Array.from({ length: F }, (_, f) => f).sort(
      (a, b) => data.numBins[a]! - data.numBins[b]! || a - b,
    );
    if (this.levelwise) {
      // Every feature in a quad; the last quad padded with −1.
      this.quadFeatures = new Int32Array(4 * Math.ceil(F / 4)).fill(-1);
      this.quadFeatures.set(byBins);
    } else {
      this.quadFeatures = this.quant ? byBins.slice(0, F - (F % 4)) : new Int32Array(0);
    }
    this.quadOf = new Int32Array(F).fill(-1);
    for (let j = 0; j < this.quadFeatures.length; j++) this.quadOf[this.quadFeatures[j]!] = j >> 2;
    const quads = buildQuads(data.bins, this.quadFeatures, n, buf);
    const L = this.maxLeaves;
    this.leafSlot = new Int32Array(L);
    this.leafStart = new Int32Array(L);
    this.leafRows = new Int32Array(L);
    this.leafGrad = new Float64Array(L);
    this.leafHess = new Float64Array(L);
    this.leafValue = new Float64Array(L);
    this.leafDepth = new Int32Array(L);
    this.leafMin = new Float64Array(L);
    this.leafMax = new Float64Array(L);
    this.best = Array.from({ length: L }, () => new SplitInfo());
    this.builder = new TreeBuilder(L);
    let level: LevelBuffers | null = null;
    if (this.levelwise) {
      // Histograms held at once: the split nodes of a level (≤ 2^d) and their built children
      // (as many), for levels d + 1 < D: at most 2^(D − 1). One pool; a scratch area past the
      // features takes the padding bytes of the last quad.
      const slots = Math.max(1, 2 ** (D - 1));
      const stride = data.totalBins + 256;
      const all = new Float64Array(buf(slots * stride * 8));
      for (let slot = 0; slot < slots; slot++) {
        this.pool.push(all.subarray(slot * stride, (slot + 1) * stride));
      }
      this.slotStride = stride;
      const qf = this.quadFeatures;
      level = {
        leafOf: new Uint8Array(buf(n)),
        listBase: new Int32Array(buf(4 * n)),
        rowBins: rowMajor(data.bins, qf, n, buf),
        width: qf.length,
        ints: new Int32Array(buf(4 * LEVEL_INTS)),
        bytes: new Uint8Array(buf(LEVEL_BYTES)),
        pool: all,
        quadOffset: Int32Array.from(qf, (f) => (f >= 0 ? data.binOffset[f]! : data.totalBins)),
        quadBins: Int32Array.from(qf, (f) => (f >= 0 ? data.numBins[f]! : 0)),
        grad: engine && gradients ? gradients.grad : null,
        hess: engine && gradients ? gradients.hess : null,
        qf: new Float64Array(buf(8 * (QF_CHUNK + 4 * MAX_CHUNKS))),
        pending: new Float64Array(buf(8 * 256)),
        splitMeta: this.splitMeta,
        splitFeatures: new Int32Array(buf(4 * F)),
        splitIn: new Float64Array(buf(8 * (SPLIT_HEADER + SPLIT_IN * MAX_SPLIT_NODES))),
        splitOut: new Float64Array(buf(8 * SPLIT_OUT * MAX_SPLIT_NODES * MAX_SPLIT_WORKERS)),
        chunkCounts: new Int32Array(buf(4 * 256 * MAX_CHUNKS)),
        chunkG: new Float64Array(buf(8 * 256 * MAX_CHUNKS)),
        chunkH: new Float64Array(buf(8 * 256 * MAX_CHUNKS)),
      };
      this.level = level;
      this.quadPos = new Int32Array(F);
      qf.forEach((f, j) => {
        if (f >= 0) this.quadPos[f] = j;
      });
    } else if (engine) {
      // Threads need every buffer before the first tree: allocate all slots now.
      const bytes = data.totalBins * this.slotSize * 8;
      for (let slot = 0; slot < L; slot++) this.pool.push(new Float64Array(buf(bytes)));
    }
    const buffers = {
      bins: data.bins,
      binOffset: data.binOffset,
      numBins: data.numBins,
      rows: this.rows,
      ordered: this.ordered,
      quantized: this.quant !== null,
      quads,
      quadFeatures: this.quadFeatures,
      pool: this.pool,
      scratch: this.scratch,
      scratchOrdered: this.scratchOrdered,
      goLeft: this.goLeft,
      level,
      objective:
        engine && gradients?.objective
          ? { ...gradients.objective, grad: gradients.grad, hess: gradients.hess }
          : null,
    };
    this.buffers = buffers;
    this.histograms = engine ? engine.histograms(buffers) : localHistograms(buffers);
  }

  /**
   * Quantised mode's build list: every quad whose four features are all in `sorted` (as ~q),
   * then the remaining features.
   */
  private quadPlan(sorted: Int32Array): Int32Array {
    const nq = this.quadFeatures.length >> 2;
    const inTree = new Int32Array(nq);
    for (const f of sorted) if (this.quadOf[f]! >= 0) inTree[this.quadOf[f]!]!++;
    const list: number[] = [];
    for (let q = 0; q < nq; q++) if (inTree[q] === 4) list.push(~q);
    for (const f of sorted) {
      const q = this.quadOf[f]!;
      if (q < 0 || inTree[q] !== 4) list.push(f);
    }
    return Int32Array.from(list);
  }

  /**
   * Computes the booster's gradients with the engine's threads when it shared its objective
   * (see the constructor); false when the booster has to compute them.
   */
  computeGradients(): boolean {
    return this.histograms.gradients();
  }

  /** Doubles per histogram bin. */
  private get slotSize(): number {
    return this.quant ? 1 : SLOT;
  }

  /** Whether trees are grown on quantised gradients. */
  get quantized(): boolean {
    return this.quant !== null;
  }

  /**
   * Grows a tree on the rows in `bag` (all rows if null), splitting only on `features`.
   * Leaf values are unshrunk Newton steps; the caller applies the learning rate. With quantised
   * gradients, `rng` (required then) seeds the stochastic rounding.
   */
  grow(
    grad: Float64Array,
    hess: Float64Array,
    bag: Uint32Array | null,
    features: Int32Array,
    rng?: Rng,
  ): Tree {
    if (this.levelwise) return this.growLevelwise(grad, hess, bag, features, rng!);
    this.grad = grad;
    this.hess = hess;
    this.features = features;
    // Histogram passes take several features at once; few-bin features (categorical ones, say)
    // go first, sharing a wide pass, where the long same-bin runs that slow a one-feature pass
    // overlap with other features' work. Each feature's sums do not depend on the order.
    this.histFeatures = Int32Array.from(features).sort(
      (a, b) => this.data.numBins[a]! - this.data.numBins[b]! || a - b,
    );
    if (this.quant) this.histFeatures = this.quadPlan(this.histFeatures);
    const n = bag ? bag.length : this.data.numRows;
    if (bag) this.rows.set(bag);
    else for (let i = 0; i < n; i++) this.rows[i] = i;
    this.identityRows = !bag;
    this.leafOfNoted = false;
    let g = 0;
    let h = 0;
    if (this.quant) {
      if (!rng) throw new Error('quantised gradients need a random generator');
      const seed = rng.int(2 ** 32);
      const sums = this.sums;
      this.quantScales = quantizeGradients(
        bag ? this.rows : null,
        n,
        grad,
        hess,
        this.quant,
        seed,
        this.ordered,
        sums,
      );
      g = sums[0]! * this.quantScales.grad;
      h = sums[1]! * this.quantScales.hess;
    } else {
      gatherGradients(bag ? this.rows : null, 0, n, grad, hess, this.ordered);
      for (let i = 0; i < n; i++) {
        const r = this.rows[i]!;
        g += grad[r]!;
        h += hess[r]!;
      }
    }
    const value = leafOutput(g, h, this.cfg.lambdaL1, this.cfg.lambdaL2);
    this.numLeaves = 1;
    this.setLeaf(0, 0, n, g, h, value, 0, -Infinity, Infinity);
    this.builder.reset(value, n, h);
    this.leafSlot[0] = 0;
    this.best[0]!.reset();
    if (this.canSplit(0)) {
      this.buildInto(0, 0);
      this.findBest(0);
    }
    while (this.numLeaves < this.maxLeaves) {
      let leaf = -1;
      let gain = 0;
      for (let l = 0; l < this.numLeaves; l++) {
        const s = this.best[l]!;
        if (s.feature >= 0 && s.gain > gain) {
          gain = s.gain;
          leaf = l;
        }
      }
      if (leaf < 0) break;
      this.split(leaf);
    }
    if (this.quant?.renew) this.renewFromGradients();
    return this.builder.finish();
  }

  /**
   * grow() level by level (level.ts): for each depth, route the rows of the split nodes to
   * their children and build the smaller children's histograms in passes over all rows, then
   * subtract and find the children's best splits. The splits are then replayed best-first into
   * the tree, so it comes out as leaf-wise growth makes it (every node above max_depth that
   * has a split is split either way, since num_leaves ≥ 2^max_depth).
   */
  private growLevelwise(
    grad: Float64Array,
    hess: Float64Array,
    bag: Uint32Array | null,
    features: Int32Array,
    rng: Rng,
  ): Tree {
    this.grad = grad;
    this.hess = hess;
    this.features = features;
    const d = this.data;
    const N = d.numRows;
    const lv = this.level!;
    const ints = lv.ints;
    const nodeOf = lv.leafOf;
    const n = bag ? bag.length : N;
    const D = this.maxDepth;
    const stride = this.slotStride;
    this.identityRows = !bag;
    this.leafOfNoted = false;
    this.rowsGrouped = false;
    const sums = this.sums;
    // Shared gradients: threads quantise ranges of rows (same values as one thread would).
    const gradAt =
      lv.grad !== null &&
      grad.buffer === lv.grad.buffer &&
      hess.buffer === lv.hess!.buffer &&
      grad.byteOffset - lv.grad.byteOffset === hess.byteOffset - lv.hess!.byteOffset
        ? (grad.byteOffset - lv.grad.byteOffset) / 8
        : -1;
    const seed = rng.int(2 ** 32);
    if (gradAt >= 0) {
      if (bag) this.rows.set(bag);
      const qf = lv.qf;
      // The gradient job has written every chunk's extremes when all rows are in the tree.
      if (bag !== null || ints[SCANNED] !== 1)
        this.histograms.scanGradients(n, gradAt, bag !== null);
      ints[SCANNED] = 0;
      const chunks = ints[NUM_CHUNKS]!;
      let maxG = 0;
      let maxH = 0;
      let minH = Infinity;
      for (let c = 0; c < chunks; c++) {
        const at = QF_CHUNK + 4 * c;
        maxG = Math.max(maxG, qf[at]!);
        maxH = Math.max(maxH, qf[at + 1]!);
        minH = Math.min(minH, qf[at + 2]!);
      }
      const sc = quantScales(maxG, maxH, minH, this.quant!.bins);
      qf[QF_GRAD] = sc.grad;
      qf[QF_HESS] = sc.hess;
      qf[QF_CONST] = sc.constHess ? 1 : 0;
      qf[QF_SEED] = seed;
      qf[QF_K] = this.quant!.scale;
      this.histograms.packGradients(n, gradAt, bag !== null);
      sums[0] = 0;
      sums[1] = 0;
      for (let c = 0; c < chunks; c++) {
        sums[0] += qf[QF_CHUNK + 4 * c + 2]!;
        sums[1] += qf[QF_CHUNK + 4 * c + 3]!;
      }
      this.quantScales = sc;
    } else {
      this.quantScales = quantizeGradients(
        bag,
        n,
        grad,
        hess,
        this.quant!,
        seed,
        this.ordered,
        sums,
        true,
      );
    }
    const g = sums[0]! * this.quantScales.grad;
    const h = sums[1]! * this.quantScales.hess;
    if (bag) {
      nodeOf.fill(NO_NODE);
      for (let i = 0; i < n; i++) nodeOf[bag[i]!] = 0;
    } else {
      nodeOf.fill(0);
    }
    const value = leafOutput(g, h, this.cfg.lambdaL1, this.cfg.lambdaL2);
    this.numLeaves = 1;
    this.setLeaf(0, 0, n, g, h, value, 0, -Infinity, Infinity);
    this.builder.reset(value, n, h);
    this.best[0]!.reset();
    // Free histogram slots (a stack).
    const free = this.freeSlots;
    let nFree = 0;
    for (let slot = this.pool.length - 1; slot >= 0; slot--) free[nFree++] = slot;
    this.leafSlot[0] = free[--nFree]!;
    ints.fill(0, LISTED, LISTED + 256);
    lv.bytes.fill(0, LISTED_AT, LISTED_AT + 256);
    for (let p = 0; p < 256; p++) keepNode(ints, lv.bytes, p);
    const ev = this.events;
    ev.count = 0;
    ev.first.fill(-1);
    ev.last.fill(-1);
    let levelNodes: number[] = [];
    if (this.canSplit(0)) {
      ints[NUM_NODES] = 1;
      ints[LISTED] = 1;
      ints[SLOT_BASE] = this.leafSlot[0]! * stride;
      if (bag) {
        this.rows.set(bag);
        lv.listBase.fill(ints[SLOT_BASE]!, 0, n);
        ints[NUM_CHUNKS] = 1;
        ints[CHUNK_START] = 0;
        ints[CHUNK_LISTED] = n;
        this.histograms.buildLevel(false, N);
      } else {
        this.histograms.buildLevel(true, N);
      }
      this.findBestLevel([0]);
      levelNodes = [0];
    }
    const splitNodes: number[] = [];
    for (let depth = 0; levelNodes.length > 0; depth++) {
      ints.fill(0, LISTED, LISTED + 256);
      lv.bytes.fill(0, LISTED_AT, LISTED_AT + 256);
      const canGrow = depth + 1 < D;
      splitNodes.length = 0;
      let listed = 0;
      for (const p of levelNodes) {
        const s = this.best[p]!;
        if (s.feature < 0) {
          free[nFree++] = this.leafSlot[p]!;
          continue;
        }
        const right = this.numLeaves++;
        const e = ev.count++;
        ev.info[e]!.copyFrom(s);
        ev.right[e] = right;
        ev.next[e] = -1;
        if (ev.last[p]! >= 0) ev.next[ev.last[p]!] = e;
        else ev.first[p] = e;
        ev.last[p] = e;
        splitNode(ints, lv.bytes, p, this.quadPos[s.feature]!, p, right);
        this.fillGoLeft(s, lv.bytes, GO_LEFT_AT + 256 * p);
        this.setChildren(p, right, s, 0, 0);
        const parentSlot = this.leafSlot[p]!;
        if (canGrow) {
          // Build the child that looks smaller (hessian-derived counts; any choice is exact).
          const smaller = s.leftCount <= s.rightCount ? p : right;
          const larger = smaller === p ? right : p;
          if (nFree === 0) throw new Error('level-wise growth ran out of histogram slots');
          const slot = free[--nFree]!;
          this.leafSlot[larger] = parentSlot;
          this.leafSlot[smaller] = slot;
          ints[LISTED + smaller] = 1;
          lv.bytes[LISTED_AT + smaller] = 1;
          ints[SLOT_BASE + smaller] = slot * stride;
          listed++;
        } else {
          free[nFree++] = parentSlot;
        }
        splitNodes.push(p);
      }
      if (splitNodes.length === 0) break;
      for (const p of splitNodes) {
        const e = ev.last[p]!;
        const s = ev.info[e]!;
        // Hessian-derived counts while growing (as LightGBM counts); LevelKernels.finish counts the
        // leaves exactly.
        this.leafRows[p] = Math.round(s.leftCount);
        this.leafRows[ev.right[e]!] = Math.round(s.rightCount);
        this.best[p]!.reset();
        this.best[ev.right[e]!]!.reset();
      }
      // The last level's rows are routed by LevelKernels.finish.
      if (!canGrow) break;
      ints[NUM_NODES] = this.numLeaves;
      this.histograms.route(N);
      for (const p of splitNodes) keepNode(ints, lv.bytes, p);
      if (listed > 0) this.histograms.buildLevel(false, N);
      const next: number[] = [];
      for (const p of splitNodes) {
        const right = ev.right[ev.last[p]!]!;
        const smaller = ints[LISTED + p] === 1 ? p : right;
        const larger = smaller === p ? right : p;
        const smallCan = this.canSplit(smaller);
        const largeCan = this.canSplit(larger);
        if (largeCan) {
          subtractHistogram(
            this.pool[this.leafSlot[larger]!]!,
            this.pool[this.leafSlot[smaller]!]!,
            this.features,
            d.binOffset,
            d.numBins,
            1,
          );
          next.push(larger);
        } else {
          free[nFree++] = this.leafSlot[larger]!;
        }
        if (smallCan) {
          next.push(smaller);
        } else {
          free[nFree++] = this.leafSlot[smaller]!;
        }
      }
      this.findBestLevel(next);
      levelNodes = next;
    }
    const renew = this.quant!.renew;
    const counts = this.nodeCount;
    const { sumG, sumH } = this;
    // The last routing, with exact counts (and full-precision sums for the renewal), in
    // fixed chunks added in order: the same sums whichever threads do them.
    if (gradAt >= 0) {
      this.histograms.finish(N, gradAt, renew);
    } else {
      const chunks = Math.ceil(N / finishChunkRows(N));
      for (let c = 0; c < chunks; c++) finishChunk(this.buffers, c, N, renew, 0, grad, hess);
    }
    combineFinish(N, this.numLeaves, lv.chunkCounts, lv.chunkG, lv.chunkH, counts, sumG, sumH);
    for (const p of splitNodes) keepNode(ints, lv.bytes, p);
    this.replaySplits();
    const cfg = this.cfg;
    for (let l = 0; l < this.numLeaves; l++) {
      this.leafRows[l] = counts[l]!;
      let value = this.leafValue[l]!;
      let hl = this.leafHess[l]!;
      if (renew) {
        hl = sumH[l]!;
        const v = leafOutput(sumG[l]!, hl, cfg.lambdaL1, cfg.lambdaL2);
        value = Math.min(Math.max(v, this.leafMin[l]!), this.leafMax[l]!);
      }
      this.builder.setLeaf(this.treeLeaf[l]!, value, counts[l]!, hl);
    }
    this.builder.sumInternal();
    return this.builder.finish();
  }

  /**
   * Adds the level-wise splits to the tree in leaf-wise order: repeatedly the pending split of
   * largest gain (the first such leaf in tree order on ties), as grow() would choose them.
   */
  private replaySplits(): void {
    const ev = this.events;
    const atLeaf = this.nodeAtLeaf;
    const pending = this.pendingEvent;
    atLeaf[0] = 0;
    this.treeLeaf[0] = 0;
    pending[0] = ev.first[0]!;
    let leaves = 1;
    for (;;) {
      let pick = -1;
      let gain = 0;
      for (let t = 0; t < leaves; t++) {
        const e = pending[atLeaf[t]!]!;
        if (e >= 0 && ev.info[e]!.gain > gain) {
          gain = ev.info[e]!.gain;
          pick = t;
        }
      }
      if (pick < 0) break;
      const p = atLeaf[pick]!;
      const e = pending[p]!;
      const s = ev.info[e]!;
      const right = ev.right[e]!;
      const { threshold, catCodes } = this.splitRule(s);
      const t = this.builder.split(pick, s.feature, threshold, s.defaultLeft, catCodes, s.gain);
      leaves++;
      atLeaf[t] = right;
      this.treeLeaf[right] = t;
      // Counts (exact, from LevelKernels.finish) and final values are set after the replay.
      this.builder.setLeaf(pick, s.leftOutput, 0, s.leftHess);
      this.builder.setLeaf(t, s.rightOutput, 0, s.rightHess);
      pending[p] = ev.next[e]!;
      pending[right] = ev.first[right]!;
    }
  }

  /** Level-wise: rows grouped by leaf into `rows`, from leafStart (for renewLeaves). */
  private groupRows(): void {
    if (this.rowsGrouped) return;
    const nodeOf = this.level!.leafOf;
    const L = this.numLeaves;
    let at = 0;
    for (let l = 0; l < L; l++) {
      this.leafStart[l] = at;
      at += this.leafRows[l]!;
    }
    const fill = Int32Array.from(this.leafStart.subarray(0, L));
    for (let r = 0; r < this.data.numRows; r++) {
      const l = nodeOf[r]!;
      if (l !== NO_NODE) this.rows[fill[l]!++] = r;
    }
    this.rowsGrouped = true;
  }

  /**
   * Quantised training: sets every leaf to its Newton step from the full-precision gradients
   * of its rows (within its monotone bounds), and its hessian to their true sum.
   */
  private renewFromGradients(): void {
    const { grad, hess, rows, cfg } = this;
    const L = this.numLeaves;
    const sumG = this.leafGrad;
    const sumH = this.leafHess;
    sumG.fill(0, 0, L);
    sumH.fill(0, 0, L);
    if (this.identityRows) {
      // Every row: sum in row order through the rows' leaves (sequential reads; addToScore
      // reuses leafOf).
      const leafOf = this.noteLeaves();
      const n = this.data.numRows;
      for (let r = 0; r < n; r++) {
        const l = leafOf[r]!;
        sumG[l] = sumG[l]! + grad[r]!;
        sumH[l] = sumH[l]! + hess[r]!;
      }
    } else {
      for (let l = 0; l < L; l++) {
        const start = this.leafStart[l]!;
        const end = start + this.leafRows[l]!;
        let g = 0;
        let h = 0;
        for (let i = start; i < end; i++) {
          const r = rows[i]!;
          g += grad[r]!;
          h += hess[r]!;
        }
        sumG[l] = g;
        sumH[l] = h;
      }
    }
    for (let l = 0; l < L; l++) {
      const g = sumG[l]!;
      const h = sumH[l]!;
      const v = leafOutput(g, h, cfg.lambdaL1, cfg.lambdaL2);
      const value = Math.min(Math.max(v, this.leafMin[l]!), this.leafMax[l]!);
      this.builder.setLeaf(l, value, this.leafRows[l]!, h);
    }
    this.builder.sumInternal();
  }

  /** leafOf[row] = the row's leaf in the last tree, for every row (no bagging). */
  private noteLeaves(): Uint8Array | Int32Array {
    const leafOf = (this.leafOf ??=
      this.maxLeaves <= 256
        ? new Uint8Array(this.data.numRows)
        : new Int32Array(this.data.numRows));
    for (let l = 0; l < this.numLeaves; l++) {
      const end = this.leafStart[l]! + this.leafRows[l]!;
      for (let i = this.leafStart[l]!; i < end; i++) leafOf[this.rows[i]!] = l;
    }
    this.leafOfNoted = true;
    return leafOf;
  }

  /** score[row] += the tree's leaf value, for every row the last tree was grown on. */
  addToScore(tree: Tree, score: Float64Array): void {
    if (this.levelwise) {
      const values = this.nodeValue;
      for (let l = 0; l < this.numLeaves; l++) values[l] = tree.leafValue[this.treeLeaf[l]!]!;
      const nodeOf = this.level!.leafOf;
      const n = this.data.numRows;
      if (this.identityRows && this.buffers.objective !== null) {
        // The engine's threads compute the next gradients from these scores: they add each
        // row's value in the same pass (gradient-kernel.ts), instead of this thread alone here.
        this.level!.pending.set(values);
        this.level!.ints[PENDING] = 1;
      } else if (this.identityRows) {
        for (let r = 0; r < n; r++) score[r] = score[r]! + values[nodeOf[r]!]!;
      } else {
        for (let r = 0; r < n; r++) {
          const l = nodeOf[r]!;
          if (l !== NO_NODE) score[r] = score[r]! + values[l]!;
        }
      }
      return;
    }
    if (this.identityRows) {
      // Every row: note each row's leaf (a small array, cheap to scatter into), then update the
      // scores in row order, instead of one scattered pass over the scores per leaf (about 4×
      // faster on 800,000 rows). Each score gets the same single addition either way.
      const leafOf = this.leafOfNoted ? this.leafOf! : this.noteLeaves();
      this.leafOfNoted = false;
      const values = tree.leafValue;
      for (let r = 0; r < this.data.numRows; r++) score[r] = score[r]! + values[leafOf[r]!]!;
      return;
    }
    for (let l = 0; l < this.numLeaves; l++) {
      const v = tree.leafValue[l]!;
      const end = this.leafStart[l]! + this.leafRows[l]!;
      for (let i = this.leafStart[l]!; i < end; i++) {
        const r = this.rows[i]!;
        score[r] = score[r]! + v;
      }
    }
  }

  /**
   * Replaces each leaf value of the last grown tree by `value(rows of the leaf)`, clamped to
   * the leaf's monotone bounds.
   */
  renewLeaves(tree: Tree, value: (rows: Uint32Array) => number): void {
    if (this.levelwise) this.groupRows();
    for (let l = 0; l < this.numLeaves; l++) {
      const start = this.leafStart[l]!;
      const v = value(this.rows.subarray(start, start + this.leafRows[l]!));
      const t = this.levelwise ? this.treeLeaf[l]! : l;
      tree.leafValue[t] = Math.min(Math.max(v, this.leafMin[l]!), this.leafMax[l]!);
    }
  }

  private setLeaf(
    l: number,
    start: number,
    rows: number,
    g: number,
    h: number,
    value: number,
    depth: number,
    min: number,
    max: number,
  ): void {
    this.leafStart[l] = start;
    this.leafRows[l] = rows;
    this.leafGrad[l] = g;
    this.leafHess[l] = h;
    this.leafValue[l] = value;
    this.leafDepth[l] = depth;
    this.leafMin[l] = min;
    this.leafMax[l] = max;
  }

  private canSplit(l: number): boolean {
    const c = this.cfg;
    return (
      this.leafRows[l]! >= 2 * c.minDataInLeaf &&
      this.leafHess[l]! >= 2 * c.minSumHessianInLeaf &&
      (this.maxDepth <= 0 || this.leafDepth[l]! < this.maxDepth)
    );
  }

  private slotBuffer(slot: number): Float64Array {
    let buf = this.pool[slot];
    if (!buf) {
      buf = new Float64Array(this.data.totalBins * this.slotSize);
      this.pool[slot] = buf;
    }
    return buf;
  }

  /** Builds leaf l's histogram from its rows into buffer `slot`. */
  private buildInto(l: number, slot: number): void {
    const start = this.leafStart[l]!;
    const end = start + this.leafRows[l]!;
    const d = this.data;
    // The root of an unbagged tree holds rows 0 … n − 1 in order: no row list needed.
    const rows = this.identityRows && start === 0 && end === d.numRows ? null : this.rows;
    this.slotBuffer(slot);
    this.histograms.build(rows === null, start, end, this.histFeatures, slot);
  }

  private findBest(l: number): void {
    const best = this.best[l]!;
    best.reset();
    const totals = this.leafTotals(l);
    const hist = this.pool[this.leafSlot[l]!]!;
    if (this.quant) {
      // Score splits on the unpacked sums; the leaf's totals come from the same integers.
      const F = this.features.length;
      scanFeatures(
        this.splitMeta,
        hist,
        0,
        this.features,
        0,
        F,
        totals,
        this.quant.scale,
        this.quantScales,
        this.countPerHess,
        this.unpacked,
        best,
      );
      return;
    }
    scoreFeatures(this.splitMeta, hist, this.features, 0, this.features.length, totals, best);
  }

  /** Rows per unit of hessian of the last leafTotals (quantised: counts derived from H). */
  private countPerHess = 0;

  /** The totals of leaf l (quantised: from its packed histogram; sets countPerHess). */
  private leafTotals(l: number): LeafTotals {
    const c = this.cfg;
    const g = this.leafGrad[l]!;
    const h = this.leafHess[l]!;
    const totals: LeafTotals = {
      grad: g,
      hess: h,
      count: this.leafRows[l]!,
      gain: leafGain(g, h, c.lambdaL1, c.lambdaL2, this.leafValue[l]!),
      bounds: { min: this.leafMin[l]!, max: this.leafMax[l]! },
    };
    if (this.quant) {
      const d = this.data;
      const hist = this.pool[this.leafSlot[l]!]!;
      const sc = this.quantScales;
      const f0 = this.features[0]!;
      packedTotals(hist, d.binOffset[f0]!, d.numBins[f0]!, this.quant.scale, this.sums);
      const H = this.sums[1]!;
      totals.grad = this.sums[0]! * sc.grad;
      totals.hess = H * sc.hess;
      totals.gain = leafGain(totals.grad, totals.hess, c.lambdaL1, c.lambdaL2, this.leafValue[l]!);
      this.countPerHess = H > 0 ? this.leafRows[l]! / H : 0;
    }
    return totals;
  }

  /**
   * findBest for each of `nodes` (level-wise, quantised): with an engine that takes split
   * jobs, its threads score the second half of the features while this thread scores the
   * first, and each node keeps the strictly better split — the first best in feature order,
   * as findBest finds it.
   */
  private findBestLevel(nodes: readonly number[]): void {
    const lv = this.level!;
    const F = this.features.length;
    if (!this.histograms.splits || nodes.length === 0 || F < 2 || nodes.length > MAX_SPLIT_NODES) {
      for (const l of nodes) this.findBest(l);
      return;
    }
    const all = this.totalsScratch;
    lv.splitFeatures.set(this.features);
    writeSplitHeader(lv.splitIn, this.quant!.scale, this.quantScales);
    nodes.forEach((l, j) => {
      all[j] = this.leafTotals(l);
      this.perHess[j] = this.countPerHess;
      writeSplitInput(
        lv.splitIn,
        j,
        this.leafSlot[l]! * this.slotStride,
        all[j]!,
        this.countPerHess,
      );
    });
    const others = this.histograms.splits(F, nodes.length, (from, to) => {
      nodes.forEach((l, j) => {
        const best = this.best[l]!;
        best.reset();
        scanFeatures(
          this.splitMeta,
          lv.pool,
          this.leafSlot[l]! * this.slotStride,
          this.features,
          from,
          to,
          all[j]!,
          this.quant!.scale,
          this.quantScales,
          this.perHess[j]!,
          this.unpacked,
          best,
        );
      });
    });
    for (let w = 0; w < others; w++) {
      const base = w * MAX_SPLIT_NODES * SPLIT_OUT;
      nodes.forEach((l, j) => mergeSplit(lv.splitOut, base + SPLIT_OUT * j, this.best[l]!));
    }
  }

  private readonly totalsScratch: LeafTotals[] = [];
  private readonly perHess = new Float64Array(MAX_SPLIT_NODES);

  /** goLeft[at + bin] = 1 for the bins split `s` sends left. */
  private fillGoLeft(s: SplitInfo, goLeft: Uint8Array, at: number): void {
    if (s.categorical) {
      goLeft.fill(0, at, at + 256);
      for (const b of s.catBins) goLeft[at + b] = 1;
    } else {
      goLeft[at] = s.defaultLeft ? 1 : 0;
      for (let b = 1; b < 256; b++) goLeft[at + b] = b <= s.thresholdBin ? 1 : 0;
    }
  }

  /** The split's test as the tree stores it: a raw threshold, or the codes going left. */
  private splitRule(s: SplitInfo): { threshold: number; catCodes: number[] | null } {
    const binning = this.data.binning[s.feature]!;
    if (s.categorical) {
      const binToCode = (binning as CategoricalBins).binToCode;
      return { threshold: 0, catCodes: s.catBins.map((b) => binToCode[b]!) };
    }
    const nb = this.data.numBins[s.feature]!;
    const edges = (binning as NumericBins).edges;
    return {
      threshold: s.thresholdBin <= nb - 2 ? edges[s.thresholdBin - 1]! : Infinity,
      catCodes: null,
    };
  }

  /**
   * Sets up the two children of split `s` of `leaf` (which becomes the left one; `right` is
   * new): sums, values, depth and monotone bounds; rows from leafStart `start`, nLeft left.
   */
  private setChildren(
    leaf: number,
    right: number,
    s: SplitInfo,
    start: number,
    nLeft: number,
  ): void {
    const f = s.feature;
    const depth = this.leafDepth[leaf]! + 1;
    let lMin = this.leafMin[leaf]!;
    let lMax = this.leafMax[leaf]!;
    let rMin = lMin;
    let rMax = lMax;
    const mono = s.categorical ? 0 : (this.monotone[f] ?? 0);
    if (mono !== 0) {
      // LightGBM's basic method: children may not cross the midpoint of their values.
      const mid = (s.leftOutput + s.rightOutput) / 2;
      if (mono > 0) {
        lMax = Math.min(lMax, mid);
        rMin = Math.max(rMin, mid);
      } else {
        lMin = Math.max(lMin, mid);
        rMax = Math.min(rMax, mid);
      }
    }
    const end = start + this.leafRows[leaf]!;
    const w = start + nLeft;
    this.setLeaf(leaf, start, nLeft, s.leftGrad, s.leftHess, s.leftOutput, depth, lMin, lMax);
    this.setLeaf(right, w, end - w, s.rightGrad, s.rightHess, s.rightOutput, depth, rMin, rMax);
  }

  private split(leaf: number): void {
    const s = this.best[leaf]!;
    const d = this.data;
    const f = s.feature;
    this.fillGoLeft(s, this.goLeft, 0);
    const { threshold, catCodes } = this.splitRule(s);
    // Stable partition of the leaf's rows: left rows stay in place, right rows follow.
    const start = this.leafStart[leaf]!;
    const end = start + this.leafRows[leaf]!;
    const nLeft = this.histograms.partition(f, start, end);
    const w = start + nLeft;
    const t = end - w;

    const right = this.builder.split(leaf, f, threshold, s.defaultLeft, catCodes, s.gain);
    this.numLeaves++;
    const parentSlot = this.leafSlot[leaf]!;
    this.setChildren(leaf, right, s, start, nLeft);
    this.builder.setLeaf(leaf, s.leftOutput, nLeft, s.leftHess);
    this.builder.setLeaf(right, s.rightOutput, t, s.rightHess);

    const leftCan = this.canSplit(leaf);
    const rightCan = this.canSplit(right);
    this.best[leaf]!.reset();
    this.best[right]!.reset();
    // Slot `right` (the old leaf count) is always free: slots in use are 0 … numLeaves − 2.
    const freeSlot = right;
    if (!leftCan && !rightCan) {
      this.leafSlot[right] = freeSlot;
      return;
    }
    const smaller = nLeft <= t ? leaf : right;
    const larger = smaller === leaf ? right : leaf;
    this.buildInto(smaller, freeSlot);
    this.leafSlot[smaller] = freeSlot;
    this.leafSlot[larger] = parentSlot;
    if (this.canSplit(larger)) {
      subtractHistogram(
        this.pool[parentSlot]!,
        this.pool[freeSlot]!,
        this.features,
        d.binOffset,
        d.numBins,
        this.slotSize,
      );
      this.findBest(larger);
    }
    if (this.canSplit(smaller)) this.findBest(smaller);
  }
}
