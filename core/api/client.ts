// A typed client over any transport: Electron IPC (the preload's global) or the web host.
import type { EngineEvent, MethodName, Params, Result } from './schema.js';

export interface Transport {
  invoke(method: string, params: unknown): Promise<unknown>;
  subscribe(listener: (event: EngineEvent) => void): () => void;
}

/** The API error a transport reports: the engine's message, and the method that failed. */
export class ApiError extends Error {
  constructor(
    readonly method: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface Client {
  call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>>;
  on(listener: (event: EngineEvent) => void): () => void;
}

export function createClient(transport: Transport): Client {
  return {
    call: async (method, params) => (await transport.invoke(method, params)) as never,
    on: (listener) => transport.subscribe(listener),
  };
}
