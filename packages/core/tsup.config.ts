import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      'node/index': 'src/node/index.ts',
      'web/index': 'src/web/index.ts',
      'testing/index': 'src/testing/index.ts',
      'testing/node/index': 'src/testing/node/index.ts',
      'ai-sdk/index': 'src/ai-sdk/index.ts',
      // Not exported: own entries only so that code splitting puts the modules importing
      // @huggingface/jinja and @huggingface/tokenizers (packages without `sideEffects: false`) in
      // shared chunks, which a bundler drops with their imports when nothing from them is used
      // (in the root entry file itself the imports would stay: src/bundle-size.test.ts).
      'internal/chat-template': 'src/tokenizer/chat-template.ts',
      'internal/hf-tokenizer': 'src/tokenizer/hf-tokenizer.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    splitting: true,
  },
  {
    entry: { cli: 'src/cli/cli.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
