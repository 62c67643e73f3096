// The root entry must be browser-safe: bundling it for the browser must not pull in Node built-ins.
import { build } from 'esbuild';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = dirname(fileURLToPath(import.meta.url));

describe('browser safety', () => {
  it('index.ts bundles for the browser without Node built-ins', async () => {
    const result = await build({
      entryPoints: [resolve(src, 'index.ts')],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      metafile: true,
      logLevel: 'silent',
      conditions: ['@reasonkit/source'],
      external: ['onnxruntime-web', 'onnxruntime-node'],
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((p) => p.startsWith('node:') || /(^|\/)node_modules\/(fs|path|os|http|child_process)\//.test(p))).toEqual([]);
    expect(inputs.filter((p) => p.includes('packages/unlearning-reward/src/') && /\/(node|testing)\/|cli\.ts$/.test(p))).toEqual([]);
    expect(result.outputFiles[0]!.text).not.toMatch(/\bfrom ["']node:/);
  });
});
