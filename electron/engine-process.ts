// The engine in Electron's utilityProcess: opens the workspace named on the command line (the
// sample one is built on first use), answers API requests from the main process and pushes the
// engine's events back. Parameters are validated by the API schema in `dispatch`.
import { existsSync } from 'node:fs';
import { Workspace } from '../core/node/workspace/workspace.js';
import { createEngine } from '../cli/host/engine.js';
import type { EngineReply, EngineRequest } from './protocol.js';

interface ParentPort {
  on(event: 'message', listener: (e: { data: EngineRequest }) => void): void;
  postMessage(message: EngineReply): void;
}
const parentPort = (process as unknown as { parentPort: ParentPort }).parentPort;

const path = process.argv[process.argv.length - 1]!;
const ws = Workspace.open(path, { create: !existsSync(path) });
const engine = createEngine({
  ws,
  emit: (event) => parentPort.postMessage({ type: 'event', event }),
});

parentPort.on('message', ({ data }) => {
  engine.call(data.method, data.params).then(
    (result) => parentPort.postMessage({ type: 'reply', id: data.id, ok: true, result }),
    (err: Error) =>
      parentPort.postMessage({ type: 'reply', id: data.id, ok: false, error: err.message }),
  );
});
process.on('exit', () => ws.close());
