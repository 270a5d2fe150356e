// The server side of bench:serve, in its own process so the load generator does not share its
// event loop: serves the model files of a folder on a free loopback port and prints the URL.
import { tableEngine } from '../cli/commands/serve.js';
import { createServer, listen } from '../core/node/serve/server.js';
import { DirStore } from '../core/node/serve/store.js';

const [dir] = process.argv.slice(2) as [string];
const app = createServer({ store: new DirStore(dir, tableEngine), engine: tableEngine });
process.stdout.write(`${await listen(app, '127.0.0.1', 0)}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
