// Level-wise histogram building (quantised gradients, depth-limited trees): all nodes of one
// depth are routed and histogrammed in passes over the rows in row order.

/*
 * When every leaf above max_depth can be split (num_leaves ≥ 2^max_depth), leaf-wise growth
 * makes the same splits as growing one depth at a time, so the learner grows level by level
 * (XGBoost's way) and replays the splits best-first into the tree, which comes out the same.
 * A level takes two passes over the rows, in row order:
 *
 * 1. routeRows: each row of a node being split moves to its child (leafOf[row], one byte per
 *    row), children's rows are counted, and the rows of the children whose histograms are
 *    built (the smaller of each pair) are listed — ascending, so the next pass reads the bin
 *    columns nearly sequentially whatever the node sizes (leaf-wise growth reads small leaves'
 *    rows far apart, at 3–20 ns per row and feature instead of ~1.3).
 * 2. buildLevelHistogram: every listed row adds its packed gradient to its node's histogram.
 *
 * The last level's routing (finishRows) also counts the leaves' rows and sums their full
 * gradients for quant_train_renew_leaf, in one pass.
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
export const LEVEL_INTS = CHUNK_LISTED + MAX_CHUNKS;
/** The byte tables: go-left per node and bin, child per node and side, listed per node. */
export const GO_LEFT_AT = 0;
export const CHILD_AT = 65536;
export const LISTED_AT = CHILD_AT + 512;
export const LEVEL_BYTES = LISTED_AT + 256;
/** leafOf value of rows outside the tree's bag. */
export const NO_NODE = 255;

/**
 * Pass 1 over rows [a, b): moves rows of split nodes to their children and lists the rows of
 * listed nodes at list[a …], with their histograms' offsets at listBase[a …]; returns how many
 * it listed. `rowBins` holds each row's bins in one run of `width` bytes (row-major: one
 * stream to read, not one column per node being split); the node tables are in `ints`
 * (SPLIT_BASE: the byte of the node's split feature within a row; SLOT_BASE) and `bytes`
 * (CHILD_AT + 2p + goesLeft: the child a row of node p moves to; LISTED_AT + c: whether node
 * c's rows are listed; GO_LEFT_AT + 256p + bin). Branch-free (the branchy version ran at ~13
 * ns per row, this one ~7): a node not split at this level "moves" to itself. Rows are not
 * counted here (4 ns more per row): growth uses the hessian-derived counts of the splits, and
 * finishRows counts the leaves exactly.
 */
export function routeRows(
  rowBins: Uint8Array,
  width: number,
  leafOf: Uint8Array,
  ints: Int32Array,
  bytes: Uint8Array,
  list: Uint32Array,
  listBase: Int32Array,
  a: number,
  b: number,
): number {
  const splitAt = ints.subarray(SPLIT_BASE, SPLIT_BASE + 256);
  const slotBase = ints.subarray(SLOT_BASE, SLOT_BASE + 256);
  const goLeft = bytes.subarray(GO_LEFT_AT, GO_LEFT_AT + 65536);
  const child = bytes.subarray(CHILD_AT, CHILD_AT + 512);
  const listed = bytes.subarray(LISTED_AT, LISTED_AT + 256);
  let w = a;
  for (let r = a; r < b; r++) {
    const p = leafOf[r]!;
    const c = child[(p << 1) + goLeft[(p << 8) + rowBins[r * width + splitAt[p]!]!]!]!;
    leafOf[r] = c;
    list[w] = r;
    listBase[w] = slotBase[c]!;
    w += listed[c]!;
  }
  return w - a;
}

/** Rows per chunk of finishRows: fixed for a row count, whatever the threads. */
export function finishChunkRows(n: number): number {
  return Math.max(65536, Math.ceil(n / MAX_CHUNKS));
}

/**
 * The last routing of a tree, for rows [a, b) (chunk `chunk` of finishChunkRows): moves rows
 * of split nodes to their children, counts every node's rows (counts[256·chunk + node]) and,
 * when `sums`, adds up each node's gradients and hessians in row order (sumG, sumH at
 * 256·chunk + node). The chunks' sums are added in chunk order (combineFinish), so the result
 * does not depend on which thread did which chunk.
 */
