import * as z from 'zod';
import { lazySchema } from '../validation/lazy-schema.js';
import { ReasonkitError } from '../errors/reasonkit-error.js';
import { DenseKVCache } from '../kv-cache/dense-kv-cache.js';
import type { KVCache, KVCacheSpec, KVLayer } from '../kv-cache/kv-cache.js';
import type { CausalLM, CausalLMConfig, ForwardInput, ForwardOutput } from '../model/causal-lm.js';
import { checkImplicitPositions } from '../model/implicit-positions.js';
import { tensor } from '../tensor/create-tensor.js';
import type { Tensor } from '../tensor/tensor.js';
import { parseOptions } from '../validation/parse-options.js';

/** A row of numbers: the last position's values. */
export type ScriptedRow = readonly number[] | Float32Array;

/**
 * What one scripted forward returns.
 * - `token`: logits `0` at that id and `-Infinity` elsewhere (probability 1, so greedy and
 *   sampling both pick it and its logprob is exactly 0).
 * - `logits`: one row (`[vocab]`, the last position) or one row per fed id (`[n][vocab]`).
 * - `extra`: the step's extra outputs by name (e.g. `hidden_states.2`): a `Tensor` as is, one row
 *   (returned as `[1, 1, width]`: the last position only) or one row per fed id (`[1, n, width]`).
 *   Only outputs the caller requested are returned; a requested one the step lacks is an error.
 * Give exactly one of `token` and `logits`, or neither when the step is only called with
 * `logits: 'none'`.
 */
export interface ScriptedCausalStep {
  token?: number;
  logits?: ScriptedRow | readonly ScriptedRow[];
  extra?: Readonly<Record<string, Tensor | ScriptedRow | readonly ScriptedRow[]>>;
}

/** What a script function sees for one forward. */
export interface ScriptedForwardContext {
  /** 0 for the first forward of this model, then 1, 2, … */
  step: number;
  inputIds: readonly number[];
  /** Absolute positions of the fed ids. */
  positions: readonly number[];
  /** The cache the forward reads. */
  cache: KVCache;
  outputs: readonly string[];
  logits: 'all' | 'last' | 'none';
}

/** One recorded forward call of a scripted model. */
export interface ScriptedForwardCall {
  inputIds: number[];
  positions: number[];
  outputs: string[];
  logits: 'all' | 'last' | 'none';
  /** Length of the cache the forward read. */
  cacheLength: number;
}

/** zod schema of `ScriptedCausalLMOptions`: validates it and applies its defaults. */
export const ScriptedCausalLMOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /** Steps in order (one per `forward` call), or a function of the forward; `undefined` from it ends the script. */
  script: z.union([
    z.array(z.custom<ScriptedCausalStep>((v) => typeof v === 'object' && v !== null, { message: 'expected a step object' })),
    z.custom<(ctx: ScriptedForwardContext) => ScriptedCausalStep | undefined>((v) => typeof v === 'function', { message: 'expected a function' }),
  ]),
  vocabSize: z.number().int().min(2),
  /** Default 2 (our choice: small, but more than one layer). */
  numLayers: z.number().int().min(1).default(2),
  /** Default 2. */
  numQHeads: z.number().int().min(1).default(2),
  /** Default 1 (grouped-query, as most modern decoders). */
  numKvHeads: z.number().int().min(1).default(1),
  /** Default 4. */
  headDim: z.number().int().min(1).default(4),
  /** Default `numQHeads · headDim`. */
  hiddenSize: z.number().int().min(1).optional(),
  /** Default 512. */
  maxPositions: z.number().int().min(1).default(512),
  bosTokenId: z.number().int().nonnegative().optional(),
  /** Default `[]` (never stops on EOS unless asked). */
  eosTokenIds: z.array(z.number().int().nonnegative()).default([]),
  /** Names of the extra outputs the model offers; default: every name any array step's `extra` uses. */
  extraOutputs: z.array(z.string()).optional(),
  /** Whether explicit / evicted positions are honoured (a graph with `position_ids`). Default true. */
  takesPositionIds: z.boolean().default(true),
  /** Factory of `createCache()`; default `DenseKVCache.empty`. */
  createCache: z.custom<(spec: KVCacheSpec) => KVCache>((v) => typeof v === 'function', { message: 'expected a function' }).optional(),
}));
/** Input accepted by `ScriptedCausalLMOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type ScriptedCausalLMOptions = z.input<typeof ScriptedCausalLMOptionsSchema>;

/** A scripted `CausalLM` test double; `calls` records every forward. */
export interface ScriptedCausalLM extends CausalLM {
  readonly calls: readonly ScriptedForwardCall[];
  readonly takesPositionIds: boolean;
}

