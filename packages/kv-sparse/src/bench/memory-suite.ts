import { DenseKVCache, mulberry32, tensor } from '@reasonkit/core';
import { compressCache } from '../compress/compress-cache.js';
import type { KVDType } from '../quant/quantized-array.js';

const H = 8;
const D = 128;
const GEOMETRY = { layers: 1, kvHeads: H, qHeads: 4 * H, headDim: D };

/** The seeded synthetic cache both memory tables compress: H_kv = 8, D = 128, S tokens, 32 window queries per query head. */
function syntheticCache(S: number): { cache: DenseKVCache; queries: Float32Array[] } {
  const rand = mulberry32(3);
  const keys = Float32Array.from({ length: H * S * D }, () => rand() - 0.5);
  const values = Float32Array.from({ length: H * S * D }, () => rand() - 0.5);
  const cache = DenseKVCache.from([{ key: tensor('float32', keys, [1, H, S, D]), value: tensor('float32', values, [1, H, S, D]) }], Int32Array.from({ length: S }, (_, i) => i));
  return { cache, queries: [Float32Array.from({ length: 4 * H * 32 * D }, () => rand() - 0.5)] };
}

/** Real bytes per token-head and K+V saving against dense of the same dtype (spec §8, M1–M3, M5). */
export interface MemoryRow {
  dtype: KVDType;
  ratio: number;
  bytesPerTokenHead: number;
  denseBytesPerTokenHead: number;
  saving: number;
  nominal: number;
  warned: boolean;
}

/** Synthetic cache, H_kv = 8, D = 128, S tokens, SparK mean with stored signs, int groups 'row'. */
export function memorySuite(S = 2048): MemoryRow[] {
  const { cache, queries } = syntheticCache(S);
  const rows: MemoryRow[] = [];
  for (const dtype of ['float32', 'float16', 'int8', 'int4'] as const) {
    for (const ratio of [0.5, 0.8]) {
      const r = compressCache(
        { cache, geometry: GEOMETRY, queries },
        { channel: { scorer: { kind: 'spark', window: 32 }, selector: { kind: 'fixedRatio', ratio } }, dtype, groupSize: 'row' },
      );
      rows.push({
        dtype,
        ratio,
        bytesPerTokenHead: r.cache.bytes().total / (H * S),
        denseBytesPerTokenHead: r.cache.denseBytes() / (H * S),
        saving: r.saving,
        nominal: ratio / 2,
        warned: r.warnings.length > 0,
      });
    }
  }
  return rows;
}

/** M4: total reduction of SnapKV budget B on an S-token context composed with SparK (product of token and byte ratios). */
export function composedReduction(rows: MemoryRow[], contexts = [8192, 32768], budgets = [128, 512, 1024, 2048]) {
  const out: { context: number; budget: number; dtype: KVDType; ratio: number; reduction: number }[] = [];
  for (const S of contexts) for (const B of budgets) for (const r of rows.filter((x) => x.dtype === 'float16')) out.push({ context: S, budget: B, dtype: r.dtype, ratio: r.ratio, reduction: 1 - (B / S) * (1 - r.saving) });
  return out;
}

/** Real bytes of int8 storage at group sizes 32 / 64 / 'row' (the T4 throughput variants). */
export interface Int8GroupingRow {
  ratio: number;
  grouping: string;
  bytesPerTokenHead: number;
  /** Key side: kept codes, their scales and zeros, mask, signs, `a_t`, `qn`. */
  keyBytesPerTokenHead: number;
  /** Value side: codes, scales and zeros (runs of the same group size). */
  valueBytesPerTokenHead: number;
  saving: number;
}

/** int8 at r = 0.5 / 0.8 with groups of 32 / 64 / 'row' values per token row (kept keys and values alike). */
export function int8GroupingSuite(S = 2048): Int8GroupingRow[] {
  const { cache, queries } = syntheticCache(S);
  const groupings = [
    { grouping: "'row' (default; one group per token)", groupSize: 'row' },
    { grouping: '32', groupSize: 32 },
    { grouping: '64', groupSize: 64 },
  ] as const;
  const rows: Int8GroupingRow[] = [];
  for (const ratio of [0.5, 0.8]) {
    for (const g of groupings) {
      const r = compressCache(
        { cache, geometry: GEOMETRY, queries },
        { channel: { scorer: { kind: 'spark', window: 32 }, selector: { kind: 'fixedRatio', ratio } }, dtype: 'int8', groupSize: g.groupSize },
      );
      const b = r.cache.bytes();
      rows.push({ ratio, grouping: g.grouping, bytesPerTokenHead: b.total / (H * S), keyBytesPerTokenHead: (b.keys + b.metadata) / (H * S), valueBytesPerTokenHead: b.values / (H * S), saving: r.saving });
    }
  }
  return rows;
}