export function finishRows(
  rowBins: Uint8Array,
  width: number,
  leafOf: Uint8Array,
  ints: Int32Array,
  bytes: Uint8Array,
  a: number,
  b: number,
  chunk: number,
  counts: Int32Array,
  sums: boolean,
  grad: Float64Array,
  hess: Float64Array,
  sumG: Float64Array,
  sumH: Float64Array,
): void {
  const splitAt = ints.subarray(SPLIT_BASE, SPLIT_BASE + 256);
  const goLeft = bytes.subarray(GO_LEFT_AT, GO_LEFT_AT + 65536);
  const child = bytes.subarray(CHILD_AT, CHILD_AT + 512);
  const cnt = counts.subarray(256 * chunk, 256 * chunk + 256);
  const sg = sumG.subarray(256 * chunk, 256 * chunk + 256);
  const sh = sumH.subarray(256 * chunk, 256 * chunk + 256);
  cnt.fill(0);
  sg.fill(0);
  sh.fill(0);
  if (sums) {
    for (let r = a; r < b; r++) {
      const p = leafOf[r]!;
      const c = child[(p << 1) + goLeft[(p << 8) + rowBins[r * width + splitAt[p]!]!]!]!;
      leafOf[r] = c;
      cnt[c] = cnt[c]! + 1;
      sg[c] = sg[c]! + grad[r]!;
      sh[c] = sh[c]! + hess[r]!;
    }
  } else {
    for (let r = a; r < b; r++) {
      const p = leafOf[r]!;
      const c = child[(p << 1) + goLeft[(p << 8) + rowBins[r * width + splitAt[p]!]!]!]!;
      leafOf[r] = c;
      cnt[c] = cnt[c]! + 1;
    }
  }
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

/**
 * Pass 2: adds the packed gradient of every listed row (chunks 0 … NUM_CHUNKS − 1 of `list`;
 * all rows 0 … n − 1 when `all`) to its node's histogram, for the quads qFrom … qTo − 1.
 * quadOffset[4q + j] is the histogram offset of byte j of quad q (a scratch area past the
 * features for padding bytes), quadBins[4q + j] its feature's bins (0 for padding). First
 * zeroes those quads' bins in the histogram of every LISTED node.
 */
export function buildLevelHistogram(
  quads: readonly Uint32Array[],
  quadOffset: Int32Array,
  quadBins: Int32Array,
  qFrom: number,
  qTo: number,
  ints: Int32Array,
  list: Uint32Array,
  listBase: Int32Array,
  all: boolean,
  n: number,
  packed: Float64Array,
  pool: Float64Array,
): void {
  const numNodes = ints[NUM_NODES]!;
  for (let p = 0; p < numNodes; p++) {
    if (ints[LISTED + p] !== 1) continue;
    const base = ints[SLOT_BASE + p]!;
    for (let j = 4 * qFrom; j < 4 * qTo; j++) {
      const o = base + quadOffset[j]!;
      pool.fill(0, o, o + quadBins[j]!);
    }
  }
  const chunks = all ? 1 : ints[NUM_CHUNKS]!;
  for (let c = 0; c < chunks; c++) {
    const start = all ? 0 : ints[CHUNK_START + c]!;
    const end = all ? n : start + ints[CHUNK_LISTED + c]!;
    let q = qFrom;
    for (; q + 2 <= qTo; q += 2) {
      const a = 4 * q;
      const o0 = quadOffset[a]!;
      const o1 = quadOffset[a + 1]!;
      const o2 = quadOffset[a + 2]!;
      const o3 = quadOffset[a + 3]!;
      const o4 = quadOffset[a + 4]!;
      const o5 = quadOffset[a + 5]!;
      const o6 = quadOffset[a + 6]!;
      const o7 = quadOffset[a + 7]!;
      if (all) {
        const base = ints[SLOT_BASE]!;
        level8All(quads[q]!, quads[q + 1]!, base, o0, o1, o2, o3, o4, o5, o6, o7, n, packed, pool);
      } else {
        level8(
          quads[q]!,
          quads[q + 1]!,
          o0,
          o1,
          o2,
          o3,
          o4,
          o5,
          o6,
          o7,
          list,
          listBase,
          start,
          end,
          packed,
          pool,
        );
      }
    }
    if (q < qTo) {
      const a = 4 * q;
      const o0 = quadOffset[a]!;
      const o1 = quadOffset[a + 1]!;
      const o2 = quadOffset[a + 2]!;
      const o3 = quadOffset[a + 3]!;
      if (all) {
        level4All(quads[q]!, ints[SLOT_BASE]!, o0, o1, o2, o3, n, packed, pool);
      } else {
        level4(quads[q]!, o0, o1, o2, o3, list, listBase, start, end, packed, pool);
      }
    }
  }
}

function level8(
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
  list: Uint32Array,
  listBase: Int32Array,
  start: number,
  end: number,
  pk: Float64Array,
  out: Float64Array,
): void {
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
}

function level4(
  qa: Uint32Array,
  o0: number,
  o1: number,
  o2: number,
  o3: number,
  list: Uint32Array,
  listBase: Int32Array,
  start: number,
  end: number,
  pk: Float64Array,
  out: Float64Array,
): void {
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
}

function level8All(
  qa: Uint32Array,
  qb: Uint32Array,
  base: number,
  o0: number,
  o1: number,
  o2: number,
  o3: number,
  o4: number,
  o5: number,
  o6: number,
  o7: number,
  n: number,
  pk: Float64Array,
  out: Float64Array,
): void {
  const p0 = base + o0;
  const p1 = base + o1;
  const p2 = base + o2;
  const p3 = base + o3;
  const p4 = base + o4;
  const p5 = base + o5;
  const p6 = base + o6;
  const p7 = base + o7;
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
}

function level4All(
  qa: Uint32Array,
  base: number,
  o0: number,
  o1: number,
  o2: number,
  o3: number,
  n: number,
  pk: Float64Array,
  out: Float64Array,
): void {
  const p0 = base + o0;
  const p1 = base + o1;
  const p2 = base + o2;
  const p3 = base + o3;
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
}
