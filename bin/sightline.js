#!/usr/bin/env node
// The `sightline` command: runs the compiled CLI (npm install builds it through `prepare`).
import { existsSync } from 'node:fs';
const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error(
    'sightline: the CLI is not built yet. Run `npm install` (or `npm run build`) first.',
  );
  process.exit(1);
}
await import(entry.href);
