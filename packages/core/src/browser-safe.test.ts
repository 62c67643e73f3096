// The root entry and `@reasonkit/core/web` must be browser-safe: bundling them for the browser
// platform must not pull in any Node built-in module (or Buffer/process globals from our code).
import { build } from 'esbuild';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = dirname(fileURLToPath(import.meta.url));

describe('browser safety', () => {
  for (const entry of ['index.ts', 'web/index.ts', 'testing/index.ts', 'ai-sdk/index.ts']) {
    it(`${entry} bundles for the browser without Node built-ins`, async () => {
      const result = await build({
        entryPoints: [resolve(src, entry)],
        bundle: true,
        write: false,
        platform: 'browser',
        format: 'esm',
        metafile: true,
        logLevel: 'silent',
        external: ['onnxruntime-web', 'onnxruntime-node'],
      });
      const inputs = Object.keys(result.metafile.inputs);
      expect(inputs.filter((p) => p.startsWith('node:') || /(^|\/)node_modules\/(fs|path|os|http|child_process)\//.test(p))).toEqual([]);
      const ours = inputs.filter((p) => p.includes('packages/core/src/'));
      expect(ours.filter((p) => /\/(node|cli|test-utils)\//.test(p))).toEqual([]);
      const text = result.outputFiles[0]!.text;
      expect(text).not.toMatch(/\bfrom ["']node:/);
      expect(text).not.toMatch(/import\(["']onnxruntime-node["']\)/);
    });
  }
});
