// Split thresholds for float32 tree operators. Sightline's trees compare doubles (x <= t); the
// ai.onnx.ml tree operators read float thresholds and float inputs. For every float32 value v,
// v <= t holds exactly when v <= below(t), the largest float32 not above t, so a graph that
// stores below(t) sends every float32 input the way the engine sends that same value.

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The largest float32 ≤ t (t itself when it is a float32; ±Infinity stay). */
export function float32AtMost(t: number): number {
  if (Number.isNaN(t)) throw new RangeError('a split threshold is NaN');
  const r = Math.fround(t);
  if (r <= t) return r;
  // Math.fround rounded up: step one float32 towards −∞.
  if (r === Infinity) return 3.4028234663852886e38;
  f32[0] = r;
  if (r > 0) u32[0] = u32[0]! - 1;
  else if (r === 0)
    u32[0] = 0x80000001; // just below −0: the smallest negative subnormal
  else u32[0] = u32[0]! + 1;
  return f32[0]!;
}
