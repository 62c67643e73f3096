// Spec §13 target 12 and issue acceptance 6: the root and the web entry are browser-safe (no Node
// built-ins, no onnxruntime), and the kernel runs through the web entry point.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkBrowserSafety } from '@reasonkit/core/testing/node';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('.', import.meta.url));
const nodeOnly = /packages\/kv-sparse\/src\/(bench\/|cli\.ts$)/;

describe('browser safety and the dependency graph', () => {
  for (const entry of ['index.ts', 'web/index.ts']) {
    it(`${entry} bundles for the browser without Node built-ins, Node-only files or onnxruntime`, async () => {
      const report = await checkBrowserSafety({ entry: resolve(src, entry), nodeOnly });
      expect(report.builtins).toEqual([]);
      expect(report.nodeOnly).toEqual([]);
      expect(report.importsNode).toBe(false);
    });
  }

  it('the kernel entry imports no onnxruntime package and no Node module (source scan of every file it reaches)', async () => {
    const { build } = await import('esbuild');
    const result = await build({ entryPoints: [resolve(src, 'web/index.ts')], bundle: true, write: false, platform: 'browser', format: 'esm', metafile: true, logLevel: 'silent', conditions: ['@reasonkit/source'], external: ['onnxruntime-web', 'onnxruntime-node', 'onnxruntime-common'] });
    const inputs = Object.keys(result.metafile.inputs);
    const text = result.outputFiles[0]!.text;
    expect(text).not.toMatch(/from ["']onnxruntime/);
    expect(inputs.filter((p) => /onnxruntime/.test(p))).toEqual([]);
    expect(inputs.some((p) => p.includes('kv-sparse/src/kernels/attend-decode.ts'))).toBe(true);
  });

  it('attendDecode through @reasonkit/kv-sparse/web equals the dense kernel over materialised keys', async () => {
    const web = await import('@reasonkit/kv-sparse/web');
    const { mulberry32 } = await import('@reasonkit/core');
    const rand = mulberry32(9);
    const H = 2;
    const QH = 4;
    const D = 32;
    const S = 50;
    const keys = Float32Array.from({ length: H * S * D }, () => rand() - 0.5);
    const values = Float32Array.from({ length: H * S * D }, () => rand() - 0.5);
    const layer = web.compressLayer({
      keys,
      values,
      positions: Int32Array.from({ length: S }, (_, i) => i),
      kvHeads: H,
      qHeads: QH,
      headDim: D,
      queries: Float32Array.from({ length: QH * 32 * D }, () => rand() - 0.5),
      press: { scorer: web.sparkScorer(), selector: web.fixedRatio(0.8), restorer: web.sparkMean() },
    });
    const K = new Float32Array(H * S * D);
    for (let g = 0; g < H; g++) K.set(web.materializeKeys(layer.heads[g]!), g * S * D);
    const q = Float32Array.from({ length: QH * D }, () => rand() - 0.5);
    const got = web.attendDecode(q, layer);
    const want = web.attendDenseReference({ q, keys: K, values, qHeads: QH, kvHeads: H, seqLen: S, headDim: D });
    for (let i = 0; i < want.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(1e-5);
  });
});
