import * as z from 'zod';
import { lazySchema } from '../validation/lazy-schema.js';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { DenseKVCache } from '../kv-cache/dense-kv-cache.js';
import type { KVCache, KVCacheSpec, KVLayer } from '../kv-cache/kv-cache.js';
import type { CausalLM, CausalLMConfig, ForwardInput, ForwardOutput } from '../model/causal-lm.js';
import { checkImplicitPositions } from '../model/implicit-positions.js';
import { tensor } from '../tensor/create-tensor.js';
import { fp16ToFp32, fp32ToFp16 } from '../tensor/fp16.js';
import { fromOrt, toOrt } from '../tensor/ort-convert.js';
import type { Tensor } from '../tensor/tensor.js';
import { parseOptions } from '../validation/parse-options.js';
import { parseModelConfig } from './model-config.js';
import { type OrtModule, type OrtSessionOptions, type OrtTensor, ortFlavor, resolveOrt } from './ort-module.js';
import { type DecoderLayoutSummary as DecoderLayout, validateDecoderLayout } from './decoder-layout.js';
import { readOnnxModelInfo, type OnnxValueInfo } from './onnx-model-info.js';
import { OnnxSession, type SessionLogger, type SessionValueInfo } from './session.js';

/** zod schema of `OnnxCausalLMOptions`: validates it and applies its defaults. */
export const OnnxCausalLMOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /** ORT module; default `resolveOrt()` (global, then `setOrtRuntime`). */
  ort: z.custom<OrtModule>((v) => typeof v === 'object' && v !== null).optional(),
  /** Model bytes, or a file path (onnxruntime-node only; lets ORT find `.onnx_data` beside it). */
  model: z.union([z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected a Uint8Array'), z.string()]),
  /** Parsed HF `config.json` content. */
  config: z.record(z.string(), z.unknown()),
  sessionOptions: z.custom<OrtSessionOptions>((v) => typeof v === 'object' && v !== null).optional(),
  /**
   * Threads: `intraOpNumThreads` (onnxruntime-node) or `env.wasm.numThreads` (onnxruntime-web,
   * process-wide, effective before the first session). Default: ORT's own default; tests use 1.
   */
  threads: z.number().int().positive().optional(),
  /** Model file name for messages. Default `model.onnx`. */
  fileName: z.string().optional(),
  /** Config file name for messages. Default `config.json`. */
  configFileName: z.string().optional(),
  logger: z.custom<SessionLogger>((v) => typeof v === 'object' && v !== null).optional(),
  /** Factory for `createCache()` (pluggable cache); default `DenseKVCache.empty`. */
  createCache: z.custom<(spec: KVCacheSpec) => KVCache>((v) => typeof v === 'function').optional(),
}));
/** Input accepted by `OnnxCausalLMOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type OnnxCausalLMOptions = z.input<typeof OnnxCausalLMOptionsSchema>;

/** A graph input or output as the layout check sees it (from session metadata or the ONNX file). */
export interface DecoderValueInfo {
  name: string;
  /** Element type name (`float32`, `float16`, `bfloat16`, …); undefined when unknown. */
  dtype?: string | undefined;
  shape?: readonly (number | string)[] | undefined;
}

function configError(file: string, name: string, field: string, what: string, graph: number, config: number): ReasonkitError {
  return new ReasonkitError('CONFIG_INVALID', `${file}: ${name} has ${graph} ${what} but config says ${field} = ${config}`, {
    file,
    tensor: name,
    field,
    expected: graph,
    actual: config,
  });
}

/**
 * Checks a decoder's inputs and outputs with `validateDecoderLayout` (spec core §5.2/§5.3: bfloat16,
 * fused `key_value`, hybrid and encoder-decoder caches, missing `past_key_values.{i}.value`, …,
 * each naming the tensor), requires a KV cache, and checks numeric cache dims and the layer count
 * against `config`.
 */
