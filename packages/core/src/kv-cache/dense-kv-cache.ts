import { ReasonkitError } from '../errors/reasonkit-error.js';
import { tensor } from '../tensor/create-tensor.js';
import type { KVCache, KVCacheSpec, KVLayer } from './kv-cache.js';

/**
 * The default cache: keeps every key and value the model returns. `DenseKVCache.ragged` builds one
 * whose layers hold different tokens (PyramidKV); it stays ragged through `update`.
 */
export class DenseKVCache implements KVCache {
  readonly length: number;
  readonly positions: Int32Array;
  readonly nextPosition: number;
  readonly layerPositions: readonly Int32Array[] | undefined;
  readonly #layers: readonly KVLayer[];
  // Append-only position store shared along a chain of updates: `positions` is a view of its first
  // `length` entries, so appending one token does not copy the positions (a decode loop would copy
  // O(length) per step). `used` tells whether the slots after this cache's view are still free.
  readonly #store: PositionStore | undefined;

  private constructor(
    layers: readonly KVLayer[],
    positions: Int32Array,
    nextPosition: number,
    layerPositions?: readonly Int32Array[],
    store?: PositionStore,
  ) {
    this.#layers = layers;
    this.#store = store;
    this.positions = positions;
    this.length = positions.length;
    this.nextPosition = nextPosition;
    this.layerPositions = layerPositions;
  }

  /** An empty cache: every layer `[1, kvHeads, 0, headDim]`. */
  static empty(spec: KVCacheSpec): DenseKVCache {
    const layers: KVLayer[] = [];
    const dims = [1, spec.numKvHeads, 0, spec.headDim];
    for (let i = 0; i < spec.numLayers; i++) {
      layers.push(
        spec.dtype === 'float16'
          ? { key: tensor('float16', new Uint16Array(0), dims), value: tensor('float16', new Uint16Array(0), dims) }
          : { key: tensor('float32', new Float32Array(0), dims), value: tensor('float32', new Float32Array(0), dims) },
      );
    }
    return new DenseKVCache(layers, new Int32Array(0), 0);
  }

  /**
   * A cache holding exactly `layers`, whose tokens sit at `positions` (ascending absolute
   * positions). Use it to install an externally compressed or evicted cache.
   */
  static from(layers: readonly KVLayer[], positions: Int32Array, nextPosition?: number): DenseKVCache {
    checkLayers(layers, positions.length);
    const last = positions.length > 0 ? positions[positions.length - 1]! + 1 : 0;
    return new DenseKVCache(layers, positions, nextPosition ?? last);
  }

  /**
   * A cache whose layer `l` holds the tokens at `layerPositions[l]` (ascending absolute
   * positions; layer `l` is `[1, kvHeads, layerPositions[l].length, headDim]`), e.g. after
   * PyramidKV keeps fewer tokens in upper layers. `positions` is the union of all layers;
   * `nextPosition` defaults to one past the largest position. Only the llama2.c reference model
   * attends over a ragged cache (ONNX graphs throw `CACHE_UNSUPPORTED`).
   */
  static ragged(layers: readonly KVLayer[], layerPositions: readonly Int32Array[], nextPosition?: number): DenseKVCache {
    if (layerPositions.length !== layers.length) {
      throw new ReasonkitError('SHAPE_MISMATCH', `DenseKVCache.ragged: ${layers.length} layers but ${layerPositions.length} layerPositions`, {
        field: 'layerPositions',
        expected: layers.length,
        actual: layerPositions.length,
      });
    }
    for (const [i, layer] of layers.entries()) checkLayers([layer], layerPositions[i]!.length, i);
    const union = unionPositions(layerPositions);
    const last = union.length > 0 ? union[union.length - 1]! + 1 : 0;
    return new DenseKVCache(layers, union, nextPosition ?? last, layerPositions);
  }

  layers(): readonly KVLayer[] {
    return this.#layers;
  }

  update(present: readonly KVLayer[], newPositions: Int32Array): DenseKVCache {
    if (present.length !== this.#layers.length) {
      throw new ReasonkitError(
        'SHAPE_MISMATCH',
        `KV cache update: expected ${this.#layers.length} layers of present.* but got ${present.length}`,
        { tensor: 'present', expected: this.#layers.length, actual: present.length },
      );
    }
    if (this.layerPositions) {
      const perLayer = this.layerPositions.map((p) => concatPositions(p, newPositions));
      for (const [i, layer] of present.entries()) checkLayers([layer], perLayer[i]!.length, i);
      const last = newPositions.length > 0 ? newPositions[newPositions.length - 1]! + 1 : this.nextPosition;
      return new DenseKVCache(present, unionPositions(perLayer), Math.max(last, this.nextPosition), perLayer);
    }
    const length = this.length + newPositions.length;
    checkLayers(present, length);
    let store = this.#store;
    if (store === undefined || store.used !== this.length || store.buf.length < length) {
      // Not the tip of a chain with room to spare (or no chain yet): start a new store.
      const buf = new Int32Array(Math.max(64, 2 * length));
      buf.set(this.positions, 0);
      store = { buf, used: this.length };
    }
    store.buf.set(newPositions, this.length);
    store.used = length;
    const last = newPositions.length > 0 ? newPositions[newPositions.length - 1]! + 1 : this.nextPosition;
    return new DenseKVCache(present, store.buf.subarray(0, length), Math.max(last, this.nextPosition), undefined, store);
  }
}

function concatPositions(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Ascending union of per-layer positions. */
function unionPositions(layerPositions: readonly Int32Array[]): Int32Array {
  const all = new Set<number>();
  for (const p of layerPositions) for (const v of p) all.add(v);
  return Int32Array.from([...all].sort((a, b) => a - b));
}

interface PositionStore {
  buf: Int32Array;
  used: number;
}

function checkLayers(layers: readonly KVLayer[], length: number, firstIndex = 0): void {
  // Plain loops: this runs per decode step.
  for (let j = 0; j < layers.length; j++) {
    const layer = layers[j]!;
    const i = firstIndex + j;
    for (let k = 0; k < 2; k++) {
      const kind = k === 0 ? 'key' : 'value';
      const t = layer[kind];
      if (t.dims.length !== 4 || t.dims[0] !== 1 || t.dims[2] !== length) {
        throw new ReasonkitError(
          'SHAPE_MISMATCH',
          `KV cache layer ${i} ${kind}: expected dims [1, kvHeads, ${length}, headDim] but got [${t.dims.join(', ')}]`,
          { tensor: `past_key_values.${i}.${kind}`, expected: length, actual: [...t.dims] },
        );
      }
    }
  }
}
