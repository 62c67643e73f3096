import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      'taxonomy/index': 'src/taxonomy/index.ts',
      'pddl/index': 'src/pddl/index.ts',
      'validate/index': 'src/validate/index.ts',
      'search/index': 'src/search/index.ts',
      'strategies/index': 'src/strategies/index.ts',
      'bench/index': 'src/bench/index.ts',
      'testing/index': 'src/testing/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    splitting: true,
  },
  {
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
