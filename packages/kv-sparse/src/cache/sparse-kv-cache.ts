import { type KVCache, type KVLayer, type Tensor, tensor, toFloat32 } from '@reasonkit/core';
import { KvSparseError } from '../errors/kv-sparse-error.js';
import { type KVDType, dequantize, quantizedBytes } from '../quant/quantized-array.js';
import { headBytes, materializeKeys } from './channel-sparse-keys.js';
import { type SparseKVLayer, compressedLength, tailLength } from './sparse-kv-layer.js';

/** Model geometry a cache belongs to (`qHeads % kvHeads === 0`). */
export interface KVGeometry {
  layers: number;
  kvHeads: number;
  qHeads: number;
  headDim: number;
}

/** How a cache was built, recorded next to every result (spec §13 target 11). */
export interface CompressionLabel {
  /** Whether the SparK/SnapKV window queries included the question (kvpress `query_aware`). */
  queryAware: boolean;
  /** Channel scorer; `'magnitude (not SparK)'` for the query-free fallback; `'none'` without channel pruning. */
  scorer: string;
  eviction: string;
  restorer: string;
  keyChannelRatio: number;
  dtype: KVDType;
}

/** Byte counts of a cache: sums of `byteLength` of the arrays it holds. */
export interface CacheBytes {
  keys: number;
  values: number;
  metadata: number;
  total: number;
}

/**
 * A KV cache holding SparK-compressed keys (kept channels, masks, signs, one statistic per token),
 * stored values and a dense tail of tokens added after compression. It implements core's
 * `KVCache`: `layers()` materialises restored float32 keys for models that attend densely (ONNX
 * graphs, mode a); the llama2.c reference model with {@link sparkAttention} attends over the
 * compressed storage directly (mode b). Immutable: `update` shares the compressed part.
 */
export class SparseKVCache implements KVCache {
  readonly geometry: KVGeometry;
  readonly label: CompressionLabel;
  readonly sparseLayers: readonly SparseKVLayer[];
  readonly tailPositions: Int32Array;
  readonly length: number;
  readonly positions: Int32Array;
  readonly layerPositions: readonly Int32Array[] | undefined;
  readonly nextPosition: number;

  constructor(geometry: KVGeometry, layers: readonly SparseKVLayer[], label: CompressionLabel, nextPosition: number, tailPositions: Int32Array = new Int32Array(0)) {
    if (layers.length !== geometry.layers) {
      throw new KvSparseError('geometry', `SparseKVCache: ${layers.length} layers for a ${geometry.layers}-layer geometry`, { field: 'layers', expected: geometry.layers, actual: layers.length });
    }
    this.geometry = geometry;
    this.sparseLayers = layers;
    this.label = label;
    this.tailPositions = tailPositions;
    const per = layers.map((l) => concat(l.positions, tailPositions));
    const ragged = per.some((p) => p.length !== per[0]!.length || p.some((v, i) => v !== per[0]![i]));
    this.layerPositions = ragged ? per : undefined;
    this.positions = ragged ? Int32Array.from(new Set(per.flatMap((p) => [...p]))).sort() : (per[0] ?? new Int32Array(0));
    this.length = this.positions.length;
    this.nextPosition = nextPosition;
  }

  /** Restored dense float32 keys and dequantised values per layer (`[1, kvHeads, P_l, D]`). Built on each call; not kept. */
  layers(): readonly KVLayer[] {
    const { kvHeads: H, headDim: D } = this.geometry;
    return this.sparseLayers.map((layer, l) => {
      const S = compressedLength(layer);
      const P = S + tailLength(layer);
      const K = new Float32Array(H * P * D);
      const V = new Float32Array(H * P * D);
      for (let g = 0; g < H; g++) {
        K.set(materializeKeys(layer.heads[g]!), g * P * D);
        V.set(dequantize(layer.values[g]!, { rowLength: D, rows: S }), g * P * D);
        let o = S;
        for (const c of layer.tail) {
          K.set(c.keys.subarray(g * c.length * D, (g + 1) * c.length * D), (g * P + o) * D);
          V.set(c.values.subarray(g * c.length * D, (g + 1) * c.length * D), (g * P + o) * D);
          o += c.length;
        }
      }
      return { key: tensor('float32', K, [1, H, P, D], `past_key_values.${l}.key`), value: tensor('float32', V, [1, H, P, D], `past_key_values.${l}.value`) };
    });
  }