/**
 * **Test double.** A `CausalLM` whose logits and extra outputs (hidden states, queries, …) are
 * scripted per forward call, for logic tests of packages built on `forward`/`generate` (mode
 * selection, KV-cache policies). It behaves like a real model where the logic under test can
 * tell: token ids are checked against the vocabulary, positions default to `cache.nextPosition + i`
 * and explicit `positionIds` are honoured (or, with `takesPositionIds: false`, rejected with
 * `POSITION_IDS_UNSUPPORTED` as a graph without `position_ids` does), positions beyond
 * `maxPositions` throw `CONTEXT_OVERFLOW`, unknown outputs throw `UNKNOWN_OUTPUT`, and the cache
 * is a real `DenseKVCache` updated with `present` = past + the new rows, so eviction and position
 * bookkeeping are exercised. The new rows are deterministic and readable: in every KV head and
 * channel, a token's **key is its absolute position** and its **value is its token id**, so a test
 * can see which tokens a cache kept. When an array script runs out, or a function returns
 * `undefined`, `forward` throws `INVALID_ARGUMENT` naming the call.
 *
 * ```ts
 * const lm = createScriptedCausalLM({ vocabSize: 8, script: [{ token: 3, extra: { 'hidden_states.2': [0.5, 1] } }, { token: 2 }] });
 * const r = await generate(lm, { inputIds: [1, 5], maxNewTokens: 2, outputs: (step) => (step === 0 ? ['hidden_states.2'] : []) });
 * ```
 */
