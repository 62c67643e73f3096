import * as z from 'zod';
import { lazySchema } from '../validation/lazy-schema.js';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { DenseKVCache } from '../kv-cache/dense-kv-cache.js';
import type { KVCache, KVCacheSpec, KVLayer } from '../kv-cache/kv-cache.js';
import type { CausalLM, CausalLMConfig, ForwardInput, ForwardOutput } from '../model/causal-lm.js';
import { tensor } from '../tensor/create-tensor.js';
import type { Tensor } from '../tensor/tensor.js';
import { parseOptions } from '../validation/parse-options.js';
import type { Llama2cCheckpoint } from './checkpoint-types.js';
import { parseLlama2cCheckpoint } from './checkpoint.js';
import { LLAMA2C_BOS_ID, LLAMA2C_EOS_ID } from './llama2c-tokenizer.js';

/** RMSNorm epsilon of llama2.c `run.c` (spec core §9.3). */
export const LLAMA2C_RMS_EPS = 1e-5;
/** RoPE base of llama2.c. */
export const LLAMA2C_ROPE_THETA = 10000;

/** What a pluggable attention function (`Llama2cReferenceModel` option `attention`) gets for one layer. */
export interface Llama2cAttentionInput {
  /** 0-based layer. */
  layer: number;
  /** Post-RoPE queries of the `n` new tokens, `[nHeads, n, headDim]` (the layout of `queries.{l}`), not scaled. */
  queries: Float32Array;
  /** Post-RoPE keys of the new tokens, `[nKvHeads, n, headDim]`. */
  keys: Float32Array;
  /** Values of the new tokens, `[nKvHeads, n, headDim]`. */
  values: Float32Array;
  /** Absolute positions of the new tokens. */
  positions: Int32Array;
  /**
   * The cache passed to `forward` (the past, without the new tokens). A cache that keeps its own
   * (e.g. compressed) storage reads it here; `cache.layers()[layer]` is the dense past.
   */
  cache: KVCache;
  /** Number of new tokens. */
  n: number;
  numHeads: number;
  numKvHeads: number;
  headDim: number;
  /** `1 / sqrt(headDim)`, the score scale of llama2.c. */
  scale: number;
}

/**
 * The result of a pluggable attention function: the attention output `[nHeads, n, headDim]`
 * (before the output projection `wo`), or that plus the attention weights `[nHeads, n, k]` over
 * the `k` keys it attended (returned as `attentions.{l}` when requested).
 */
export type Llama2cAttentionResult = Float32Array | { output: Float32Array; weights?: Float32Array };

/**
 * Replaces the dense attention of every layer. The default attends new token `i` (query head `h`,
 * KV head `⌊h / (nHeads / nKvHeads)⌋`) to every cached token of that layer in cache order, then to
 * new tokens `0…i`, with `softmax(q·k·scale)` weights.
 */
export type Llama2cAttentionFn = (input: Llama2cAttentionInput) => Llama2cAttentionResult;

