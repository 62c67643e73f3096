import { fp32ToFp16 } from '@reasonkit/core';
import { DEGENERATE_CHANNEL_NORM, type Restorer, channelMeans, referenceSign, restoreStats, storesSigns } from '../channel/restorers.js';
import { KvSparseError, checkFinite } from '../errors/kv-sparse-error.js';
import { type KVDType, type QuantizedArray, type RowLayout, dequantizeRow, fp16Lookup, quantizeRows, quantizedBytes } from '../quant/quantized-array.js';

/**
 * The keys of one (layer, KV head) with pruned channels removed (spec §9.2): only the kept values
 * (in channel order), a kept-channel bitmask, the signs of pruned entries (when the restorer needs
 * them) and one statistic per token are stored, so `bytes()` is what is really held.
 */
export interface ChannelSparseKeys {
  headDim: number;
  seqLen: number;
  /** Bytes per token of `mask` / `prunedSign`: `ceil(D/8)`. */
  maskBytes: number;
  /** Kept values per token when every token keeps the same number (fixed ratio); 0 with `rowPtr`. */
  keptPerToken: number;
  /** `[S + 1]` offsets into `kept` when tokens keep different numbers of channels (top-p, bucketed). */
  rowPtr?: Uint32Array;
  /** `[S, ceil(D/8)]` kept bits: bit j of byte p is channel `8p + j`. */
  mask: Uint8Array;
  /** The kept values, token by token, in channel order. */
  kept: QuantizedArray;
  /** `[S, ceil(D/8)]` bit 1 = pruned and negative (reference sign: `k > 0 ? + : −`); absent for sign-free restorers. */
  prunedSign?: Uint8Array;
  /** `a_t` per token (sparkMean): float32 for float32 caches, fp16 bits otherwise. */
  restoreStat?: Float32Array | Uint16Array;
  /** `qn[c]`, frozen at prefill. */
  channelNorm: Float32Array;
  restorer: Restorer;
  /** `ceil(D/8)` bits, 1 = the channel's mean is ≤ 0 (sparkMean sign `channelMean`). */
  channelSign?: Uint8Array;
  /** Per-channel fill value `[D]` (channelMeanFill). */
  channelFill?: Float32Array;
}

/** What {@link compressHead} needs. */
export interface CompressHeadInput {
  /** `[S, D]` post-RoPE keys. */
  keys: Float32Array;
  seqLen: number;
  headDim: number;
  /** `[S, D]` 1 = kept (from `selectChannels`). */
  keptMask: Uint8Array;
  channelNorm: Float32Array;
  restorer: Restorer;
  /** Storage of kept values (default float32). */
  dtype?: KVDType;
  /** int8/int4 group size within a token's kept values (default `'row'`: one group per token, spec §8). */
  groupSize?: number | 'row';
}

/** Packs one head's keys into a {@link ChannelSparseKeys}. Throws on NaN keys or a bad geometry. */
export function compressHead(input: CompressHeadInput): ChannelSparseKeys {
  const { keys, seqLen: S, headDim: D, keptMask, channelNorm, restorer } = input;
  const dtype = input.dtype ?? 'float32';
  if (keys.length !== S * D || keptMask.length !== S * D || channelNorm.length !== D) {
    throw new KvSparseError('geometry', `compressHead: keys ${keys.length}, mask ${keptMask.length}, channelNorm ${channelNorm.length}; expected S·D = ${S * D}, S·D and D = ${D}`, {
      field: 'keys',
      expected: [S, D],
      actual: keys.length,
    });
  }
  checkFinite(keys, 'keys');
  const nb = Math.ceil(D / 8);
  const mask = new Uint8Array(S * nb);
  const counts = new Uint32Array(S);
  let nnz = 0;
  for (let t = 0; t < S; t++) {
    for (let c = 0; c < D; c++) {
      if (keptMask[t * D + c]) {
        mask[t * nb + (c >> 3)] = mask[t * nb + (c >> 3)]! | (1 << (c & 7));
        counts[t] = counts[t]! + 1;
      }
    }
    nnz += counts[t]!;
  }
  const fixed = S > 0 && counts.every((n) => n === counts[0]);
  const keptPerToken = fixed ? counts[0]! : S === 0 ? 0 : 0;
  let rowPtr: Uint32Array | undefined;
  if (!fixed && S > 0) {
    rowPtr = new Uint32Array(S + 1);
    for (let t = 0; t < S; t++) rowPtr[t + 1] = rowPtr[t]! + counts[t]!;
  }
  const values = new Float32Array(nnz);
  const prunedSign = storesSigns(restorer) ? new Uint8Array(S * nb) : undefined;
  for (let t = 0, j = 0; t < S; t++) {
    for (let c = 0; c < D; c++) {
      const k = keys[t * D + c]!;
      if (keptMask[t * D + c]) values[j++] = k;
      else if (prunedSign && referenceSign(k) < 0) prunedSign[t * nb + (c >> 3)] = prunedSign[t * nb + (c >> 3)]! | (1 << (c & 7));
    }
  }
  const layout: RowLayout = rowPtr ?? { rowLength: keptPerToken, rows: S };
  const kept = quantizeRows(values, layout, { dtype, groupSize: input.groupSize ?? 'row' });
  const head: ChannelSparseKeys = { headDim: D, seqLen: S, maskBytes: nb, keptPerToken, mask, kept, channelNorm: channelNorm.slice(), restorer };
  if (rowPtr) head.rowPtr = rowPtr;
  if (prunedSign) head.prunedSign = prunedSign;
  if (restorer.kind === 'sparkMean') {
    const a = restoreStats(keys, keptMask, channelNorm, S, D);
    head.restoreStat = dtype === 'float32' ? Float32Array.from(a) : fp32ToFp16(Float32Array.from(a));
  }
  if (restorer.kind === 'channelMeanFill' || (restorer.kind === 'sparkMean' && restorer.sign === 'channelMean')) {
    const m = channelMeans(keys, S, D);
    if (restorer.kind === 'channelMeanFill') head.channelFill = Float32Array.from(m);
    else {
      head.channelSign = new Uint8Array(nb);
      for (let c = 0; c < D; c++) if (referenceSign(m[c]!) < 0) head.channelSign[c >> 3] = head.channelSign[c >> 3]! | (1 << (c & 7));
    }
  }
  return head;
}

