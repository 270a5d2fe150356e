// Level-wise histogram building (quantised gradients, depth-limited trees): all nodes of one
// depth are routed and histogrammed in passes over the rows in row order.
import { fresh } from './fresh.js';

/*
 * When every leaf above max_depth can be split (num_leaves ≥ 2^max_depth), leaf-wise growth
 * makes the same splits as growing one depth at a time, so the learner grows level by level
 * (XGBoost's way) and replays the splits best-first into the tree, which comes out the same.
 * A level takes two passes over the rows, in row order:
 *
 * 1. route (LevelKernels): each row of a node being split moves to its child (leafOf[row],
 *    one byte per row), and the rows of the children whose histograms are built (the smaller
 *    of each pair) are listed — ascending, so the next pass reads the bin
 *    columns nearly sequentially whatever the node sizes (leaf-wise growth reads small leaves'
 *    rows far apart, at 3–20 ns per row and feature instead of ~1.3).
 * 2. build: every listed row adds its packed gradient to its node's histogram.
 *
 * The last level's routing (finish) also counts the leaves' rows and sums their full
 * gradients for quant_train_renew_leaf.
 *
 * The rows list replaces partitioning. Row ranges (pass 1) and quads of features (pass 2) can
 * be split over threads; histogram sums are exact integers, so results do not depend on it.
 *
 * Tables (an Int32Array `ints` and a Uint8Array `bytes`, shared with the threads): per node
 * (ids < 255) where its split column starts, its children, whether its rows are listed, the
 * offset of its histogram in the pool; per chunk of rows its start, how many rows it listed,
 * and its counts of rows per node.
 */
export const SPLIT_BASE = 0;
export const LISTED = 768;
export const SLOT_BASE = 1024;
export const NUM_CHUNKS = 1280;
/** Node ids in use (0 … ints[NUM_NODES] − 1). */
export const NUM_NODES = 1281;
/** CHUNK_START + c: first row of chunk c (c = 0 … chunks; the last entry is the end). */
export const CHUNK_START = 1284;
export const CHUNK_LISTED = CHUNK_START + 257;
/** Most chunks (threads) a level pass is split into. */
export const MAX_CHUNKS = 256;
/** 1 while the last tree's leaf values wait in LevelBuffers.pending to be added to the scores. */
export const PENDING = CHUNK_LISTED + MAX_CHUNKS;
/** 1 when the gradient job has also written each chunk's extremes (no scan needed). */
export const SCANNED = PENDING + 1;
export const LEVEL_INTS = SCANNED + 1;
/** The byte tables: go-left per node and bin, child per node and side, listed per node. */
export const GO_LEFT_AT = 0;
export const CHILD_AT = 65536;
export const LISTED_AT = CHILD_AT + 512;
export const LEVEL_BYTES = LISTED_AT + 256;
/** leafOf value of rows outside the tree's bag. */
export const NO_NODE = 255;

/** Rows per chunk of LevelKernels.finish: fixed for a row count, whatever the threads. */
export function finishChunkRows(n: number): number {
  return Math.max(65536, Math.ceil(n / MAX_CHUNKS));
}

/** The buffers the level kernels work on, fixed for a training run. */
export interface LevelArrays {
  /** Each row's bins in `width` bytes (row-major). */
  rowBins: Uint8Array;
  width: number;
  leafOf: Uint8Array;
  ints: Int32Array;
  bytes: Uint8Array;
  /** Listed rows, and their histograms' offsets in `pool`. */
  list: Uint32Array;
  listBase: Int32Array;
  quads: readonly Uint32Array[];
  quadOffset: Int32Array;
  quadBins: Int32Array;
  /** One packed gradient per row. */
  packed: Float64Array;
  pool: Float64Array;
  chunkCounts: Int32Array;
  chunkG: Float64Array;
  chunkH: Float64Array;
  /** The booster's gradients and hessians when shared (LevelBuffers.grad), else null. */
  grad: Float64Array | null;
  hess: Float64Array | null;
}

