import { ReasonkitError } from '../errors/reasonkit-error.js';
import { tensor } from '../tensor/create-tensor.js';
import type { KVCache, KVCacheSpec, KVLayer } from './kv-cache.js';

/** The default cache: keeps every key and value the model returns. */
export class DenseKVCache implements KVCache {
  readonly length: number;
  readonly positions: Int32Array;
  readonly nextPosition: number;
  readonly #layers: readonly KVLayer[];

  private constructor(layers: readonly KVLayer[], positions: Int32Array, nextPosition: number) {
    this.#layers = layers;
    this.positions = positions;
    this.length = positions.length;
    this.nextPosition = nextPosition;
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
    const positions = new Int32Array(this.length + newPositions.length);
    positions.set(this.positions, 0);
    positions.set(newPositions, this.length);
    checkLayers(present, positions.length);
    const last = newPositions.length > 0 ? newPositions[newPositions.length - 1]! + 1 : this.nextPosition;
    return new DenseKVCache(present, positions, Math.max(last, this.nextPosition));
  }
}

function checkLayers(layers: readonly KVLayer[], length: number): void {
  for (const [i, layer] of layers.entries()) {
    for (const kind of ['key', 'value'] as const) {
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
