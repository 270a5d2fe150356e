// The web-mode Transport of core/api: POST /api/{method} with the session token in a header for
// calls, one EventSource on /api/events for the engine's events (see cli/host/web.ts).
import { ApiError, EventSchema, type EngineEvent, type Transport } from '../../core/api/index.js';

export const TOKEN_HEADER = 'x-sightline-token';

export function webTransport(token: string, base = ''): Transport {
  const listeners = new Set<(e: EngineEvent) => void>();
  let source: EventSource | undefined;

  function connect(): void {
    source = new EventSource(`${base}/api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (m: MessageEvent<string>) => {
      // The host is ours, but a boundary still checks what crosses it.
      const parsed = EventSchema.safeParse(JSON.parse(m.data));
      if (parsed.success) listeners.forEach((l) => l(parsed.data));
    };
  }

  return {
    async invoke(method, params) {
      const res = await fetch(`${base}/api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(params ?? {}),
      });
      const body = (await res.json().catch(() => ({ error: res.statusText }))) as unknown;
      if (!res.ok) throw new ApiError(method, (body as { error?: string }).error ?? res.statusText);
      return body;
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!source) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          source?.close();
          source = undefined;
        }
      };
    },
  };
}