/** zod schema of `Llama2cReferenceOptions`: validates it and applies its defaults. */
export const Llama2cReferenceOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /** Pluggable attention (e.g. a KV cache computing attention over its own storage). Default: dense attention (run.c). */
  attention: z.custom<Llama2cAttentionFn>((v) => typeof v === 'function', { message: 'expected a function' }).optional(),
}));
/** Input accepted by `Llama2cReferenceOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type Llama2cReferenceOptions = z.input<typeof Llama2cReferenceOptionsSchema>;

/**
 * A pure-TypeScript llama2.c forward pass (karpathy/llama2.c `run.c`, spec core §9.3) behind the
 * {@link CausalLM} interface, with a float32 {@link DenseKVCache}.
 *
 * **Config.** `modelType: 'llama'`, `bosTokenId: 1`, and `eosTokenIds: [1, 2]`: run.c stops
 * when the model emits BOS (id 1), and id 2 is the tokenizer's EOS, so generation stops on
 * either. `maxPositions` is the checkpoint's `seq_len`; positions at or beyond it throw
 * `CONTEXT_OVERFLOW`.
 *
 * **Cache.** Layer `l` holds keys and values `[1, nKvHeads, S, headDim]` float32; keys are
 * **post-RoPE** in llama2.c's interleaved convention (channel pairs `(2i, 2i+1)` rotated
 * together), values as computed. `forward` accepts several ids (prefill) and explicit absolute
 * `positionIds` (used only for RoPE). Each new token attends to every cached token in cache
 * order plus the new tokens up to and including itself, so a cache with evicted tokens works.
 *
 * **Extra outputs** (names in {@link Llama2cReferenceModel.extraOutputs}), all float32:
 * - `hidden_states.0`: the token embeddings, `[1, seq, dim]`.
 * - `hidden_states.{l}` for `l` in `1..L`: the residual stream **after layer `l`** (1-based),
 *   i.e. `x` after layer `l−1`'s (0-based) FFN residual add, `[1, seq, dim]`.
 *   `hidden_states.{L}` is the input of the final RMSNorm: `logits = wcls · rmsnorm(hidden_states.L, rms_final)`.
 * - `queries.{l}` for `l` in `0..L−1` (0-based layer): the post-RoPE queries of layer `l`,
 *   `[1, nHeads, seq, headDim]` (head `h` is channels `h·headDim … h·headDim+headDim−1` of
 *   `wq[l]·rmsnorm(x, rms_att[l])`, rotated with the token's position), not scaled by
 *   `1/sqrt(headDim)`.
 * - `attentions.{l}` for `l` in `0..L−1`: the attention weights of layer `l`,
 *   `[1, nHeads, seq, T]` over the layer's `T = past + seq` keys in cache order; row `i` is zero
 *   beyond key `past + i` and sums to 1.
 *
 * **Ragged caches (PyramidKV).** Layers may hold different numbers of tokens: layer `l` of the
 * cache is `[1, nKvHeads, P_l, headDim]` with `P_l = cache.layerPositions[l].length` (see
 * {@link KVCache.layerPositions}, `DenseKVCache.ragged`); each layer attends over its own past.
 *
 * **Pluggable attention.** `options.attention` replaces the dense attention of every layer (see
 * {@link Llama2cAttentionFn}); everything else (projections, RoPE, FFN, the returned cache) is
 * unchanged.
 */
export class Llama2cReferenceModel implements CausalLM {
  readonly config: CausalLMConfig;
  readonly extraOutputs: readonly string[];
  readonly cacheSpec: KVCacheSpec;
  readonly checkpoint: Llama2cCheckpoint;
  /** Always true: explicit positions drive RoPE, attention follows cache order. */
  readonly takesPositionIds = true;
  readonly #attention: Llama2cAttentionFn | undefined;

  constructor(checkpoint: Llama2cCheckpoint, options: Llama2cReferenceOptions = {}) {
    this.checkpoint = checkpoint;
    this.#attention = parseOptions(Llama2cReferenceOptionsSchema, options, 'Llama2cReferenceModel options').attention;
    const c = checkpoint.config;
    const headDim = c.dim / c.nHeads;
    this.config = {
      modelType: 'llama',
      numLayers: c.nLayers,
      numQHeads: c.nHeads,
      numKvHeads: c.nKvHeads,
      headDim,
      hiddenSize: c.dim,
      vocabSize: c.vocabSize,
      maxPositions: c.seqLen,
      bosTokenId: LLAMA2C_BOS_ID,
      eosTokenIds: [LLAMA2C_BOS_ID, LLAMA2C_EOS_ID],
      kvDtype: 'float32',
    };
    this.cacheSpec = { numLayers: c.nLayers, numKvHeads: c.nKvHeads, headDim, dtype: 'float32' };
    const names: string[] = [];
    for (let l = 0; l <= c.nLayers; l++) names.push(`hidden_states.${l}`);
    for (let l = 0; l < c.nLayers; l++) names.push(`queries.${l}`);
    for (let l = 0; l < c.nLayers; l++) names.push(`attentions.${l}`);
    this.extraOutputs = Object.freeze(names);
  }

  /** Parses a legacy llama2.c checkpoint and wraps it. */
  static fromBytes(bytes: Uint8Array, source = '<bytes>', options: Llama2cReferenceOptions = {}): Llama2cReferenceModel {
    return new Llama2cReferenceModel(parseLlama2cCheckpoint(bytes, source), options);
  }

