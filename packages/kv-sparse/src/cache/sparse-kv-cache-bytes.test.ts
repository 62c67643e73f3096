// Spec §8 and §13 target 5 (issue acceptance 2): real bytes from byteLength, the analytic formula, savings.
// build() uses the default groupSize, so these tests also pin it to the §8 layout (one scale + zero per token-head).
import { DenseKVCache, mulberry32, tensor } from '@reasonkit/core';
import { describe, expect, it } from 'vitest';
import { keepCount } from '../channel/keep-count.js';
import { compressCache } from '../compress/compress-cache.js';
import type { KVDType } from '../quant/quantized-array.js';
import type { SparseKVCache } from './sparse-kv-cache.js';

const D = 128;
const S = 2048;
const H = 2;
const QH = 4;
const rand = mulberry32(11);
const keys = Float32Array.from({ length: H * S * D }, () => rand() - 0.5);
const values = Float32Array.from({ length: H * S * D }, () => rand() - 0.5);
const queries = Float32Array.from({ length: QH * 32 * D }, () => rand() - 0.5);
const dense = DenseKVCache.from([{ key: tensor('float32', keys, [1, H, S, D]), value: tensor('float32', values, [1, H, S, D]) }], Int32Array.from({ length: S }, (_, i) => i));
const geometry = { layers: 1, kvHeads: H, qHeads: QH, headDim: D };

function build(ratio: number, dtype: KVDType, onNonPositiveSaving: 'warn' | 'refuse' = 'warn') {
  return compressCache(
    { cache: dense, geometry, queries: [queries] },
    { channel: { scorer: { kind: 'spark', window: 32 }, selector: { kind: 'fixedRatio', ratio } }, dtype, onNonPositiveSaving },
  );
}

/** Every typed array the cache holds, found by walking it (independent of bytes()). */
function walkBytes(cache: SparseKVCache): number {
  let total = 0;
  const seen = new Set<unknown>();
  const visit = (v: unknown, key: string) => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      if (key !== 'positions') total += v.byteLength;
      return;
    }
    for (const [k, x] of Object.entries(v)) visit(x, k);
  };
  for (const layer of cache.sparseLayers) visit(layer, '');
  return total;
}

/** Spec §8 formula per token-head: K = T·b + D/8 + σ·D/8 + stat + qm; V = D·b + qm. */
function formula(ratio: number, dtype: KVDType): { sparse: number; dense: number } {
  const b = { float32: 4, float16: 2, int8: 1, int4: 0.5 }[dtype];
  const qm = dtype === 'int8' || dtype === 'int4' ? 4 : 0;
  const stat = dtype === 'float32' ? 4 : 2;
  const T = keepCount(D, ratio);
  const k = T * b + D / 8 + D / 8 + stat + qm;
  return { sparse: k + D * b + qm, dense: 2 * (D * b + qm) };
}

describe('real bytes of the compressed cache', () => {
  for (const dtype of ['float32', 'float16', 'int8', 'int4'] as const) {
    for (const ratio of [0.5, 0.8]) {
      it(`${dtype}, r = ${ratio}: bytes() = Σ byteLength, and the §8 formula agrees within 1%`, () => {
        const { cache } = build(ratio, dtype);
        const b = cache.bytes();
        expect(b.total).toBe(walkBytes(cache));
        expect(b.total).toBe(b.keys + b.values + b.metadata);
        const f = formula(ratio, dtype);
        expect(Math.abs(b.total - f.sparse * H * S) / (f.sparse * H * S)).toBeLessThan(0.01);
        expect(cache.denseBytes()).toBe(f.dense * H * S);
      });
    }
  }

  it('M1/M2: fp16 r = 0.8 saves ≥ 33.0%, fp32 r = 0.8 ≥ 36.0%, fp16 r = 0.5 ≥ 18.0% against dense of the same dtype', () => {
    const saving = (r: number, dt: KVDType) => {
      const { cache } = build(r, dt);
      return 1 - cache.bytes().total / cache.denseBytes();
    };
    expect(saving(0.8, 'float16')).toBeGreaterThanOrEqual(0.33);
    expect(saving(0.8, 'float32')).toBeGreaterThanOrEqual(0.36);
    expect(saving(0.5, 'float16')).toBeGreaterThanOrEqual(0.18);
    // the dense baseline is what a dense cache of that dtype really holds: D·2 bytes per row at fp16
    expect(build(0.8, 'float16').cache.denseBytes()).toBe(2 * H * S * D * 2);
  });

  it('M5: int4 with r = 0.5 saves nothing: a warning by default, a typed refusal on request', () => {
    const r = build(0.5, 'int4');
    expect(r.saving).toBeLessThanOrEqual(0);
    expect(r.warnings.join('\n')).toMatch(/not below/);
    expect(() => build(0.5, 'int4', 'refuse')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', kind: 'config' }));
    expect(build(0.8, 'int4').warnings).toEqual([]);
  });
});
