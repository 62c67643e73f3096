#!/usr/bin/env node
// Committed launcher for the `agent-selflearn` command. npm links a workspace's bin only when its target
// exists at install time, and dist/ is built after `npm ci` (by the root prepare script), so
// the bin points here and this file loads the built CLI.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('agent-selflearn: error [NOT_BUILT]: @reasonkit/agent-selflearn is not built (dist/cli.js is missing). Run `npm run build` at the repository root, or `npm run build -w @reasonkit/agent-selflearn`.');
  process.exit(1);
}
await import(cli.href);
