import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import { train } from './booster.js';
import type { RawData } from './dataset.js';
import { buildPackedHistogram, buildQuads } from './histogram.js';
import { GbdtModel } from './model.js';
import { parseParams } from './params.js';
import { QUANT_AUTO_ROWS, quantConfig, quantizeGradients } from './quantize.js';

function data(n: number, seed: number): { data: RawData; y: Float64Array } {
  const rng = new Rng(seed);
  const numeric = Array.from({ length: 6 }, () =>
    Float64Array.from({ length: n }, () => (rng.bernoulli(0.1) ? NaN : rng.normal())),
  );
  const cat = Int32Array.from({ length: n }, () => (rng.bernoulli(0.05) ? -1 : rng.int(9)));
  const y = Float64Array.from({ length: n }, (_, i) => {
    const [a, b, c] = [numeric[0]![i]!, numeric[1]![i]!, numeric[2]![i]!];
    const m = (a || 0) * (b || 1) + (Number.isNaN(c) ? 1 : c) + ((cat[i]! & 3) === 1 ? 1 : 0);
    return rng.next() < 1 / (1 + Math.exp(-2 * m)) ? 1 : 0;
  });
  return { data: { numeric, categorical: [cat] }, y };
}

function logLoss(p: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s -= Math.log(y[i] === 1 ? p[i]! : 1 - p[i]!);
  return s / y.length;
}

describe('quantised gradients', () => {
  it('are on from QUANT_AUTO_ROWS rows by default, and take booleans', () => {
    const p = parseParams({});
    expect(quantConfig(p, QUANT_AUTO_ROWS - 1)).toBeNull();
    expect(quantConfig(p, QUANT_AUTO_ROWS)?.bins).toBe(p.num_grad_quant_bins);
    expect(quantConfig(parseParams({ use_quantized_grad: false }), 1e6)).toBeNull();
    expect(quantConfig(parseParams({ use_quantized_grad: true }), 10)).not.toBeNull();
    expect(parseParams({ quant_train_renew_leaf: 'false' }).quant_train_renew_leaf).toBe(0);
    // Fewer bins when the sums would leave the exact range of doubles.
    expect(quantConfig(parseParams({ num_grad_quant_bins: 64 }), 2e7)!.bins).toBeLessThan(64);
    expect(quantConfig(parseParams({}), 2e8)).toBeNull();
  });

  it('round stochastically without bias and pack exactly', () => {
    const n = 20000;
    const rng = new Rng(3);
    const grad = Float64Array.from({ length: n }, () => rng.normal());
    const hess = Float64Array.from({ length: n }, () => rng.next() * 0.25);
    const cfg = quantConfig(parseParams({ use_quantized_grad: 1, num_grad_quant_bins: 4 }), n)!;
    const packed = new Float64Array(n);
    const sums = new Float64Array(2);
    const sc = quantizeGradients(null, n, grad, hess, cfg, 7, packed, sums);
    let g = 0;
    let h = 0;
    let G = 0;
    let H = 0;
    for (let i = 0; i < n; i++) {
      const q = Math.floor(packed[i]! / cfg.scale);
      const qh = packed[i]! - q * cfg.scale;
      expect(Math.abs(q)).toBeLessThanOrEqual(2);
      expect(qh).toBeGreaterThanOrEqual(0);
      expect(qh).toBeLessThanOrEqual(4);
      G += q;
      H += qh;
      g += grad[i]!;
      h += hess[i]!;
    }
    expect([G, H]).toEqual([sums[0], sums[1]]);
    expect(Math.abs(G * sc.grad - g) / n).toBeLessThan(0.01);
    expect(Math.abs(H * sc.hess - h) / n).toBeLessThan(0.005);
  });

  it('build the same histograms from quads as from byte columns, with and without a row list', () => {
    const n = 5000;
    const rng = new Rng(9);
    const numBins = Int32Array.from([4, 7, 256, 5, 200, 6, 9, 3, 256, 8]);
    const binOffset = new Int32Array(numBins.length);
    for (let f = 1; f < numBins.length; f++) binOffset[f] = binOffset[f - 1]! + numBins[f - 1]!;
    const total = binOffset[9]! + numBins[9]!;
    const bins = Array.from(numBins, (nb) => Uint8Array.from({ length: n }, () => rng.int(nb)));
    const packed = Float64Array.from({ length: n }, () => (rng.int(9) - 4) * 2 ** 20 + rng.int(9));
    const quadFeatures = Int32Array.from([2, 0, 5, 7, 9, 1, 4, 3]);
    const quads = buildQuads(bins, quadFeatures, n, (b) => new ArrayBuffer(b));
    const all = Int32Array.from({ length: 10 }, (_, f) => f);
    const withQuads = Int32Array.from([~0, ~1, 6, 8]);
    for (const rows of [null, Uint32Array.from({ length: n / 2 }, (_, i) => 2 * i)]) {
      const m = rows ? rows.length : n;
      const pk = rows ? Float64Array.from(rows, (r) => packed[r]!) : packed;
      const a = new Float64Array(total).fill(7);
      const b = new Float64Array(total).fill(7);
      buildPackedHistogram(bins, [], new Int32Array(0), all, binOffset, numBins, rows, 0, m, pk, a);
      buildPackedHistogram(
        bins,
        quads,
        quadFeatures,
        withQuads,
        binOffset,
        numBins,
        rows,
        0,
        m,
        pk,
        b,
      );
      expect(Array.from(b)).toEqual(Array.from(a));
      // Against the definition.
      const c = new Float64Array(total);
      for (let i = 0; i < m; i++) {
        const r = rows ? rows[i]! : i;
        for (let f = 0; f < 10; f++) {
          const k = binOffset[f]! + bins[f]![r]!;
          c[k] = c[k]! + pk[i]!;
        }
      }
      expect(Array.from(a)).toEqual(Array.from(c));
    }
  });

  it('train close to full precision, level-wise and leaf-wise, with SHAP adding up', () => {
    const tr = data(6000, 1);
    const te = data(3000, 2);
    const base = { trees: 40, learning_rate: 0.1, min_data_in_leaf: 10 };
    for (const shape of [{ num_leaves: 15 }, { max_depth: 4, num_leaves: 16 }]) {
      const full = train(tr.data, tr.y, { ...base, ...shape, use_quantized_grad: 0 });
      const ref = logLoss(full.predict(te.data), te.y);
      for (const renew of [1, 0]) {
        const params = { ...base, ...shape, use_quantized_grad: 1, quant_train_renew_leaf: renew };
        const model = train(tr.data, tr.y, params);
        expect(logLoss(model.predict(te.data), te.y)).toBeLessThan(ref + 0.02);
        // Reproducible, and saved and loaded unchanged.
        const text = JSON.stringify(model);
        expect(JSON.stringify(train(tr.data, tr.y, params))).toBe(text);
        expect(JSON.stringify(GbdtModel.fromJSON(JSON.parse(text)))).toBe(text);
        const phi = model.contributions(te.data);
        const raw = model.predictRaw(te.data);
        for (let i = 0; i < 50; i++) {
          let sum = 0;
          for (let j = 0; j <= 7; j++) sum += phi[i * 8 + j]!;
          expect(Math.abs(sum - raw[i]!)).toBeLessThan(1e-6);
        }
      }
    }
  });
});