  /** Appends the new rows of `present` (the last `newPositions.length` per layer) to the dense tail. */
  update(present: readonly KVLayer[], newPositions: Int32Array): SparseKVCache {
    const { kvHeads: H, headDim: D, layers: L } = this.geometry;
    if (present.length !== L) {
      throw new KvSparseError('cache-mismatch', `SparseKVCache.update: ${present.length} present layers for a ${L}-layer cache (a cache from a different model?)`, {
        tensor: 'present',
        expected: L,
        actual: present.length,
      });
    }
    const n = newPositions.length;
    const layers = this.sparseLayers.map((layer, l) => {
      const k = rowsOf(present[l]!.key, `present.${l}.key`, H, D, n);
      const v = rowsOf(present[l]!.value, `present.${l}.value`, H, D, n);
      return { ...layer, tail: n > 0 ? [...layer.tail, { keys: k, values: v, length: n }] : layer.tail };
    });
    const last = n > 0 ? newPositions[n - 1]! + 1 : this.nextPosition;
    return new SparseKVCache(this.geometry, layers, this.label, Math.max(last, this.nextPosition), concat(this.tailPositions, newPositions));
  }

  /** Real bytes: `byteLength` summed over every typed array held (positions excluded; dense caches hold them too). */
  bytes(): CacheBytes {
    let keys = 0;
    let values = 0;
    let metadata = 0;
    for (const layer of this.sparseLayers) {
      for (const h of layer.heads) {
        const b = headBytes(h);
        keys += b.keys;
        metadata += b.metadata;
      }
      for (const v of layer.values) values += quantizedBytes(v);
      for (const c of layer.tail) {
        keys += c.keys.byteLength;
        values += c.values.byteLength;
      }
    }
    return { keys, values, metadata, total: keys + values + metadata };
  }

  /** Bytes a dense cache of the same token counts holds at `dtype` (int8/int4 add an fp16 scale and zero per token-head row, spec §8). */
  denseBytes(dtype: KVDType = this.label.dtype): number {
    const { kvHeads: H, headDim: D } = this.geometry;
    const per = dtype === 'float32' ? 4 * D : dtype === 'float16' ? 2 * D : dtype === 'int8' ? D + 4 : Math.ceil(D / 2) + 4;
    let rows = 0;
    for (const layer of this.sparseLayers) rows += H * compressedLength(layer);
    let tail = 0;
    for (const layer of this.sparseLayers) tail += H * tailLength(layer) * D * 4 * 2;
    return rows * per * 2 + tail;
  }

  /** Nominal ratios for comparison with papers only (kvpress-style): kept channel fraction and kept token fraction. */
  nominalCompression(promptLength: number): { channel: number; tokens: number } {
    let kept = 0;
    let all = 0;
    let tokens = 0;
    for (const layer of this.sparseLayers) {
      for (const h of layer.heads) {
        kept += h.kept.length;
        all += h.seqLen * h.headDim;
      }
      tokens += compressedLength(layer);
    }
    return { channel: all > 0 ? 1 - kept / all : 0, tokens: promptLength > 0 ? 1 - tokens / (this.sparseLayers.length * promptLength) : 0 };
  }
}

function concat(a: Int32Array, b: Int32Array): Int32Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Int32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The last `n` rows of each head of a `[1, H, T, D]` tensor, as `[H, n, D]` float32. */
function rowsOf(t: Tensor, name: string, H: number, D: number, n: number): Float32Array {
  const d = t.dims;
  if (d.length !== 4 || d[0] !== 1 || d[1] !== H || d[3] !== D || d[2]! < n) {
    throw new KvSparseError('cache-mismatch', `${name} has dims [${d.join(', ')}]; this cache expects [1, ${H}, ≥${n}, ${D}] (a cache from a different model?)`, {
      tensor: name,
      expected: [1, H, n, D],
      actual: [...d],
    });
  }
  const T = d[2]!;
  const data = t.dtype === 'float32' ? (t.data as Float32Array) : (toFloat32(t).data as Float32Array);
  const out = new Float32Array(H * n * D);
  for (let g = 0; g < H; g++) out.set(data.subarray((g * T + T - n) * D, (g * T + T) * D), g * n * D);
  return out;
}
