// A function compiled afresh from its own source, so each call site gets its own V8 closures.

/**
 * V8 folds a closure's captured constants (typed arrays' data and lengths, numbers) into its
 * optimised code only while the closure is the first its function has made; kernels written as
 * closures over a training run's buffers (level.ts, gradients.ts) therefore lose that from the
 * second run in a process on. fresh(fn) compiles fn's own source text again — nothing from data
 * or users — as a new function with no closures yet. `fn` may refer only to its arguments and
 * built-ins; a stub stands in for the `__name` helper esbuild-based loaders (tsx, vitest)
 * insert. Where code generation is not allowed (a page whose CSP forbids it) `fn` itself is
 * returned.
 */
let compiled = 0;
export function fresh<F extends (...args: never[]) => unknown>(fn: F): F {
  try {
    const make = new Function(
      `"use strict"; const __name = (f) => f; return (${fn.toString()}); // fresh #${++compiled}`,
    );
    return make() as F;
  } catch {
    return fn;
  }
}