export interface LevelKernels {
  /**
   * Pass 1 over rows [a, b): moves rows of split nodes to their children and lists the rows of
   * listed nodes at list[a …], with their histograms' offsets at listBase[a …]; returns how
   * many it listed. The node tables: SPLIT_BASE + p the byte of node p's split feature within
   * a row, CHILD_AT + 2p + goesLeft the child a row of p moves to, LISTED_AT + c whether c's
   * rows are listed, GO_LEFT_AT + 256p + bin. Branch-free: a node not split at this level
   * "moves" to itself. Rows are not counted here: growth uses the hessian-derived counts of
   * the splits, and finish counts the leaves exactly.
   */
  route(a: number, b: number): number;
  /**
   * Pass 2: adds the packed gradient of every listed row (chunks 0 … NUM_CHUNKS − 1 of the
   * list; all rows 0 … n − 1 when `all`) to its node's histogram, for quads qFrom … qTo − 1
   * (quadOffset[4q + j]: the histogram offset of byte j of quad q, a scratch area past the
   * features for padding bytes; quadBins its feature's bins, 0 for padding). First zeroes
   * those quads' bins in the histogram of every LISTED node.
   */
  build(qFrom: number, qTo: number, all: boolean, n: number): void;
  /**
   * The last routing of a tree, for rows [a, b) (chunk `chunk` of finishChunkRows): moves
   * rows of split nodes to their children, counts every node's rows (chunkCounts[256·chunk +
   * node]) and, when `sums`, adds up each node's gradients and hessians in row order (chunkG,
   * chunkH at 256·chunk + node): those of row r at grad[r], hess[r], or with grad null at
   * at + r of the shared LevelArrays.grad and hess. combineFinish adds the chunks in chunk
   * order, so the result does not depend on which thread did which chunk.
   */
  finish(
    a: number,
    b: number,
    chunk: number,
    sums: boolean,
    at: number,
    grad: Float64Array | null,
    hess: Float64Array | null,
  ): void;
}

/** Where level.ts's tables live (passed in: the kernels' source may not refer to the module). */
const LAYOUT = {
  SPLIT_BASE,
  LISTED,
  SLOT_BASE,
  NUM_CHUNKS,
  NUM_NODES,
  CHUNK_START,
  CHUNK_LISTED,
  GO_LEFT_AT,
  CHILD_AT,
  LISTED_AT,
};

/**
 * The level kernels as closures over one run's buffers. Why closures: V8 compiles a closure
 * whose function has only ever had one instance with its captured constants folded in — the
 * arrays' data pointers and lengths, `width` — while a kernel taking the arrays as arguments
 * reloads each array's pointer and length on every access (TurboFan does not hoist them out of
 * the loop). Measured on the bench data (800,000 rows): routing 8.2–8.9 ms as a function with
 * arguments, 2.0–2.2 ms as a closure; the listed-row histogram kernel 15–18 ms vs 10–11 ms.
 * Only the first closure of a function gets this, so each call of levelKernels compiles the
 * factory afresh (fresh.ts) and every training run, and every thread, gets its own.
 *
 * The body may refer only to its arguments and to built-ins.
 */