export function checkDecoderIO(
  file: string,
  inputs: readonly DecoderValueInfo[],
  outputs: readonly DecoderValueInfo[],
  config: CausalLMConfig,
): DecoderLayout {
  const conv = (v: DecoderValueInfo) => ({ name: v.name, type: v.dtype, shape: v.shape });
  const layout = validateDecoderLayout({ inputs: inputs.map(conv), outputs: outputs.map(conv), source: file });
  if (layout.numLayers === 0) {
    throw new ReasonkitError(
      'MODEL_LAYOUT_UNSUPPORTED',
      `${file}: past_key_values.0.key: the model has no KV-cache inputs (export with task text-generation-with-past)`,
      { file, tensor: 'past_key_values.0.key' },
    );
  }
  const first = 'past_key_values.0.key';
  if (layout.kvHeads !== undefined && layout.kvHeads !== config.numKvHeads) {
    throw configError(file, first, 'num_key_value_heads', 'KV heads', layout.kvHeads, config.numKvHeads);
  }
  if (layout.headDim !== undefined && layout.headDim !== config.headDim) {
    throw configError(file, first, 'head_dim', 'head dim', layout.headDim, config.headDim);
  }
  if (layout.numLayers !== config.numLayers) {
    throw new ReasonkitError(
      'CONFIG_INVALID',
      `${file}: the graph has ${layout.numLayers} cache layers but config says num_hidden_layers = ${config.numLayers}`,
      { file, field: 'num_hidden_layers', expected: layout.numLayers, actual: config.numLayers },
    );
  }
  return layout;
}

/** Checks the layout of ONNX model bytes before ORT sees them (ORT-node cannot even load bfloat16 I/O). */
export function checkDecoderModelBytes(file: string, bytes: Uint8Array, config: CausalLMConfig): DecoderLayout {
  const info = readOnnxModelInfo(bytes);
  const conv = (v: OnnxValueInfo): DecoderValueInfo => ({ name: v.name, dtype: v.elemType, shape: v.dims });
  return checkDecoderIO(file, info.inputs.map(conv), info.outputs.map(conv), config);
}

const NO_OUTPUTS: readonly string[] = [];

/** Empty-past dims from metadata: batch-like symbolic dims → 1, other symbolic dims → 0. */
function emptyPastDims(info: SessionValueInfo, spec: KVCacheSpec): number[] {
  if (!info.shape || info.shape.length !== 4) return [1, spec.numKvHeads, 0, spec.headDim];
  return info.shape.map((d) => (typeof d === 'number' ? d : /batch/i.test(d) ? 1 : 0));
}

function castCacheTensor(t: Tensor, want: 'float32' | 'float16', name: string): Tensor {
  if (t.dtype === want) return t;
  if (t.dtype === 'float32' && want === 'float16') return tensor('float16', fp32ToFp16(t.data as Float32Array), t.dims, name);
  if (t.dtype === 'float16' && want === 'float32') return tensor('float32', fp16ToFp32(t.data as Uint16Array), t.dims, name);
  throw new ReasonkitError('DTYPE_MISMATCH', `${name}: cache dtype ${t.dtype} cannot be fed as ${want}`, { tensor: name, expected: want, actual: t.dtype });
}

/**
 * A `present.*` output as a core tensor. The common case (the cache dtype, data on the CPU, as ORT
 * returns it) is wrapped without `fromOrt`'s checks, which matter per step in a decode loop.
 */
function presentTensor(t: OrtTensor, name: string, kvDtype: 'float32' | 'float16'): Tensor {
  const data = t.data;
  if (t.type === kvDtype && (kvDtype === 'float32' ? data instanceof Float32Array : data instanceof Uint16Array)) {
    return { dtype: kvDtype, data: data as Float32Array, dims: t.dims };
  }
  return fromOrt(t, name);
}

/**
 * A `CausalLM` over one ONNX Runtime session holding an Optimum-style decoder (spec core §5.2):
 * feeds `input_ids`, an all-ones `attention_mask` of length `cache.length + n`, `position_ids`
 * (only if declared; default continues from `cache.nextPosition`, explicit ones are honoured, so
 * an evicted cache keeps original positions), `num_logits_to_keep` (if declared) and the cache;
 * returns float32 logits (fp16 converted) and `cache.update(present, positions)`. A graph without
 * `position_ids` (`takesPositionIds: false`) throws `POSITION_IDS_UNSUPPORTED` when the positions
 * would differ from `cache.length + i`; a ragged cache (`layerPositions`) throws `CACHE_UNSUPPORTED`.
 * With `logits: 'none'` the logits are neither fetched nor converted (`[1, 0, vocab]` is returned).
 */
