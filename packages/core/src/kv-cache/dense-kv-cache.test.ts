import { describe, expect, it } from 'vitest';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { catchError } from '../test-utils/expect-error.js';
import { tensor } from '../tensor/create-tensor.js';
import { DenseKVCache } from './dense-kv-cache.js';

const spec = { numLayers: 2, numKvHeads: 1, headDim: 2, dtype: 'float32' as const };
const layer = (s: number, v: number) => ({
  key: tensor('float32', new Float32Array(2 * s).fill(v), [1, 1, s, 2]),
  value: tensor('float32', new Float32Array(2 * s).fill(-v), [1, 1, s, 2]),
});

describe('DenseKVCache', () => {
  it('starts empty with zero-length layers', () => {
    const c = DenseKVCache.empty(spec);
    expect(c.length).toBe(0);
    expect(c.nextPosition).toBe(0);
    expect(c.layers().map((l) => l.key.dims)).toEqual([[1, 1, 0, 2], [1, 1, 0, 2]]);
  });

  it('appends positions on update and keeps absolute positions after eviction', () => {
    const c = DenseKVCache.empty(spec).update([layer(3, 1), layer(3, 2)], Int32Array.from([0, 1, 2]));
    expect([...c.positions]).toEqual([0, 1, 2]);
    expect(c.nextPosition).toBe(3);
    // evict token at position 1
    const evicted = DenseKVCache.from([layer(2, 1), layer(2, 2)], Int32Array.from([0, 2]), c.nextPosition);
    const next = evicted.update([layer(3, 1), layer(3, 2)], Int32Array.from([3]));
    expect([...next.positions]).toEqual([0, 2, 3]);
    expect(next.length).toBe(3);
    expect(next.nextPosition).toBe(4);
  });

  it('keeps every cache of a chain and of a fork with its own positions (the store is shared only by the tip)', () => {
    const a = DenseKVCache.empty(spec).update([layer(2, 1), layer(2, 2)], Int32Array.from([0, 1]));
    const b = a.update([layer(3, 1), layer(3, 2)], Int32Array.from([2]));
    const c = b.update([layer(4, 1), layer(4, 2)], Int32Array.from([3]));
    // fork from `a` after `b` and `c` were appended: must not overwrite b's or c's positions
    const fork = a.update([layer(3, 1), layer(3, 2)], Int32Array.from([7]));
    const forkNext = fork.update([layer(4, 1), layer(4, 2)], Int32Array.from([8]));
    const again = b.update([layer(4, 1), layer(4, 2)], Int32Array.from([5]));
    expect([...a.positions]).toEqual([0, 1]);
    expect([...b.positions]).toEqual([0, 1, 2]);
    expect([...c.positions]).toEqual([0, 1, 2, 3]);
    expect([...fork.positions]).toEqual([0, 1, 7]);
    expect([...forkNext.positions]).toEqual([0, 1, 7, 8]);
    expect([...again.positions]).toEqual([0, 1, 2, 5]);
    expect(c.positions).not.toBe(again.positions);
    // a long chain grows past the first buffer
    let long = DenseKVCache.empty(spec);
    for (let i = 0; i < 200; i++) long = long.update([layer(i + 1, 1), layer(i + 1, 2)], Int32Array.of(i));
    expect(long.positions.length).toBe(200);
    expect([...long.positions].every((p, i) => p === i)).toBe(true);
    expect(long.nextPosition).toBe(200);
  });

  it('rejects present tensors whose length disagrees with positions, naming the tensor', () => {
    const c = DenseKVCache.empty(spec);
    expect(() => c.update([layer(2, 1), layer(3, 2)], Int32Array.from([0, 1]))).toThrowError(/past_key_values|layer 1/);
    try {
      c.update([layer(2, 1), layer(3, 2)], Int32Array.from([0, 1]));
    } catch (e) {
      expect(ReasonkitError.is(e, 'SHAPE_MISMATCH')).toBe(true);
      expect((e as ReasonkitError).details.tensor).toBe('past_key_values.1.key');
    }
  });

  it('ragged: layers keep different tokens (PyramidKV); positions are their union and update appends to each layer', () => {
    const c = DenseKVCache.ragged([layer(3, 1), layer(1, 2)], [Int32Array.from([0, 1, 3]), Int32Array.from([3])], 4);
    expect(c.layerPositions!.map((p) => [...p])).toEqual([[0, 1, 3], [3]]);
    expect([...c.positions]).toEqual([0, 1, 3]);
    expect(c.length).toBe(3);
    expect(c.nextPosition).toBe(4);
    const next = c.update([layer(5, 1), layer(3, 2)], Int32Array.from([4, 5]));
    expect(next.layerPositions!.map((p) => [...p])).toEqual([[0, 1, 3, 4, 5], [3, 4, 5]]);
    expect([...next.positions]).toEqual([0, 1, 3, 4, 5]);
    expect(next.nextPosition).toBe(6);
    expect(DenseKVCache.ragged([layer(1, 1), layer(2, 2)], [Int32Array.of(7), Int32Array.of(2, 9)]).nextPosition).toBe(10);
    expect(DenseKVCache.empty(spec).layerPositions).toBeUndefined();
  });

  it('ragged: rejects a layer whose length disagrees with its positions, naming the layer', () => {
    const e = catchError(() => DenseKVCache.ragged([layer(3, 1), layer(2, 2)], [Int32Array.from([0, 1, 2]), Int32Array.from([2])]));
    expect(e.code).toBe('SHAPE_MISMATCH');
    expect(e.details.tensor).toBe('past_key_values.1.key');
    expect(catchError(() => DenseKVCache.ragged([layer(1, 1)], [Int32Array.of(0), Int32Array.of(0)])).details.field).toBe('layerPositions');
    const c = DenseKVCache.ragged([layer(2, 1), layer(1, 2)], [Int32Array.from([0, 1]), Int32Array.from([1])]);
    expect(catchError(() => c.update([layer(3, 1), layer(3, 2)], Int32Array.of(2))).details.tensor).toBe('past_key_values.1.key');
  });
});
