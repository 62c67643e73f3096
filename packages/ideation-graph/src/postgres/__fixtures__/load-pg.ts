import Module, { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type pgTypes from 'pg';

/**
 * Loads node-postgres inside vitest. The workspace's vitest config resolves with the `import`
 * condition, which makes pg's internal `require('pg-pool')` pick pg-pool's ESM build (a module
 * namespace, not a class). Outside vitest `import pg from 'pg'` works as usual; this test helper pins
 * `pg-pool` to its CommonJS entry before loading pg.
 */
export function loadPg(): typeof pgTypes {
  const require = createRequire(import.meta.url);
  const pgDir = dirname(require.resolve('pg/package.json'));
  // pg-pool sits beside pg (hoisted) or under pg/node_modules.
  const candidates = [join(pgDir, 'node_modules', 'pg-pool', 'index.js'), join(dirname(pgDir), 'pg-pool', 'index.js')];
  const poolCjs = candidates.find((c) => existsSync(c)) ?? (candidates[1] as string);
  const M = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = M._resolveFilename;
  M._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'pg-pool' ? poolCjs : original.call(this, request, ...rest);
  };
  try {
    return require('pg') as typeof pgTypes;
  } finally {
    M._resolveFilename = original;
  }
}
