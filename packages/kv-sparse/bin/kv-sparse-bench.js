#!/usr/bin/env node
// Committed launcher for the `kv-sparse-bench` command. npm links a workspace's bin only when its target
// exists at install time, and dist/ is built after `npm ci` (by the root prepare script), so
// the bin points here and this file loads the built CLI.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('kv-sparse-bench: error [NOT_BUILT]: @reasonkit/kv-sparse is not built (dist/cli.js is missing). Run `npm run build` at the repository root, or `npm run build -w @reasonkit/kv-sparse`.');
  process.exit(1);
}
await import(cli.href);
