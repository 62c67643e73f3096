import { type KVCache, parseOptions, type Tensor, toFloat32 } from '@reasonkit/core';
import { SparseKVCache, type KVGeometry } from '../cache/sparse-kv-cache.js';
import { type CompressOptions, CompressOptionsSchema } from '../config/policies.js';
import { KvSparseError } from '../errors/kv-sparse-error.js';
import { pyramidBudgets } from '../eviction/pyramid-budgets.js';
import { type EvictionPolicy, type TokenScoreInput, h2oScores, knormScores, randomScores, snapKVScores, streamingScores, topTokens, tovaScores } from '../eviction/token-scores.js';
import { compressLayer, scorerLabel } from './compress-layer.js';

/** What {@link compressCache} compresses: a dense prefill cache plus what the scorers need. */
export interface CompressCacheInput {
  /** The dense cache after prefill (core `DenseKVCache` or any `KVCache` with float layers). */
  cache: KVCache;
  geometry: KVGeometry;
  /** Per layer, the prompt's post-RoPE queries `[qHeads, n, D]` (core `queries.{l}`); SparK, ThinK, SnapKV, TOVA need them. */
  queries?: readonly Float32Array[] | undefined;
  /** Per layer, prefill attention weights `[qHeads, S, S]` (core `attentions.{l}`); H2O needs them. */
  attentions?: readonly Float32Array[] | undefined;
}

/** The compressed cache and any warnings (e.g. a configuration that saves no bytes). */
export interface CompressCacheResult {
  cache: SparseKVCache;
  warnings: string[];
  /** Real bytes saved against a dense cache of the same dtype and token count, in [−∞, 1). */
  saving: number;
}

/**
 * Compresses a dense prefill cache: token eviction first (per KV head, positional order kept),
 * then SparK (or ThinK) channel pruning of the surviving keys, then storage at `dtype` (spec §2.1,
 * §9.3 `compose`). Throws `KvSparseError` on bad geometry, NaN keys, or (with
 * `onNonPositiveSaving: 'refuse'`) a configuration that saves nothing.
 */
export function compressCache(input: CompressCacheInput, options: CompressOptions): CompressCacheResult {
  const opts = parseOptions(CompressOptionsSchema, options, 'compressCache options');
  const { geometry: geo, cache } = input;
  const { layers: L, kvHeads: H, qHeads: QH, headDim: D } = geo;
  if (!(Number.isInteger(QH / H) && QH > 0)) throw new KvSparseError('geometry', `qHeads ${QH} is not a multiple of kvHeads ${H}`, { field: 'qHeads', actual: QH, expected: `multiple of ${H}` });
  if (cache.layerPositions) throw new KvSparseError('cache-mismatch', 'compressCache takes a dense prefill cache whose layers hold the same tokens', { field: 'cache.layerPositions' });
  const dense = cache.layers();
  if (dense.length !== L) {
    throw new KvSparseError('cache-mismatch', `cache has ${dense.length} layers; the geometry says ${L} (a cache from a different model?)`, { field: 'cache', expected: L, actual: dense.length });
  }
  const S = cache.length;
  const warnings: string[] = [];
  const ev = opts.eviction as EvictionPolicy | undefined;
  let perLayerBudget: number[] | undefined;
  if (ev) {
    if (!opts.budget) throw new KvSparseError('invalid-budget', `eviction ${ev.kind} needs a budget: { ratio } or { maxTokens }`, { field: 'budget' });
    const b = opts.budget;
    if (ev.kind === 'pyramidKV') {
      perLayerBudget = pyramidBudgets(S, L, { window: ev.window, beta: ev.beta, compat: ev.compat, ...('maxTokens' in b ? { budget: b.maxTokens } : { ratio: b.ratio }) }, warnings);
    } else {
      const n = 'maxTokens' in b ? Math.min(b.maxTokens, S) : Math.trunc(S * (1 - b.ratio));
      perLayerBudget = Array<number>(L).fill(n);
    }
  }
  const layers = dense.map((layer, l) => {
    const keys = floatData(layer.key, `past_key_values.${l}.key`, H, S, D);
    const values = floatData(layer.value, `past_key_values.${l}.value`, H, S, D);
    const queries = input.queries?.[l];
    if (queries && queries.length % (QH * D) !== 0) {
      throw new KvSparseError('geometry', `queries.${l} holds ${queries.length} values; expected [qHeads=${QH}, n, D=${D}]`, { field: `queries.${l}`, actual: queries.length });
    }
    const queryRows = queries ? queries.length / (QH * D) : 0;
    let keep: Int32Array[] | undefined;
    if (ev && perLayerBudget![l]! < S) {
      const si: TokenScoreInput = { keys, queries, queryRows, attentions: input.attentions?.[l], seqLen: S, kvHeads: H, qHeads: QH, headDim: D };
      const scores =
        ev.kind === 'snapKV' || ev.kind === 'pyramidKV'
          ? snapKVScores(si, ev.window, ev.kernel)
          : ev.kind === 'streamingLLM'
            ? streamingScores(si, ev.sinks)
            : ev.kind === 'h2o'
              ? h2oScores(si)
              : ev.kind === 'tova'
                ? tovaScores(si)
                : ev.kind === 'knorm'
                  ? knormScores(si)
                  : randomScores(si, ev.seed + l);
      keep = topTokens(scores, H, S, perLayerBudget![l]!);
    }
    return compressLayer({ keys, values, positions: cache.positions, kvHeads: H, qHeads: QH, headDim: D, queries, queryRows, keep, press: opts.channel, dtype: opts.dtype, groupSize: opts.groupSize });
  });
  const label = {
    queryAware: opts.queryAware,
    scorer: scorerLabel(opts.channel?.scorer),
    eviction: ev ? ev.kind : 'none',
    restorer: opts.channel ? opts.channel.restorer.kind + ('sign' in opts.channel.restorer ? `(${opts.channel.restorer.sign})` : '') : 'none',
    keyChannelRatio: opts.channel && 'ratio' in opts.channel.selector ? opts.channel.selector.ratio : 0,
    dtype: opts.dtype,
  };
  const out = new SparseKVCache(geo, layers, label, cache.nextPosition);
  const saving = 1 - out.bytes().total / out.denseBytes();
  if (saving <= 0 && out.length > 0) {
    const msg = `${label.scorer}/${label.restorer} at r = ${label.keyChannelRatio}, ${label.dtype}: the compressed cache holds ${out.bytes().total} B, not below the ${out.denseBytes()} B of a dense ${label.dtype} cache of the same tokens (saving ${(saving * 100).toFixed(1)}%)`;
    if (opts.onNonPositiveSaving === 'refuse') throw new KvSparseError('config', msg, { field: 'onNonPositiveSaving', actual: saving });
    warnings.push(msg);
  }
  return { cache: out, warnings, saving };
}

function floatData(t: Tensor, name: string, H: number, S: number, D: number): Float32Array {
  const d = t.dims;
  if (d.length !== 4 || d[0] !== 1 || d[1] !== H || d[2] !== S || d[3] !== D) {
    throw new KvSparseError('cache-mismatch', `${name} has dims [${d.join(', ')}]; expected [1, ${H}, ${S}, ${D}] (wrong geometry or a cache from a different model)`, {
      tensor: name,
      expected: [1, H, S, D],
      actual: [...d],
    });
  }
  return t.dtype === 'float32' ? (t.data as Float32Array) : (toFloat32(t).data as Float32Array);
}
