#!/usr/bin/env node
// `npm start`: the desktop app where the Electron binary is installed (an optional dependency
// whose download needs the network), else the same UI in the browser (`sightline open`, web
// mode on loopback). Says which. Both open the sample workspace by default.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electronBinary = null;
try {
  const path = require('electron'); // the package exports the binary's path
  if (typeof path === 'string' && existsSync(path)) electronBinary = path;
} catch {
  electronBinary = null;
}
const main = new URL('../dist/electron/main.js', import.meta.url);
const args = process.argv.slice(2);
if (electronBinary && existsSync(main)) {
  console.log('Starting the Sightline desktop app (Electron).');
  const child = spawn(electronBinary, [main.pathname, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    'Electron is not installed here, so Sightline opens in your browser (web mode on 127.0.0.1).',
  );
  const cli = new URL('./sightline.js', import.meta.url);
  const child = spawn(process.execPath, [cli.pathname, 'open', ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