function levelKernelSource(x: LevelArrays, L: typeof LAYOUT): LevelKernels {
  const rowBins = x.rowBins;
  const width = x.width;
  const leafOf = x.leafOf;
  const ints = x.ints;
  const bytes = x.bytes;
  const list = x.list;
  const listBase = x.listBase;
  const quads = x.quads;
  const quadOffset = x.quadOffset;
  const quadBins = x.quadBins;
  const pk = x.packed;
  const out = x.pool;
  const chunkCounts = x.chunkCounts;
  const chunkG = x.chunkG;
  const chunkH = x.chunkH;
  const splitAt = ints.subarray(L.SPLIT_BASE, L.SPLIT_BASE + 256);
  const slotBase = ints.subarray(L.SLOT_BASE, L.SLOT_BASE + 256);
  const goLeft = bytes.subarray(L.GO_LEFT_AT, L.GO_LEFT_AT + 65536);
  const child = bytes.subarray(L.CHILD_AT, L.CHILD_AT + 512);
  const listed = bytes.subarray(L.LISTED_AT, L.LISTED_AT + 256);
  const LISTED_NODE = L.LISTED;
  const NUM_NODES_AT = L.NUM_NODES;
  const NUM_CHUNKS_AT = L.NUM_CHUNKS;
  const CHUNK_START_AT = L.CHUNK_START;
  const CHUNK_LISTED_AT = L.CHUNK_LISTED;

  const route = (a: number, b: number): number => {
    // Two loops: a row's list slot depends on every earlier row's route, so listing inside the
    // routing loop makes each row's stores wait for the chain of loads before them.
    for (let r = a; r < b; r++) {
      const p = leafOf[r]!;
      leafOf[r] = child[(p << 1) + goLeft[(p << 8) + rowBins[r * width + splitAt[p]!]!]!]!;
    }
    let w = a;
    for (let r = a; r < b; r++) {
      const c = leafOf[r]!;
      list[w] = r;
      listBase[w] = slotBase[c]!;
      w += listed[c]!;
    }
    return w - a;
  };

  const sharedGrad = x.grad ?? new Float64Array(0);
  const sharedHess = x.hess ?? new Float64Array(0);
  const finish = (
    a: number,
    b: number,
    chunk: number,
    sums: boolean,
    at: number,
    grad: Float64Array | null,
    hess: Float64Array | null,
  ): void => {
    const cnt = chunkCounts.subarray(256 * chunk, 256 * chunk + 256);
    const sg = chunkG.subarray(256 * chunk, 256 * chunk + 256);
    const sh = chunkH.subarray(256 * chunk, 256 * chunk + 256);
    cnt.fill(0);
    sg.fill(0);
    sh.fill(0);
    for (let r = a; r < b; r++) {
      const p = leafOf[r]!;
      leafOf[r] = child[(p << 1) + goLeft[(p << 8) + rowBins[r * width + splitAt[p]!]!]!]!;
    }
    if (!sums) {
      for (let r = a; r < b; r++) {
        const c = leafOf[r]!;
        cnt[c] = cnt[c]! + 1;
      }
    } else if (grad === null || hess === null) {
      // The shared arrays, captured: the common case, and the fast one.
      for (let r = a; r < b; r++) {
        const c = leafOf[r]!;
        cnt[c] = cnt[c]! + 1;
        sg[c] = sg[c]! + sharedGrad[at + r]!;
        sh[c] = sh[c]! + sharedHess[at + r]!;
      }
    } else {
      for (let r = a; r < b; r++) {
        const c = leafOf[r]!;
        cnt[c] = cnt[c]! + 1;
        sg[c] = sg[c]! + grad[r]!;
        sh[c] = sh[c]! + hess[r]!;
      }
    }
  };

  const level8 = (
    qa: Uint32Array,
    qb: Uint32Array,
    o0: number,
    o1: number,
    o2: number,
    o3: number,
    o4: number,
    o5: number,
    o6: number,
    o7: number,
    start: number,
    end: number,
  ): void => {
    for (let i = start; i < end; i++) {
      const r = list[i]!;
      const base = listBase[i]!;
      const v = pk[r]!;
      const x = qa[r]!;
      const y = qb[r]!;
      let k = base + o0 + (x & 255);
      out[k] = out[k]! + v;
      k = base + o1 + ((x >>> 8) & 255);
      out[k] = out[k]! + v;
      k = base + o2 + ((x >>> 16) & 255);
      out[k] = out[k]! + v;
      k = base + o3 + (x >>> 24);
      out[k] = out[k]! + v;
      k = base + o4 + (y & 255);
      out[k] = out[k]! + v;
      k = base + o5 + ((y >>> 8) & 255);
      out[k] = out[k]! + v;
      k = base + o6 + ((y >>> 16) & 255);
      out[k] = out[k]! + v;
      k = base + o7 + (y >>> 24);
      out[k] = out[k]! + v;
    }
  };

  const level4 = (
    qa: Uint32Array,
    o0: number,
    o1: number,
    o2: number,
    o3: number,
    start: number,
    end: number,
  ): void => {
    for (let i = start; i < end; i++) {
      const r = list[i]!;
      const base = listBase[i]!;
      const v = pk[r]!;
      const x = qa[r]!;
      let k = base + o0 + (x & 255);
      out[k] = out[k]! + v;
      k = base + o1 + ((x >>> 8) & 255);
      out[k] = out[k]! + v;
      k = base + o2 + ((x >>> 16) & 255);
      out[k] = out[k]! + v;
      k = base + o3 + (x >>> 24);
      out[k] = out[k]! + v;
    }
  };

  const level8All = (
    qa: Uint32Array,
    qb: Uint32Array,
    p0: number,
    p1: number,
    p2: number,
    p3: number,
    p4: number,
    p5: number,
    p6: number,
    p7: number,
    n: number,
  ): void => {
    for (let r = 0; r < n; r++) {
      const v = pk[r]!;
      const x = qa[r]!;
      const y = qb[r]!;
      let k = p0 + (x & 255);
      out[k] = out[k]! + v;
      k = p1 + ((x >>> 8) & 255);
      out[k] = out[k]! + v;
      k = p2 + ((x >>> 16) & 255);
      out[k] = out[k]! + v;
      k = p3 + (x >>> 24);
      out[k] = out[k]! + v;
      k = p4 + (y & 255);
      out[k] = out[k]! + v;
      k = p5 + ((y >>> 8) & 255);
      out[k] = out[k]! + v;
      k = p6 + ((y >>> 16) & 255);
      out[k] = out[k]! + v;
      k = p7 + (y >>> 24);
      out[k] = out[k]! + v;
    }
  };

  const level4All = (
    qa: Uint32Array,
    p0: number,
    p1: number,
    p2: number,
    p3: number,
    n: number,
  ): void => {
    for (let r = 0; r < n; r++) {
      const v = pk[r]!;
      const x = qa[r]!;
      let k = p0 + (x & 255);
      out[k] = out[k]! + v;
      k = p1 + ((x >>> 8) & 255);
      out[k] = out[k]! + v;
      k = p2 + ((x >>> 16) & 255);
      out[k] = out[k]! + v;
      k = p3 + (x >>> 24);
      out[k] = out[k]! + v;
    }
  };

  const build = (qFrom: number, qTo: number, all: boolean, n: number): void => {
    const numNodes = ints[NUM_NODES_AT]!;
    for (let p = 0; p < numNodes; p++) {
      if (ints[LISTED_NODE + p] !== 1) continue;
      const base = slotBase[p]!;
      for (let j = 4 * qFrom; j < 4 * qTo; j++) {
        const o = base + quadOffset[j]!;
        out.fill(0, o, o + quadBins[j]!);
      }
    }
    const root = slotBase[0]!;
    const chunks = all ? 1 : ints[NUM_CHUNKS_AT]!;
    for (let c = 0; c < chunks; c++) {
      const start = all ? 0 : ints[CHUNK_START_AT + c]!;
      const end = all ? n : start + ints[CHUNK_LISTED_AT + c]!;
      let q = qFrom;
      for (; q + 2 <= qTo; q += 2) {
        const j = 4 * q;
        const o0 = quadOffset[j]!;
        const o1 = quadOffset[j + 1]!;
        const o2 = quadOffset[j + 2]!;
        const o3 = quadOffset[j + 3]!;
        const o4 = quadOffset[j + 4]!;
        const o5 = quadOffset[j + 5]!;
        const o6 = quadOffset[j + 6]!;
        const o7 = quadOffset[j + 7]!;
        if (all) {
          level8All(
            quads[q]!,
            quads[q + 1]!,
            root + o0,
            root + o1,
            root + o2,
            root + o3,
            root + o4,
            root + o5,
            root + o6,
            root + o7,
            n,
          );
        } else level8(quads[q]!, quads[q + 1]!, o0, o1, o2, o3, o4, o5, o6, o7, start, end);
      }
      if (q < qTo) {
        const j = 4 * q;
        const o0 = quadOffset[j]!;
        const o1 = quadOffset[j + 1]!;
        const o2 = quadOffset[j + 2]!;
        const o3 = quadOffset[j + 3]!;
        if (all) level4All(quads[q]!, root + o0, root + o1, root + o2, root + o3, n);
        else level4(quads[q]!, o0, o1, o2, o3, start, end);
      }
    }
  };

  return { route, build, finish };
}

