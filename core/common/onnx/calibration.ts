// The decision layer's calibration on a probability p (double [N, 1]). Platt: 1 / (1 + e^(a·p+b))
// = Sigmoid(−(a·p + b)). Isotonic (interpolation between points, clipped outside them) as a sum
// of ramps: y₀ + Σ slopeₖ·(min(max(p, xₖ), xₖ₊₁) − xₖ) over segments of positive width, plus a
// step Δy·[p ≥ xₖ] where two points share an x — the engine's binary search lands on the later.
import type { OnnxCalibration } from './artifact.js';
import { castTo } from './inputs.js';
import type { GraphBuilder } from './graph.js';

export function addCalibration(g: GraphBuilder, cal: OnnxCalibration, p: string): string {
  if (cal.kind === 'none') return p;
  if (cal.kind === 'platt') {
    const z = g.op('Add', [
      g.op('Mul', [p, g.doubles('platt_a', [1, 1], [-cal.a])]),
      g.doubles('platt_b', [1, 1], [-cal.b]),
    ]);
    return g.op('Sigmoid', [z]);
  }
  const { x, y } = cal;
  if (x.length === 0) throw new Error('isotonic calibration without points');
  const lo: number[] = [];
  const hi: number[] = [];
  const slope: number[] = [];
  const stepAt: number[] = [];
  const stepBy: number[] = [];
  for (let k = 0; k + 1 < x.length; k++) {
    const dx = x[k + 1]! - x[k]!;
    const dy = y[k + 1]! - y[k]!;
    if (dx > 0) {
      lo.push(x[k]!);
      hi.push(x[k + 1]!);
      slope.push(dy / dx);
    } else if (dy !== 0) {
      stepAt.push(x[k]!);
      stepBy.push(dy);
    }
  }
  let out = g.op('Mul', [p, g.doubles('zero', [1, 1], [0])]);
  out = g.op('Add', [out, g.doubles('iso_y0', [1, 1], [y[0]!])]);
  if (lo.length > 0) {
    const clipped = g.op('Min', [
      g.op('Max', [p, g.doubles('iso_lo', [1, lo.length], lo)]),
      g.doubles('iso_hi', [1, hi.length], hi),
    ]);
    const rise = g.op('Sub', [clipped, g.doubles('iso_from', [1, lo.length], lo)]);
    out = g.op('Add', [
      out,
      g.op('MatMul', [rise, g.doubles('iso_slope', [slope.length, 1], slope)]),
    ]);
  }
  if (stepAt.length > 0) {
    const past = g.op('GreaterOrEqual', [p, g.doubles('iso_step_at', [1, stepAt.length], stepAt)]);
    const steps = g.doubles('iso_step_by', [stepBy.length, 1], stepBy);
    out = g.op('Add', [out, g.op('MatMul', [castTo(g, past, 'double'), steps])]);
  }
  return out;
}