/** Layout of the kept values (rows = tokens). */
export function keptLayout(head: ChannelSparseKeys): RowLayout {
  return head.rowPtr ?? { rowLength: head.keptPerToken, rows: head.seqLen };
}

/** `a_t` of every token as float32 (0s when the restorer keeps no statistic). */
export function restoreStatOf(head: ChannelSparseKeys): Float32Array {
  const s = head.restoreStat;
  if (!s) return new Float32Array(head.seqLen);
  if (s instanceof Float32Array) return s;
  const tab = fp16Lookup();
  return Float32Array.from(s, (b) => tab[b]!);
}

/**
 * The dense restored keys `[S, D]` (spec §9.4 `materializeKeys`): feeds ONNX graphs (mode a) and is
 * the reference the decode kernel is tested against. Kept values come back as stored
 * (dequantized), pruned entries as the restorer fills them.
 */
export function materializeKeys(head: ChannelSparseKeys): Float32Array {
  const { seqLen: S, headDim: D, maskBytes: nb, restorer } = head;
  const out = new Float32Array(S * D);
  const layout = keptLayout(head);
  const row = new Float32Array(D);
  const stat = restoreStatOf(head);
  for (let t = 0; t < S; t++) {
    const start = layout instanceof Uint32Array ? layout[t]! : t * layout.rowLength;
    const end = layout instanceof Uint32Array ? layout[t + 1]! : start + layout.rowLength;
    dequantizeRow(head.kept, t, start, end, row);
    let j = 0;
    for (let c = 0; c < D; c++) {
      const bit = 1 << (c & 7);
      const byte = t * nb + (c >> 3);
      if (head.mask[byte]! & bit) {
        out[t * D + c] = row[j++]!;
        continue;
      }
      let v = 0;
      if (restorer.kind === 'constant') v = restorer.eps * (head.prunedSign && head.prunedSign[byte]! & bit ? -1 : 1);
      else if (restorer.kind === 'channelMeanFill') v = head.channelFill![c]!;
      else if (restorer.kind === 'sparkMean') {
        const qn = head.channelNorm[c]!;
        if (qn > DEGENERATE_CHANNEL_NORM) {
          const neg = head.prunedSign ? head.prunedSign[byte]! & bit : head.channelSign ? head.channelSign[c >> 3]! & bit : 0;
          v = (neg ? -1 : 1) * Math.sqrt(stat[t]! / qn);
        }
      }
      out[t * D + c] = v;
    }
  }
  return out;
}

/** Sum of `byteLength` over every array the head holds. */
export function headBytes(head: ChannelSparseKeys): { keys: number; metadata: number } {
  const metadata =
    head.mask.byteLength +
    (head.rowPtr?.byteLength ?? 0) +
    (head.prunedSign?.byteLength ?? 0) +
    (head.restoreStat?.byteLength ?? 0) +
    head.channelNorm.byteLength +
    (head.channelSign?.byteLength ?? 0) +
    (head.channelFill?.byteLength ?? 0);
  return { keys: quantizedBytes(head.kept), metadata };
}