export function createScriptedCausalLM(options: ScriptedCausalLMOptions): ScriptedCausalLM {
  const o = parseOptions(ScriptedCausalLMOptionsSchema, options, 'createScriptedCausalLM options');
  const config: CausalLMConfig = {
    modelType: 'scripted',
    numLayers: o.numLayers,
    numQHeads: o.numQHeads,
    numKvHeads: o.numKvHeads,
    headDim: o.headDim,
    hiddenSize: o.hiddenSize ?? o.numQHeads * o.headDim,
    vocabSize: o.vocabSize,
    maxPositions: o.maxPositions,
    ...(o.bosTokenId === undefined ? {} : { bosTokenId: o.bosTokenId }),
    eosTokenIds: o.eosTokenIds,
    kvDtype: 'float32',
  };
  const cacheSpec: KVCacheSpec = { numLayers: o.numLayers, numKvHeads: o.numKvHeads, headDim: o.headDim, dtype: 'float32' };
  const script = o.script;
  const names =
    o.extraOutputs ?? (Array.isArray(script) ? [...new Set(script.flatMap((s: ScriptedCausalStep) => Object.keys(s.extra ?? {})))] : []);
  const extraOutputs = Object.freeze([...names]);
  const calls: ScriptedForwardCall[] = [];
  const makeCache = o.createCache ?? ((spec: KVCacheSpec) => DenseKVCache.empty(spec));
  const where = (step: number) => `scripted CausalLM forward #${step}`;

  const forward = async (input: ForwardInput): Promise<ForwardOutput> => {
    const step = calls.length;
    if (input.signal?.aborted) throw new ReasonkitError('ABORTED', `${where(step)} aborted`, {}, { cause: input.signal.reason });
    const ids = input.inputIds;
    const n = ids.length;
    if (n === 0) throw new ReasonkitError('INVALID_ARGUMENT', `${where(step)}: inputIds is empty`, { field: 'inputIds' });
    for (const [i, id] of ids.entries()) {
      if (!Number.isInteger(id) || id < 0 || id >= config.vocabSize) {
        throw new ReasonkitError('INVALID_ARGUMENT', `${where(step)}: inputIds.${i} = ${id} is not a token id in [0, ${config.vocabSize})`, {
          field: `inputIds.${i}`,
          actual: id,
        });
      }
    }
    const cache = input.cache ?? makeCache(cacheSpec);
    const positions = input.positionIds ? [...input.positionIds] : ids.map((_, i) => cache.nextPosition + i);
    if (positions.length !== n) {
      throw new ReasonkitError('SHAPE_MISMATCH', `${where(step)}: positionIds has ${positions.length} entries for ${n} input ids`, {
        field: 'positionIds',
        expected: n,
        actual: positions.length,
      });
    }
    for (const [i, p] of positions.entries()) {
      if (!Number.isInteger(p) || p < 0 || p >= config.maxPositions) {
        throw new ReasonkitError('CONTEXT_OVERFLOW', `${where(step)}: position ${p} (positionIds.${i}) is outside the context of ${config.maxPositions} positions`, {
          field: `positionIds.${i}`,
          actual: p,
          expected: config.maxPositions,
        });
      }
    }
    if (!o.takesPositionIds) checkImplicitPositions(positions, cache, where(step));
    const outputs = [...(input.outputs ?? [])];
    const unknown = outputs.filter((name) => !extraOutputs.includes(name));
    if (unknown.length > 0) {
      throw new ReasonkitError('UNKNOWN_OUTPUT', `${where(step)}: unknown outputs ${unknown.join(', ')}; available: ${extraOutputs.join(', ') || '(none)'}`, {
        tensor: unknown[0],
        available: [...extraOutputs],
      });
    }
    const mode = input.logits ?? 'all';
    const ctx: ScriptedForwardContext = { step, inputIds: ids, positions, cache, outputs, logits: mode };
    let scripted: ScriptedCausalStep | undefined;
    if (Array.isArray(script)) {
      scripted = script[step];
      if (scripted === undefined) {
        throw new ReasonkitError('INVALID_ARGUMENT', `${where(step)}: the script has only ${script.length} steps (forward called ${step + 1} times)`, {
          field: 'script',
          expected: script.length,
          actual: step + 1,
        });
      }
    } else {
      scripted = (script as (c: ScriptedForwardContext) => ScriptedCausalStep | undefined)(ctx);
      if (scripted === undefined) {
        throw new ReasonkitError('INVALID_ARGUMENT', `${where(step)}: the script function returned no step (the script ran out)`, { field: 'script' });
      }
    }
    calls.push({ inputIds: [...ids], positions, outputs, logits: mode, cacheLength: cache.length });

    const logits = scriptedLogits(scripted, mode, n, config.vocabSize, where(step));
    const extra: Record<string, Tensor> = {};
    for (const name of outputs) {
      const value = scripted.extra?.[name];
      if (value === undefined) {
        throw new ReasonkitError('INVALID_ARGUMENT', `${where(step)}: output "${name}" was requested but the script step does not provide it`, {
          field: `script.${step}.extra.${name}`,
          tensor: name,
        });
      }
      extra[name] = asTensor(value, n, name, where(step));
    }
    const present = appendRows(cache.layers(), ids, positions, cacheSpec);
    return { logits, cache: cache.update(present, Int32Array.from(positions)), extra };
  };

  return {
    config,
    extraOutputs,
    cacheSpec,
    takesPositionIds: o.takesPositionIds,
    calls,
    createCache: () => makeCache(cacheSpec),
    forward,
    dispose: async () => {},
  };
}

function isRowList(v: ScriptedRow | readonly ScriptedRow[]): v is readonly ScriptedRow[] {
  return !(v instanceof Float32Array) && v.length > 0 && typeof v[0] !== 'number';
}

