// Messages between the main process and the engine process.
import type { EngineEvent } from '../core/api/index.js';

export interface EngineRequest {
  id: number;
  method: string;
  params: unknown;
}

export type EngineReply =
  | { type: 'reply'; id: number; ok: true; result: unknown }
  | { type: 'reply'; id: number; ok: false; error: string }
  | { type: 'event'; event: EngineEvent };