  createCache(): KVCache {
    return DenseKVCache.empty(this.cacheSpec);
  }

  /** Runs one forward pass over `input` and returns the logits and the updated cache. */
  async forward(input: ForwardInput): Promise<ForwardOutput> {
    return this.forwardSync(input);
  }

  /** Synchronous {@link forward} (the computation is plain TypeScript). */
  forwardSync(input: ForwardInput): ForwardOutput {
    const { config: cfg, checkpoint } = this;
    const { dim, hiddenDim, nLayers: L, nHeads, nKvHeads, vocabSize: V } = checkpoint.config;
    const w = checkpoint.weights;
    const hd = cfg.headDim;
    const kvDim = nKvHeads * hd;
    const kvMul = nHeads / nKvHeads;
    const ids = input.inputIds;
    const n = ids.length;
    const cache = input.cache ?? this.createCache();
    const positions = this.#positions(input, cache);
    const wanted = this.#wantedOutputs(input.outputs);
    checkAborted(input.signal);
    for (const [i, id] of ids.entries()) {
      if (!Number.isInteger(id) || id < 0 || id >= V) {
        throw new ReasonkitError('INVALID_ARGUMENT', `inputIds.${i} is ${id}; token ids must be integers in [0, ${V})`, {
          field: `inputIds.${i}`,
          actual: id,
          expected: V,
        });
      }
    }

    const past = cache.layers();
    if (past.length !== L) {
      throw new ReasonkitError('SHAPE_MISMATCH', `cache has ${past.length} layers but the model has ${L}`, {
        tensor: 'past_key_values',
        expected: L,
        actual: past.length,
      });
    }
    const pastK: Float32Array[] = [];
    const pastV: Float32Array[] = [];
    const pastLen: number[] = [];
    for (const [l, layer] of past.entries()) {
      const P = cache.layerPositions?.[l]?.length ?? cache.length;
      for (const kind of ['key', 'value'] as const) {
        const d = layer[kind].dims;
        if (d.length !== 4 || d[0] !== 1 || d[1] !== nKvHeads || d[2] !== P || d[3] !== hd) {
          throw new ReasonkitError(
            'SHAPE_MISMATCH',
            `past_key_values.${l}.${kind} has dims [${d.join(', ')}]; expected [1, ${nKvHeads}, ${P}, ${hd}]`,
            { tensor: `past_key_values.${l}.${kind}`, expected: [1, nKvHeads, P, hd], actual: [...d] },
          );
        }
      }
      pastK.push(float32Of(layer.key, `past_key_values.${l}.key`));
      pastV.push(float32Of(layer.value, `past_key_values.${l}.value`));
      pastLen.push(P);
    }

    // RoPE angles of the new tokens: cos/sin[i][j] for channel pair j.
    const half = hd / 2;
    const cos = new Float32Array(n * half);
    const sin = new Float32Array(n * half);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < half; j++) {
        const freq = 1 / Math.pow(LLAMA2C_ROPE_THETA, (2 * j) / hd);
        const theta = positions[i]! * freq;
        cos[i * half + j] = Math.cos(theta);
        sin[i * half + j] = Math.sin(theta);
      }
    }

    const extra: Record<string, Tensor> = {};
    // x: residual stream of the new tokens, [n, dim]
    const x = new Float32Array(n * dim);
    for (let i = 0; i < n; i++) x.set(w.tokenEmbedding.subarray(ids[i]! * dim, ids[i]! * dim + dim), i * dim);
    if (wanted.has('hidden_states.0')) extra['hidden_states.0'] = tensor('float32', x.slice(), [1, n, dim], 'hidden_states.0');

    const xb = new Float32Array(dim);
    const q = new Float32Array(n * dim);
    const att = new Float32Array(Math.max(0, ...pastLen) + n);
    const attOut = new Float32Array(dim);
    const proj = new Float32Array(dim);
    const h1 = new Float32Array(hiddenDim);
    const h3 = new Float32Array(hiddenDim);
    const present: KVLayer[] = [];
    const scale = 1 / Math.sqrt(hd);
    const attention = this.#attention;

    for (let l = 0; l < L; l++) {
      checkAborted(input.signal);
      const P = pastLen[l]!;
      const T = P + n;
      // present K/V [kvH, T, hd]: past followed by the new tokens
      const K = new Float32Array(nKvHeads * T * hd);
      const Vv = new Float32Array(nKvHeads * T * hd);
      const pk = pastK[l]!;
      const pv = pastV[l]!;
      for (let g = 0; g < nKvHeads; g++) {
        K.set(pk.subarray(g * P * hd, (g + 1) * P * hd), g * T * hd);
        Vv.set(pv.subarray(g * P * hd, (g + 1) * P * hd), g * T * hd);
      }
      const k = new Float32Array(kvDim);
      const v = new Float32Array(kvDim);
      // Q, K, V for every new token
      for (let i = 0; i < n; i++) {
        rmsnorm(xb, x.subarray(i * dim, i * dim + dim), w.rmsAtt.subarray(l * dim, l * dim + dim));
        const qi = q.subarray(i * dim, i * dim + dim);
        matvec(qi, w.wq, l * dim * dim, xb, dim, dim);
        matvec(k, w.wk, l * kvDim * dim, xb, kvDim, dim);
        matvec(v, w.wv, l * kvDim * dim, xb, kvDim, dim);
        rope(qi, cos, sin, i, hd);
        rope(k, cos, sin, i, hd);
        for (let g = 0; g < nKvHeads; g++) {
          K.set(k.subarray(g * hd, g * hd + hd), (g * T + P + i) * hd);
          Vv.set(v.subarray(g * hd, g * hd + hd), (g * T + P + i) * hd);
        }
      }
      const qName = `queries.${l}`;
      const attName = `attentions.${l}`;
      const qHeads = wanted.has(qName) || attention ? headMajor(q, n, nHeads, hd) : undefined;
      if (wanted.has(qName)) extra[qName] = tensor('float32', qHeads!, [1, nHeads, n, hd], qName);
      // weights [nHeads, n, T] of the dense path, when asked for
      const weights = wanted.has(attName) && !attention ? new Float32Array(nHeads * n * T) : undefined;
      const custom = attention
        ? this.#customAttention(attention, attName, wanted.has(attName), extra, {
            layer: l,
            queries: qHeads!,
            keys: sliceNew(K, nKvHeads, T, P, n, hd),
            values: sliceNew(Vv, nKvHeads, T, P, n, hd),
            positions: Int32Array.from(positions),
            cache,
            n,
            numHeads: nHeads,
            numKvHeads: nKvHeads,
            headDim: hd,
            scale,
          })
        : undefined;
      // attention + FFN per new token
      for (let i = 0; i < n; i++) {
        const xi = x.subarray(i * dim, i * dim + dim);
        if (custom) {
          for (let h = 0; h < nHeads; h++) attOut.set(custom.subarray((h * n + i) * hd, (h * n + i) * hd + hd), h * hd);
        } else {
          const len = P + i + 1; // cached tokens plus new tokens up to this one
          for (let h = 0; h < nHeads; h++) {
            const g = Math.floor(h / kvMul);
            const qh = q.subarray(i * dim + h * hd, i * dim + h * hd + hd);
            let max = -Infinity;
            for (let t = 0; t < len; t++) {
              const base = (g * T + t) * hd;
              let s = 0;
              for (let d = 0; d < hd; d++) s += qh[d]! * K[base + d]!;
              s *= scale;
              att[t] = s;
              if (s > max) max = s;
            }
            let sum = 0;
            for (let t = 0; t < len; t++) {
              const e = Math.exp(att[t]! - max);
              att[t] = e;
              sum += e;
            }
            if (weights) for (let t = 0; t < len; t++) weights[(h * n + i) * T + t] = att[t]! / sum;
            for (let d = 0; d < hd; d++) {
              let acc = 0;
              for (let t = 0; t < len; t++) acc += att[t]! * Vv[(g * T + t) * hd + d]!;
              attOut[h * hd + d] = acc / sum;
            }
          }
        }
        matvec(proj, w.wo, l * dim * dim, attOut, dim, dim);
        for (let d = 0; d < dim; d++) xi[d] = xi[d]! + proj[d]!;
        rmsnorm(xb, xi, w.rmsFfn.subarray(l * dim, l * dim + dim));
        matvec(h1, w.w1, l * hiddenDim * dim, xb, hiddenDim, dim);
        matvec(h3, w.w3, l * hiddenDim * dim, xb, hiddenDim, dim);
        for (let j = 0; j < hiddenDim; j++) {
          const z = h1[j]!;
          h1[j] = (z / (1 + Math.exp(-z))) * h3[j]!;
        }
        matvec(proj, w.w2, l * dim * hiddenDim, h1, dim, hiddenDim);
        for (let d = 0; d < dim; d++) xi[d] = xi[d]! + proj[d]!;
      }
      if (weights) extra[attName] = tensor('float32', weights, [1, nHeads, n, T], attName);
      const name = `hidden_states.${l + 1}`;
      if (wanted.has(name)) extra[name] = tensor('float32', x.slice(), [1, n, dim], name);
      present.push({
        key: tensor('float32', K, [1, nKvHeads, T, hd], `present.${l}.key`),
        value: tensor('float32', Vv, [1, nKvHeads, T, hd], `present.${l}.value`),
      });
    }

    // logits: 'none' skips the final norm and the LM head
    const rowsOut = input.logits === 'none' ? 0 : n;
    const logits = new Float32Array(rowsOut * V);
    for (let i = 0; i < rowsOut; i++) {
      rmsnorm(xb, x.subarray(i * dim, i * dim + dim), w.rmsFinal);
      matvec(logits.subarray(i * V, i * V + V), w.wcls, 0, xb, V, dim);
    }
    return {
      logits: tensor('float32', logits, [1, rowsOut, V], 'logits'),
      cache: cache.update(present, Int32Array.from(positions)),
      extra,
    };
  }

  /** Runs the pluggable attention of one layer and checks what it returns; the output is `[nHeads, n, headDim]`. */
  #customAttention(
    fn: Llama2cAttentionFn,
    attName: string,
    wantWeights: boolean,
    extra: Record<string, Tensor>,
    input: Llama2cAttentionInput,
  ): Float32Array {
    const { numHeads: H, n, headDim: hd } = input;
    const result = fn(input);
    const output = result instanceof Float32Array ? result : result?.output;
    if (!(output instanceof Float32Array) || output.length !== H * n * hd) {
      throw new ReasonkitError(
        'SHAPE_MISMATCH',
        `Llama2cReferenceModel options.attention: layer ${input.layer} returned ${describeArray(output)}; expected a Float32Array [nHeads, n, headDim] of ${H * n * hd} values`,
        { field: 'attention', layer: input.layer, expected: [H, n, hd], actual: describeArray(output) },
      );
    }
    if (wantWeights) {
      const weights = result instanceof Float32Array ? undefined : result.weights;
      if (!(weights instanceof Float32Array) || weights.length === 0 || weights.length % (H * n) !== 0) {
        throw new ReasonkitError(
          'UNKNOWN_OUTPUT',
          `${attName} was requested but options.attention returned ${weights ? describeArray(weights) : 'no weights'} for layer ${input.layer}; return { output, weights } with weights [nHeads, n, k]`,
          { tensor: attName, field: 'attention', layer: input.layer },
        );
      }
      extra[attName] = tensor('float32', weights, [1, H, n, weights.length / (H * n)], attName);
    }
    return output;
  }

  /** Releases nothing (the reference model holds only JS arrays); present for the `CausalLM` contract. */
  async dispose(): Promise<void> {}

  #positions(input: ForwardInput, cache: KVCache): number[] {
    const n = input.inputIds.length;
    const positions = input.positionIds ? [...input.positionIds] : Array.from({ length: n }, (_, i) => cache.nextPosition + i);
    if (positions.length !== n) {
      throw new ReasonkitError(
        'SHAPE_MISMATCH',
        `positionIds has ${positions.length} entries but inputIds has ${n}`,
        { field: 'positionIds', expected: n, actual: positions.length },
      );
    }
    for (const [i, p] of positions.entries()) {
      if (!Number.isInteger(p) || p < 0) {
        throw new ReasonkitError('INVALID_ARGUMENT', `positionIds.${i} is ${p}; positions must be non-negative integers`, {
          field: `positionIds.${i}`,
          actual: p,
        });
      }
      if (p >= this.config.maxPositions) {
        throw new ReasonkitError(
          'CONTEXT_OVERFLOW',
          `position ${p} (positionIds.${i}) is beyond the model's context of ${this.config.maxPositions} positions (seq_len)`,
          { field: `positionIds.${i}`, actual: p, expected: this.config.maxPositions },
        );
      }
    }
    return positions;
  }

  #wantedOutputs(outputs: readonly string[] | undefined): Set<string> {
    const wanted = new Set(outputs ?? []);
    for (const name of wanted) {
      if (!this.extraOutputs.includes(name)) {
        throw new ReasonkitError(
          'UNKNOWN_OUTPUT',
          `unknown output "${name}"; the llama2.c reference model offers hidden_states.0…hidden_states.${this.config.numLayers}, queries.0…queries.${this.config.numLayers - 1} and attentions.0…attentions.${this.config.numLayers - 1}`,
          { tensor: name, expected: [...this.extraOutputs] },
        );
      }
    }
    return wanted;
  }
}

