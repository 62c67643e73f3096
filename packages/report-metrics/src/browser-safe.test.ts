// The root entry must be browser-safe: bundling it for the browser platform must not pull in any
// Node built-in module; Node-only code lives under src/node and src/runner/score-file.ts.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
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
    expect(inputs.filter((p) => p.startsWith('node:') || /(^|\/)node_modules\/(fs|path|os|http|child_process|crypto)\//.test(p))).toEqual([]);
    const ours = inputs.filter((p) => p.includes('packages/report-metrics/src/'));
    expect(ours.filter((p) => /\/(node)\/|score-file|cli\.ts/.test(p))).toEqual([]);
    expect(result.outputFiles[0]!.text).not.toMatch(/\bfrom ["']node:/);
  });
});