export class OnnxCausalLM implements CausalLM {
  readonly config: CausalLMConfig;
  readonly extraOutputs: readonly string[];
  readonly cacheSpec: KVCacheSpec;
  readonly session: OnnxSession;
  /** Whether the graph declares a `position_ids` input (see `CausalLM.takesPositionIds`). */
  readonly takesPositionIds: boolean;
  readonly #layout: DecoderLayout;
  readonly #createCache: (spec: KVCacheSpec) => KVCache;
  #disposed = false;
  // Decode-loop state (no per-step allocation that can be avoided): names and fetch lists built
  // once, the ORT tensor behind every `present.*` this model returned (fed back as `past_*` without
  // re-wrapping), one all-ones int64 buffer viewed as `attention_mask`, one-token `input_ids` /
  // `position_ids` tensors reused while no other run of this model is in flight.
  readonly #pastNames: readonly (readonly [string, string])[];
  readonly #presentNames: readonly (readonly [string, string])[];
  readonly #fetchesWithLogits: readonly string[];
  readonly #fetchesNoLogits: readonly string[];
  readonly #available: ReadonlySet<string>;
  // The `present.*` layers of the last run and their ORT tensors (key, value per layer): a cache
  // built from them feeds those tensors back by identity, without a WeakMap lookup per tensor.
  #lastPresent: readonly KVLayer[] | undefined;
  #lastPresentOrt: OrtTensor[] = [];
  #emptyPast: Record<string, OrtTensor> | undefined;
  #ones = new BigInt64Array(0);
  #inFlight = 0;
  #stepFeeds: Record<string, OrtTensor> | undefined;
  #step: { ids: BigInt64Array; positions: BigInt64Array; idsTensor: OrtTensor; positionsTensor: OrtTensor } | undefined;

  private constructor(session: OnnxSession, config: CausalLMConfig, layout: DecoderLayout, createCache?: (spec: KVCacheSpec) => KVCache) {
    this.session = session;
    this.config = config;
    this.#layout = layout;
    this.extraOutputs = layout.extraOutputs;
    this.takesPositionIds = layout.hasPositionIds;
    this.cacheSpec = { numLayers: config.numLayers, numKvHeads: config.numKvHeads, headDim: config.headDim, dtype: config.kvDtype };
    this.#createCache = createCache ?? ((spec) => DenseKVCache.empty(spec));
    const L = config.numLayers;
    this.#pastNames = Array.from({ length: L }, (_, l) => [`past_key_values.${l}.key`, `past_key_values.${l}.value`] as const);
    this.#presentNames = Array.from({ length: L }, (_, l) => [`present.${l}.key`, `present.${l}.value`] as const);
    this.#fetchesNoLogits = this.#presentNames.flat();
    this.#fetchesWithLogits = ['logits', ...this.#fetchesNoLogits];
    this.#available = new Set(this.extraOutputs);
  }

  /** An all-ones int64 view of `length` (the buffer grows by doubling and is never written again). */
  #onesView(length: number): BigInt64Array {
    if (this.#ones.length < length) this.#ones = new BigInt64Array(Math.max(length, 2 * this.#ones.length, 64)).fill(1n);
    return this.#ones.subarray(0, length);
  }

  /** Creates the ONNX session and reads the decoder layout from the model. */
  static async create(options: OnnxCausalLMOptions): Promise<OnnxCausalLM> {
    const o = parseOptions(OnnxCausalLMOptionsSchema, options, 'createOnnxCausalLM options');
    const ort = resolveOrt(o.ort);
    const parsed = parseModelConfig(o.config, o.configFileName ?? 'config.json');
    const flavor = ortFlavor(ort);
    const sessionOptions: OrtSessionOptions = { ...o.sessionOptions };
    if (o.threads !== undefined) {
      if (flavor === 'web') {
        if (ort.env.wasm) ort.env.wasm.numThreads = o.threads;
      } else sessionOptions.intraOpNumThreads = o.threads;
    }
    const fileName = o.fileName ?? (typeof o.model === 'string' ? o.model : 'model.onnx');
    if (o.model instanceof Uint8Array) checkDecoderModelBytes(fileName, o.model, parsed);
    const session = await OnnxSession.create(ort, o.model, {
      sessionOptions,
      fileName,
      ...(o.logger ? { logger: o.logger } : {}),
    });
    try {
      const layout = checkDecoderIO(fileName, session.inputs, session.outputs, parsed);
      const config: CausalLMConfig = { ...parsed, kvDtype: layout.kvDtype };
      return new OnnxCausalLM(session, config, layout, o.createCache);
    } catch (error) {
      await session.release();
      throw error;
    }
  }

