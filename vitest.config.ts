import { readdirSync, existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Tests run on source: the `@reasonkit/source` export condition points every workspace
// package at its `src/`. vitest projects do not inherit root `resolve.conditions`, so the
// conditions are set here and each project `extends: true` (spec core §2.3).
const conditions = ['@reasonkit/source'];
const packages = readdirSync('packages').filter((d) => existsSync(`packages/${d}/package.json`));
const examples = existsSync('examples')
  ? readdirSync('examples').filter((d) => existsSync(`examples/${d}/package.json`))
  : [];

export default defineConfig({
  resolve: { conditions: [...conditions, 'module', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: [...conditions, 'node', 'import', 'default'] } },
  test: {
    // onnxruntime-node rejects typed arrays from another realm, so no vm pools (spec §2.3).
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      ...packages.map((name) => ({
        extends: true as const,
        test: { name, root: `./packages/${name}`, include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
      })),
      // Repository scripts (release checks) have their tests beside them.
      { extends: true as const, test: { name: 'scripts', root: './scripts', include: ['**/*.test.mjs'] } },
      ...examples.map((name) => ({
        extends: true as const,
        test: { name: `example-${name}`, root: `./examples/${name}`, include: ['**/*.test.ts'], exclude: ['**/node_modules/**'] },
      })),
    ],
  },
});