/** `out = rmsnorm(x, weight)` with llama2.c's eps 1e-5. */
function rmsnorm(out: Float32Array, x: Float32Array, weight: Float32Array): void {
  let ss = 0;
  for (let j = 0; j < x.length; j++) ss += x[j]! * x[j]!;
  const inv = 1 / Math.sqrt(ss / x.length + LLAMA2C_RMS_EPS);
  for (let j = 0; j < x.length; j++) out[j] = weight[j]! * (x[j]! * inv);
}

/** `out[i] = Σ_j W[offset + i·cols + j]·x[j]` for a row-major `[rows, cols]` matrix. */
function matvec(out: Float32Array, W: Float32Array, offset: number, x: Float32Array, rows: number, cols: number): void {
  for (let i = 0; i < rows; i++) {
    const base = offset + i * cols;
    let acc = 0;
    for (let j = 0; j < cols; j++) acc += W[base + j]! * x[j]!;
    out[i] = acc;
  }
}

/** Interleaved RoPE on every head of `vec` (pairs `(2j, 2j+1)` within each head of size `hd`). */
function rope(vec: Float32Array, cos: Float32Array, sin: Float32Array, token: number, hd: number): void {
  const half = hd / 2;
  for (let i = 0; i < vec.length; i += 2) {
    const j = (i % hd) / 2;
    const c = cos[token * half + j]!;
    const s = sin[token * half + j]!;
    const a = vec[i]!;
    const b = vec[i + 1]!;
    vec[i] = a * c - b * s;
    vec[i + 1] = a * s + b * c;
  }
}