  createCache(): KVCache {
    return this.#createCache(this.cacheSpec);
  }

  /** Runs one forward pass over `input` and returns the logits and the updated KV cache. */
  async forward(input: ForwardInput): Promise<ForwardOutput> {
    const file = this.session.fileName;
    if (this.#disposed) throw new ReasonkitError('RUNTIME_ERROR', `${file}: model was disposed`, { file });
    if (input.signal?.aborted) throw new ReasonkitError('ABORTED', `${file}: forward aborted`, { file }, { cause: input.signal.reason });
    const ids = input.inputIds;
    const n = ids.length;
    if (n === 0) throw new ReasonkitError('INVALID_ARGUMENT', 'forward: inputIds is empty', { field: 'inputIds' });
    const vocab = this.config.vocabSize;
    for (let i = 0; i < n; i++) {
      const id = ids[i]!;
      if (!Number.isInteger(id) || id < 0 || id >= vocab) {
        throw new ReasonkitError('INVALID_ARGUMENT', `forward: inputIds.${i} = ${id} is not a token id in [0, ${vocab})`, { field: `inputIds.${i}`, actual: id });
      }
    }
    const cache = input.cache ?? this.createCache();
    const cacheLayers = cache.layers();
    if (cacheLayers.length !== this.config.numLayers) {
      throw new ReasonkitError('SHAPE_MISMATCH', `forward: the cache has ${cacheLayers.length} layers but the model has ${this.config.numLayers}`, {
        field: 'cache',
        expected: this.config.numLayers,
        actual: cacheLayers.length,
      });
    }
    const { numKvHeads, headDim } = this.cacheSpec;
    const ragged = cache.layerPositions?.findIndex((p) => p.length !== cache.length) ?? -1;
    if (ragged >= 0) {
      throw new ReasonkitError(
        'CACHE_UNSUPPORTED',
        `${file}: cache layer ${ragged} holds ${cache.layerPositions![ragged]!.length} tokens but the cache length is ${cache.length}; ` +
          'an ONNX graph takes one past length for all layers, so per-layer (ragged) caches run only on the llama2.c reference model',
        { file, tensor: `past_key_values.${ragged}.key`, expected: cache.length, actual: cache.layerPositions![ragged]!.length },
      );
    }
    for (let l = 0; l < cacheLayers.length; l++) {
      const layer = cacheLayers[l]!;
      for (let k = 0; k < 2; k++) {
        const kind = k === 0 ? 'key' : 'value';
        const d = layer[kind].dims;
        if (d.length !== 4 || d[0] !== 1 || d[1] !== numKvHeads || d[2] !== cache.length || d[3] !== headDim) {
          const name = `past_key_values.${l}.${kind}`;
          throw new ReasonkitError(
            'SHAPE_MISMATCH',
            `${file}: cache tensor ${name} has dims [${d.join(', ')}] but the model needs [1, ${numKvHeads}, ${cache.length}, ${headDim}]`,
            { file, tensor: name, expected: [1, numKvHeads, cache.length, headDim], actual: [...d] },
          );
        }
      }
    }
    const positions = new Int32Array(n);
    if (input.positionIds) {
      if (input.positionIds.length !== n) {
        throw new ReasonkitError('SHAPE_MISMATCH', `forward: positionIds has ${input.positionIds.length} entries for ${n} input ids`, {
          field: 'positionIds',
          expected: n,
          actual: input.positionIds.length,
        });
      }
      for (let i = 0; i < n; i++) positions[i] = input.positionIds[i]!;
    } else {
      for (let i = 0; i < n; i++) positions[i] = cache.nextPosition + i;
    }
    const max = this.config.maxPositions;
    for (let i = 0; i < n; i++) {
      if (positions[i]! >= max || positions[i]! < 0) {
        throw new ReasonkitError(
          'CONTEXT_OVERFLOW',
          `${file}: ${n} input tokens at positions ${positions[0]}..${positions[n - 1]} exceed the context of ${max} positions (max_position_embeddings; cache holds ${cache.length})`,
          { file, field: 'inputIds', expected: max, actual: positions[n - 1], promptLength: n, cacheLength: cache.length },
        );
      }
    }

    if (!this.#layout.hasPositionIds) checkImplicitPositions(positions, cache, file);

    const ort = this.session.ort;
    // One-token steps reuse two small tensors and the feeds object (same keys every step), but
    // only while no other run of this model is in flight (ORT reads the data when the run starts;
    // a concurrent forward gets its own).
    const reuse = n === 1 && this.#inFlight === 0;
    const feeds: Record<string, OrtTensor> = reuse ? (this.#stepFeeds ??= {}) : {};
    if (reuse) {
      const st = (this.#step ??= (() => {
        const idsBuf = new BigInt64Array(1);
        const posBuf = new BigInt64Array(1);
        return { ids: idsBuf, positions: posBuf, idsTensor: new ort.Tensor('int64', idsBuf, [1, 1]), positionsTensor: new ort.Tensor('int64', posBuf, [1, 1]) };
      })());
      st.ids[0] = BigInt(ids[0]!);
      st.positions[0] = BigInt(positions[0]!);
      feeds.input_ids = st.idsTensor;
      if (this.#layout.hasPositionIds) feeds.position_ids = st.positionsTensor;
    } else {
      const idsBuf = new BigInt64Array(n);
      const posBuf = new BigInt64Array(n);
      for (let i = 0; i < n; i++) {
        idsBuf[i] = BigInt(ids[i]!);
        posBuf[i] = BigInt(positions[i]!);
      }
      feeds.input_ids = new ort.Tensor('int64', idsBuf, [1, n]);
      if (this.#layout.hasPositionIds) feeds.position_ids = new ort.Tensor('int64', posBuf, [1, n]);
    }
    if (this.#layout.hasAttentionMask) {
      const total = cache.length + n;
      feeds.attention_mask = new ort.Tensor('int64', this.#onesView(total), [1, total]);
    }
    const noLogits = input.logits === 'none';
    const lastOnly = input.logits === 'last' || noLogits;
    if (this.#layout.hasNumLogitsToKeep) {
      const info = this.session.input('num_logits_to_keep')!;
      const dims = info.shape && info.shape.length === 1 ? [1] : [];
      feeds.num_logits_to_keep = new ort.Tensor('int64', BigInt64Array.of(lastOnly ? 1n : 0n), dims);
    }
    const branch = this.#layout.hasUseCacheBranch ? this.session.input('use_cache_branch') : undefined;
    if (branch) {
      const dims = branch.shape && branch.shape.length === 1 ? [1] : [];
      feeds.use_cache_branch = new ort.Tensor('bool', Uint8Array.of(cache.length > 0 ? 1 : 0), dims);
    }
    const kvDtype = this.config.kvDtype;
    if (cache.length === 0) {
      // Empty tensors are immutable: build them once per model.
      if (this.#emptyPast === undefined) {
        const empty: Record<string, OrtTensor> = {};
        for (const pair of this.#pastNames) {
          for (const name of pair) {
            const dims = emptyPastDims(this.session.input(name)!, this.cacheSpec);
            empty[name] = new ort.Tensor(kvDtype, kvDtype === 'float16' ? new Uint16Array(0) : new Float32Array(0), dims);
          }
        }
        this.#emptyPast = empty;
      }
      for (const name in this.#emptyPast) feeds[name] = this.#emptyPast[name]!;
    } else {
      const last = this.#lastPresent;
      const lastOrt = this.#lastPresentOrt;
      for (let l = 0; l < this.#pastNames.length; l++) {
        const layer = cacheLayers[l]!;
        const [keyName, valueName] = this.#pastNames[l]!;
        const prev = last?.[l];
        feeds[keyName] = prev !== undefined && prev.key === layer.key ? lastOrt[2 * l]! : toOrt(castCacheTensor(layer.key, kvDtype, keyName), ort, keyName);
        feeds[valueName] = prev !== undefined && prev.value === layer.value ? lastOrt[2 * l + 1]! : toOrt(castCacheTensor(layer.value, kvDtype, valueName), ort, valueName);
      }
    }

    const requested = input.outputs ?? NO_OUTPUTS;
    let fetches = noLogits ? this.#fetchesNoLogits : this.#fetchesWithLogits;
    if (requested.length > 0) {
      const unknown = requested.filter((r) => !this.#available.has(r));
      if (unknown.length > 0) {
        throw new ReasonkitError(
          'UNKNOWN_OUTPUT',
          `${file}: unknown outputs ${unknown.join(', ')}; available extra outputs: ${this.extraOutputs.join(', ') || '(none)'}`,
          { file, tensor: unknown[0], unknown, available: [...this.extraOutputs] },
        );
      }
      fetches = [...fetches];
      for (const r of requested) if (!fetches.includes(r)) (fetches as string[]).push(r);
    }

    let out: Record<string, OrtTensor>;
    this.#inFlight++;
    try {
      out = await this.session.run(feeds, fetches, input.signal);
    } finally {
      this.#inFlight--;
    }

    if (noLogits) {
      const logits = tensor('float32', new Float32Array(0), [1, 0, vocab], 'logits');
      return { logits, cache: cache.update(this.#present(out), positions), extra: this.#extra(out, requested) };
    }
    const logitsOrt = out.logits!;
    // float32 logits on the CPU (the common case) are wrapped without `fromOrt`'s checks.
    let logits: Tensor =
      logitsOrt.type === 'float32' && logitsOrt.data instanceof Float32Array
        ? { dtype: 'float32', data: logitsOrt.data, dims: logitsOrt.dims }
        : fromOrt(logitsOrt, 'logits');
    if (logits.dtype === 'float16') logits = tensor('float32', fp16ToFp32(logits.data as Uint16Array), logits.dims, 'logits');
    if (logits.dtype !== 'float32' || logits.dims.length !== 3 || logits.dims[2] !== vocab) {
      throw new ReasonkitError('SHAPE_MISMATCH', `${file}: logits are ${logits.dtype} [${logits.dims.join(', ')}]; expected float32 [1, ${n}, ${vocab}]`, {
        file,
        tensor: 'logits',
      });
    }
    const rows = logits.dims[1]!;
    if (lastOnly && rows > 1) {
      const data = (logits.data as Float32Array).slice((rows - 1) * vocab, rows * vocab);
      logits = tensor('float32', data, [1, 1, vocab], 'logits');
    }
    return { logits: logits as Tensor<'float32'>, cache: cache.update(this.#present(out), positions), extra: this.#extra(out, requested) };
  }

  #present(out: Record<string, OrtTensor>): KVLayer[] {
    const present: KVLayer[] = [];
    const kvDtype = this.config.kvDtype;
    const ortTensors = new Array<OrtTensor>(2 * this.#presentNames.length);
    let reusable = true;
    for (let l = 0; l < this.#presentNames.length; l++) {
      const [keyName, valueName] = this.#presentNames[l]!;
      const keyOrt = out[keyName]!;
      const valueOrt = out[valueName]!;
      const key = presentTensor(keyOrt, keyName, kvDtype) as KVLayer['key'];
      const value = presentTensor(valueOrt, valueName, kvDtype) as KVLayer['value'];
      // Remember the ORT tensors so the next step feeds them as is (same data, same dtype).
      if (key.dtype !== kvDtype || value.dtype !== kvDtype) reusable = false;
      ortTensors[2 * l] = keyOrt;
      ortTensors[2 * l + 1] = valueOrt;
      present.push({ key, value });
    }
    this.#lastPresent = reusable ? present : undefined;
    this.#lastPresentOrt = ortTensors;
    return present;
  }

  #extra(out: Record<string, OrtTensor>, requested: readonly string[]): Record<string, Tensor> {
    if (requested.length === 0) return {};
    const extra: Record<string, Tensor> = {};
    for (const r of requested) extra[r] = fromOrt(out[r]!, r);
    return extra;
  }

  /** Releases the ONNX session and any tensors it holds. */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    await this.session.release();
  }
}

/** Creates a `CausalLM` from ONNX model bytes and a parsed `config.json`. See `OnnxCausalLM`. */
export function createOnnxCausalLM(options: OnnxCausalLMOptions): Promise<OnnxCausalLM> {
  return OnnxCausalLM.create(options);
}
