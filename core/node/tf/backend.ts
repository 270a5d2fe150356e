// Chooses the TensorFlow.js backend at run time: native (tfjs-node), else WebAssembly, else CPU.
import * as tfjs from '@tensorflow/tfjs';

export type TfBackendName = 'tensorflow' | 'wasm' | 'cpu';
export type Tf = typeof tfjs;

export interface TfRuntime {
  backend: TfBackendName;
  tf: Tf;
}

/*
 * tfjs-node is an optional dependency: its native download fails on some machines, so it is
 * imported by a computed name (TypeScript and bundlers do not require it) and any failure —
 * not installed, a binary that does not load, or a copy of tfjs-core other than ours — falls
 * through to the wasm backend. The wasm package registers itself on import and, in Node, finds
 * its .wasm files beside its own dist script, so no setWasmPaths is needed. CPU always works.
 */
const NATIVE_PACKAGE = '@tensorflow/tfjs-node';

/** How to make each backend available; a loader that throws means "not here". */
export type BackendLoaders = Record<Exclude<TfBackendName, 'cpu'>, () => Promise<unknown>>;

const LOADERS: BackendLoaders = {
  tensorflow: () => import(NATIVE_PACKAGE),
  wasm: () => import('@tensorflow/tfjs-backend-wasm'),
};

let runtime: Promise<TfRuntime> | undefined;

/** The TensorFlow.js namespace on the fastest backend that loads here; chosen once. */
export function initTensorflow(): Promise<TfRuntime> {
  runtime ??= chooseBackend(LOADERS);
  return runtime;
}

/** Tries tensorflow, then wasm, then cpu, and makes the first that works current. */
export async function chooseBackend(loaders: BackendLoaders): Promise<TfRuntime> {
  for (const backend of ['tensorflow', 'wasm'] as const) {
    try {
      await loaders[backend]();
      // tfjs-node and the wasm package register their backend into the shared tfjs-core engine.
      if (await tfjs.setBackend(backend)) return { backend, tf: tfjs };
    } catch {
      // not installed or failed to initialise: try the next one
    }
  }
  if (!(await tfjs.setBackend('cpu'))) throw new Error('TensorFlow.js: no backend could start');
  return { backend: 'cpu', tf: tfjs };
}