function scriptedLogits(s: ScriptedCausalStep, mode: 'all' | 'last' | 'none', n: number, vocab: number, where: string): Tensor<'float32'> {
  if (mode === 'none') return tensor('float32', new Float32Array(0), [1, 0, vocab], 'logits');
  if (s.token !== undefined && s.logits !== undefined) {
    throw new ReasonkitError('INVALID_ARGUMENT', `${where}: the script step gives both token and logits; give one`, { field: 'script.token' });
  }
  let rows: Float32Array[];
  if (s.token !== undefined) {
    if (!Number.isInteger(s.token) || s.token < 0 || s.token >= vocab) {
      throw new ReasonkitError('INVALID_ARGUMENT', `${where}: scripted token ${s.token} is outside the vocabulary [0, ${vocab})`, { field: 'script.token', actual: s.token });
    }
    const row = new Float32Array(vocab).fill(-Infinity);
    row[s.token] = 0;
    rows = [row];
  } else if (s.logits !== undefined) {
    rows = isRowList(s.logits) ? s.logits.map((r) => Float32Array.from(r)) : [Float32Array.from(s.logits as ScriptedRow)];
  } else {
    throw new ReasonkitError('INVALID_ARGUMENT', `${where}: logits were requested (logits: '${mode}') but the script step has neither token nor logits`, {
      field: 'script.logits',
    });
  }
  for (const [i, r] of rows.entries()) {
    if (r.length !== vocab) {
      throw new ReasonkitError('SHAPE_MISMATCH', `${where}: scripted logits row ${i} has ${r.length} entries; the vocabulary has ${vocab}`, {
        field: 'script.logits',
        expected: vocab,
        actual: r.length,
      });
    }
  }
  if (mode === 'last' || rows.length === 1) {
    if (mode === 'all' && n > 1) {
      throw new ReasonkitError('INVALID_ARGUMENT', `${where}: logits: 'all' for ${n} fed ids, but the script step gives only the last row`, {
        field: 'script.logits',
        expected: n,
        actual: 1,
      });
    }
    return tensor('float32', rows[rows.length - 1]!, [1, 1, vocab], 'logits');
  }
  if (rows.length !== n) {
    throw new ReasonkitError('SHAPE_MISMATCH', `${where}: the script step gives ${rows.length} logits rows for ${n} fed ids`, {
      field: 'script.logits',
      expected: n,
      actual: rows.length,
    });
  }
  const data = new Float32Array(n * vocab);
  rows.forEach((r, i) => data.set(r, i * vocab));
  return tensor('float32', data, [1, n, vocab], 'logits');
}

function asTensor(v: Tensor | ScriptedRow | readonly ScriptedRow[], n: number, name: string, where: string): Tensor {
  if (!Array.isArray(v) && !(v instanceof Float32Array)) return v as Tensor;
  const value = v as ScriptedRow | readonly ScriptedRow[];
  if (!isRowList(value)) return tensor('float32', Float32Array.from(value), [1, 1, value.length], name);
  const width = value[0]!.length;
  if (value.length !== n || value.some((r) => r.length !== width)) {
    throw new ReasonkitError('SHAPE_MISMATCH', `${where}: scripted output "${name}" must be one row or ${n} rows of equal width`, {
      tensor: name,
      expected: n,
      actual: value.length,
    });
  }
  const data = new Float32Array(n * width);
  value.forEach((r, i) => data.set(r, i * width));
  return tensor('float32', data, [1, n, width], name);
}

/** present = past followed by the new tokens' rows (key = absolute position, value = token id). */
function appendRows(past: readonly KVLayer[], ids: readonly number[], positions: readonly number[], spec: KVCacheSpec): KVLayer[] {
  const { numKvHeads: H, headDim: D } = spec;
  const n = ids.length;
  return past.map((layer, l) => {
    const P = layer.key.dims[2]!;
    const T = P + n;
    const out = { key: new Float32Array(H * T * D), value: new Float32Array(H * T * D) };
    for (const kind of ['key', 'value'] as const) {
      const src = layer[kind];
      if (src.dtype !== 'float32') {
        throw new ReasonkitError('DTYPE_MISMATCH', `scripted CausalLM: past_key_values.${l}.${kind} is ${src.dtype}; the scripted model keeps float32`, {
          tensor: `past_key_values.${l}.${kind}`,
        });
      }
      const data = src.data as Float32Array;
      for (let h = 0; h < H; h++) {
        out[kind].set(data.subarray(h * P * D, (h + 1) * P * D), h * T * D);
        for (let i = 0; i < n; i++) out[kind].fill(kind === 'key' ? positions[i]! : ids[i]!, (h * T + P + i) * D, (h * T + P + i + 1) * D);
      }
    }
    return {
      key: tensor('float32', out.key, [1, H, T, D], `present.${l}.key`),
      value: tensor('float32', out.value, [1, H, T, D], `present.${l}.value`),
    };
  });
}