/** The level kernels over `x` (see levelKernelSource). */
export function levelKernels(x: LevelArrays): LevelKernels {
  return fresh(levelKernelSource)(x, LAYOUT);
}

/** Adds the chunks' counts and sums of nodes 0 … nodes − 1, in chunk order. */
export function combineFinish(
  n: number,
  nodes: number,
  counts: Int32Array,
  sumG: Float64Array,
  sumH: Float64Array,
  outCount: Int32Array,
  outG: Float64Array,
  outH: Float64Array,
): void {
  const chunks = Math.ceil(n / finishChunkRows(n));
  outCount.fill(0);
  outG.fill(0);
  outH.fill(0);
  for (let c = 0; c < chunks; c++) {
    for (let l = 0; l < nodes; l++) {
      outCount[l] = outCount[l]! + counts[256 * c + l]!;
      outG[l] = outG[l]! + sumG[256 * c + l]!;
      outH[l] = outH[l]! + sumH[256 * c + l]!;
    }
  }
}

/** Node p stays put at this level. */
export function keepNode(ints: Int32Array, bytes: Uint8Array, p: number): void {
  ints[SPLIT_BASE + p] = 0;
  bytes[CHILD_AT + 2 * p] = p;
  bytes[CHILD_AT + 2 * p + 1] = p;
}

/**
 * Node p is split on the feature at byte `colAt` of each row, rows whose bin has goLeft = 1
 * going to `left`, the others to `right`.
 */
export function splitNode(
  ints: Int32Array,
  bytes: Uint8Array,
  p: number,
  colAt: number,
  left: number,
  right: number,
): void {
  ints[SPLIT_BASE + p] = colAt;
  bytes[CHILD_AT + 2 * p] = right;
  bytes[CHILD_AT + 2 * p + 1] = left;
}
