// The engine side of the contract: one handler per method. `Handlers` is a mapped type over the
// method table, so a missing or mistyped handler is a compile error; `dispatch` validates the
// parameters with the method's schema before the handler runs.
import { METHODS, type EngineEvent, type MethodName, type Params, type Result } from './schema.js';
import { ApiError } from './client.js';
import type { Transport } from './client.js';

export type Handlers = {
  [M in MethodName]: (params: Params<M>) => Promise<Result<M>> | Result<M>;
};

export async function dispatch(
  handlers: Handlers,
  method: string,
  params: unknown,
): Promise<unknown> {
  if (!Object.hasOwn(METHODS, method))
    throw new ApiError(method, `unknown method ${JSON.stringify(method)}`);
  const m = method as MethodName;
  const parsed = METHODS[m].params.safeParse(params ?? {});
  if (!parsed.success)
    throw new ApiError(
      method,
      `invalid parameters: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(params)'}: ${i.message}`).join('; ')}`,
    );
  const handler = handlers[m] as (p: unknown) => unknown;
  return await handler(parsed.data);
}

/**
 * A paired in-memory transport: the client side invokes the handlers directly (through
 * `dispatch`, so validation is exercised) and receives the events `emit` sends. For tests of the
 * contract, and for running the UI against an engine in the same process.
 */
export function pairedTransport(handlers: Handlers): {
  transport: Transport;
  emit: (e: EngineEvent) => void;
} {
  const listeners = new Set<(e: EngineEvent) => void>();
  return {
    transport: {
      invoke: async (method, params) => {
        try {
          // Round-trip through JSON, as a real transport would.
          return JSON.parse(
            JSON.stringify(
              (await dispatch(handlers, method, JSON.parse(JSON.stringify(params)))) ?? null,
            ),
          );
        } catch (err) {
          throw err instanceof ApiError ? err : new ApiError(method, (err as Error).message);
        }
      },
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    emit: (e) => listeners.forEach((l) => l(e)),
  };
}
