import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      'eval/index': 'src/eval/index.ts',
      'sqlite/index': 'src/sqlite/index.ts',
      'postgres/index': 'src/postgres/index.ts',
      'onnx/index': 'src/onnx/index.ts',
      'testing/index': 'src/testing/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    splitting: true,
    shims: true,
    external: ['better-sqlite3', 'pg'],
  },
  {
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    external: ['better-sqlite3', 'pg'],
  },
]);
