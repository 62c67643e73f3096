// Spec §13 target 10 / issue acceptance 7: bad input gives typed errors with codes.
import { DenseKVCache, ReasonkitError, tensor } from '@reasonkit/core';
import { describe, expect, it } from 'vitest';
import { keepCount } from '../channel/keep-count.js';
import { compressCache } from '../compress/compress-cache.js';
import { fromPresent } from '../integration/present-layers.js';
import { pyramidBudgets } from '../eviction/pyramid-budgets.js';

const D = 8;
const S = 40;
const mk = (keys = new Float32Array(2 * S * D).fill(0.5)) =>
  DenseKVCache.from([{ key: tensor('float32', keys, [1, 2, S, D]), value: tensor('float32', new Float32Array(2 * S * D), [1, 2, S, D]) }], Int32Array.from({ length: S }, (_, i) => i));
const geometry = { layers: 1, kvHeads: 2, qHeads: 4, headDim: D };
const queries = [new Float32Array(4 * S * D).fill(0.1)];
const spark = (ratio: number, window = 32) => ({ channel: { scorer: { kind: 'spark' as const, window }, selector: { kind: 'fixedRatio' as const, ratio } } });
const fails = (fn: () => unknown, code: string, kind?: string) => {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ReasonkitError);
  expect((err as ReasonkitError).code).toBe(code);
  if (kind) expect((err as { kind?: string }).kind).toBe(kind);
  return err as ReasonkitError;
};

describe('bad input', () => {
  it('r = 1 and r < 0', () => {
    fails(() => keepCount(D, 1), 'INVALID_ARGUMENT', 'invalid-ratio');
    fails(() => keepCount(D, -0.1), 'INVALID_ARGUMENT', 'invalid-ratio');
    const e = fails(() => compressCache({ cache: mk(), geometry, queries }, spark(1)), 'INVALID_ARGUMENT');
    expect(e.message).toMatch(/channel\.selector\.ratio/);
  });
  it('qHeads not a multiple of kvHeads', () => {
    fails(() => compressCache({ cache: mk(), geometry: { ...geometry, qHeads: 3 }, queries }, spark(0.5)), 'SHAPE_MISMATCH', 'geometry');
  });
  it('a window larger than the prompt', () => {
    fails(() => compressCache({ cache: mk(), geometry, queries }, spark(0.5, 64)), 'INVALID_ARGUMENT', 'window');
  });
  it('SnapKV with S ≤ window', () => {
    fails(() => compressCache({ cache: mk(), geometry, queries }, { eviction: { kind: 'snapKV', window: 40, kernel: 5 }, budget: { maxTokens: 10 } }), 'INVALID_ARGUMENT', 'window');
  });
  it('present tensors of the wrong rank, a fused key_value layout, or the wrong geometry', () => {
    const ok = tensor('float32', new Float32Array(2 * 3 * D), [1, 2, 3, D]);
    fails(() => fromPresent({ 'present.0.key': tensor('float32', new Float32Array(2 * 3 * D), [2, 3, D]), 'present.0.value': ok }, geometry), 'MODEL_LAYOUT_UNSUPPORTED', 'layout');
    fails(() => fromPresent({ 'present.0.key_value': ok }, geometry), 'MODEL_LAYOUT_UNSUPPORTED', 'layout');
    fails(() => fromPresent({ 'present.0.key': tensor('float32', new Float32Array(4 * 3 * D), [1, 4, 3, D]), 'present.0.value': ok }, geometry), 'SHAPE_MISMATCH', 'geometry');
    expect(fromPresent({ 'present.0.key': ok, 'present.0.value': ok }, geometry)).toHaveLength(1);
  });
  it('NaN in keys names the element', () => {
    const keys = new Float32Array(2 * S * D).fill(0.5);
    keys[13] = Number.NaN;
    const e = fails(() => compressCache({ cache: mk(keys), geometry, queries }, spark(0.5)), 'INVALID_ARGUMENT', 'non-finite');
    expect(e.message).toMatch(/keys\[13\]/);
  });
  it('maxTokens ≤ 0', () => {
    fails(() => compressCache({ cache: mk(), geometry, queries }, { eviction: { kind: 'streamingLLM', sinks: 4 }, budget: { maxTokens: 0 } }), 'INVALID_ARGUMENT');
    fails(() => pyramidBudgets(100, 2, { budget: -3 }), 'INVALID_ARGUMENT', 'invalid-budget');
  });
  it('an unknown restorer name in a zod-validated config', () => {
    const e = fails(
      () => compressCache({ cache: mk(), geometry, queries }, { channel: { scorer: { kind: 'spark', window: 32 }, selector: { kind: 'fixedRatio', ratio: 0.5 }, restorer: { kind: 'gamma' } as never } }),
      'INVALID_ARGUMENT',
    );
    expect(e.message).toMatch(/channel\.restorer/);
  });
  it('a cache from a different model (layer count or geometry)', () => {
    fails(() => compressCache({ cache: mk(), geometry: { ...geometry, layers: 2 }, queries }, spark(0.5)), 'CACHE_UNSUPPORTED', 'cache-mismatch');
    fails(() => compressCache({ cache: mk(), geometry: { ...geometry, headDim: 16 }, queries }, spark(0.5)), 'CACHE_UNSUPPORTED', 'cache-mismatch');
  });
});