/** `[n, nHeads·hd]` token-major → `[nHeads, n, hd]` head-major. */
function headMajor(q: Float32Array, n: number, nHeads: number, hd: number): Float32Array {
  const dim = nHeads * hd;
  const out = new Float32Array(nHeads * n * hd);
  for (let i = 0; i < n; i++) {
    for (let h = 0; h < nHeads; h++) out.set(q.subarray(i * dim + h * hd, i * dim + h * hd + hd), (h * n + i) * hd);
  }
  return out;
}

/** The rows `P…P+n−1` of each head of a `[kvH, T, hd]` buffer, as `[kvH, n, hd]`. */
function sliceNew(buf: Float32Array, kvH: number, T: number, P: number, n: number, hd: number): Float32Array {
  const out = new Float32Array(kvH * n * hd);
  for (let g = 0; g < kvH; g++) out.set(buf.subarray((g * T + P) * hd, (g * T + P + n) * hd), g * n * hd);
  return out;
}

function describeArray(v: unknown): string {
  if (v instanceof Float32Array) return `a Float32Array of ${v.length} values`;
  return v === null ? 'null' : typeof v === 'object' ? (v.constructor?.name ?? 'an object') : typeof v;
}

function float32Of(t: Tensor, name: string): Float32Array {
  if (t.dtype !== 'float32') {
    throw new ReasonkitError('DTYPE_MISMATCH', `${name} is ${t.dtype}; the llama2.c reference model keeps a float32 cache`, {
      tensor: name,
      expected: 'float32',
      actual: t.dtype,
    });
  }
  return t.data as Float32Array;
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new ReasonkitError('ABORTED', 'llama2.c reference forward aborted', { reason: signal.reason });
  }
}
