import { type ChannelSparseKeys, compressHead } from '../cache/channel-sparse-keys.js';
import type { SparseKVLayer } from '../cache/sparse-kv-layer.js';
import { type HeadScores, magnitudeScores, sparkScores, thinkScores } from '../channel/channel-scorers.js';
import { type ChannelSelector, selectChannels } from '../channel/channel-selectors.js';
import type { Restorer } from '../channel/restorers.js';
import { KvSparseError, checkFinite } from '../errors/kv-sparse-error.js';
import { type KVDType, quantizeRows } from '../quant/quantized-array.js';

/** Channel scorer config (spec §9.3). `window`: query positions (default 32, reference code). */
export type ChannelScorer = { kind: 'spark'; window: number } | { kind: 'think'; window: number } | { kind: 'magnitude' };

/** Channel pruning of the keys: scorer, selector, restorer (spec §9.3 `ChannelPress`). */
export interface ChannelPress {
  scorer: ChannelScorer;
  selector: ChannelSelector;
  restorer: Restorer;
}

/** The label a scorer gets in results: the magnitude fallback is not SparK (spec §13 target 11). */
export function scorerLabel(s: ChannelScorer | undefined): string {
  if (!s) return 'none';
  return s.kind === 'magnitude' ? 'magnitude (not SparK)' : s.kind;
}

/** One dense layer to compress. */
export interface DenseLayerInput {
  /** `[kvHeads, S, D]` post-RoPE keys. */
  keys: Float32Array;
  /** `[kvHeads, S, D]`. */
  values: Float32Array;
  /** Absolute positions `[S]`. */
  positions: Int32Array;
  kvHeads: number;
  qHeads: number;
  headDim: number;
  /** Post-RoPE queries of the last prompt positions, `[qHeads, n, D]` (the last `window` rows are used). */
  queries?: Float32Array | undefined;
  /** Rows in `queries` (default: `queries.length / (qHeads·D)`). */
  queryRows?: number;
  /** Token indices (into S, ascending) each KV head keeps after eviction; default all. */
  keep?: Int32Array[] | undefined;
  /** Channel pruning; absent = keys stored whole (eviction/quantization only). */
  press?: ChannelPress | undefined;
  /** Storage of kept keys and of values (default float32). */
  dtype?: KVDType;
  /** int8/int4 group size within a token row (default 32). */
  groupSize?: number | 'row';
}

/** The window queries `[G, W, D]` of KV head g from `[qHeads, n, D]` (last W rows). */
export function windowQueries(queries: Float32Array, n: number, D: number, g: number, G: number, W: number): Float32Array {
  if (W > n) {
    throw new KvSparseError('window', `window of ${W} query positions is larger than the ${n} prompt positions available`, { field: 'window', actual: W, expected: `≤ ${n}` });
  }
  const out = new Float32Array(G * W * D);
  for (let j = 0; j < G; j++) {
    const h = g * G + j;
    out.set(queries.subarray((h * n + n - W) * D, (h * n + n) * D), j * W * D);
  }
  return out;
}

/** Compresses one layer: gathers each head's kept tokens, prunes key channels, stores values. */
export function compressLayer(input: DenseLayerInput): SparseKVLayer {
  const { keys, values, positions, kvHeads: H, qHeads: QH, headDim: D, press } = input;
  if (QH % H !== 0) throw new KvSparseError('geometry', `qHeads ${QH} is not a multiple of kvHeads ${H}`, { field: 'qHeads', actual: QH, expected: `multiple of ${H}` });
  const S = positions.length;
  if (keys.length !== H * S * D || values.length !== H * S * D) {
    throw new KvSparseError('geometry', `keys/values hold ${keys.length}/${values.length} values; expected [kvHeads=${H}, S=${S}, D=${D}] = ${H * S * D}`, {
      field: 'keys',
      expected: [H, S, D],
      actual: keys.length,
    });
  }
  checkFinite(keys, 'keys');
  const G = QH / H;
  const dtype = input.dtype ?? 'float32';
  const groupSize = input.groupSize ?? 'row';
  const heads: ChannelSparseKeys[] = [];
  const vals = [];
  const headPositions: Int32Array[] = [];
  const n = input.queries ? (input.queryRows ?? input.queries.length / (QH * D)) : 0;
  for (let g = 0; g < H; g++) {
    const keep = input.keep?.[g];
    const Sk = keep ? keep.length : S;
    const k = new Float32Array(Sk * D);
    const v = new Float32Array(Sk * D);
    const pos = new Int32Array(Sk);
    for (let i = 0; i < Sk; i++) {
      const t = keep ? keep[i]! : i;
      k.set(keys.subarray((g * S + t) * D, (g * S + t + 1) * D), i * D);
      v.set(values.subarray((g * S + t) * D, (g * S + t + 1) * D), i * D);
      pos[i] = positions[t]!;
    }
    headPositions.push(pos);
    let mask: Uint8Array;
    let channelNorm: Float32Array;
    if (press) {
      const sc = press.scorer;
      const W = sc.kind === 'magnitude' ? 0 : sc.window;
      const q = sc.kind === 'magnitude' ? undefined : windowQueries(requireQueries(input.queries), n, D, g, G, W);
      const scoreInput = { keys: k, seqLen: Sk, headDim: D, queries: q, groupSize: G, window: W };
      const scores: HeadScores = sc.kind === 'spark' ? sparkScores(scoreInput) : sc.kind === 'think' ? thinkScores(scoreInput) : magnitudeScores(scoreInput);
      mask = selectChannels(scores, Sk, D, press.selector);
      channelNorm = scores.channelNorm;
    } else {
      mask = new Uint8Array(Sk * D).fill(1);
      channelNorm = new Float32Array(D).fill(1);
    }
    heads.push(compressHead({ keys: k, seqLen: Sk, headDim: D, keptMask: mask, channelNorm, restorer: press?.restorer ?? { kind: 'zero' }, dtype, groupSize }));
    vals.push(quantizeRows(v, { rowLength: D, rows: Sk }, { dtype, groupSize }));
  }
  const same = headPositions.every((p) => p.length === headPositions[0]!.length && p.every((x, i) => x === headPositions[0]![i]));
  const layer: SparseKVLayer = { heads, values: vals, positions: headPositions[0] ?? new Int32Array(0), tail: [] };
  if (!same) layer.headPositions = headPositions;
  return layer;
}

function requireQueries(q: Float32Array | undefined): Float32Array {
  if (!q) throw new KvSparseError('config', 'this channel scorer needs window queries (queries.{l}); pass them, or use the magnitude scorer (not SparK)', { field: 'queries' });
  return q;
}
