import {
  type CausalLM,
  DenseKVCache,
  generate,
  entropyFromLogits,
  type KVCache,
  logSoftmax,
  narrow,
  parseOptions,
  type Tokenizer,
  tokenToIdWith,
} from '@reasonkit/core';
import * as z from 'zod';
import { ModeSelectError } from '../errors/mode-select-error.js';
import { type Capability, type Continuation, type ContinueRequest, type ReasoningBackend, throwIfAborted } from './backend.js';
import { continuationFromResult } from './continuation-from-result.js';

/** zod schema of `LocalBackendOptions`: validates it and applies its defaults. */
export const LocalBackendOptionsSchema = z.object({
  lm: z.custom<CausalLM>((v) => typeof v === 'object' && v !== null && typeof (v as CausalLM).forward === 'function', { message: 'expected a CausalLM' }),
  tokenizer: z.custom<Tokenizer>((v) => typeof v === 'object' && v !== null && typeof (v as Tokenizer).encode === 'function', { message: 'expected a Tokenizer' }),
  /** Prepend BOS when encoding prompts. Default true (llama-family models). */
  addBos: z.boolean().default(true),
  /** Stop ids; default `lm.config.eosTokenIds`. */
  eosTokenIds: z.array(z.number().int().nonnegative()).optional(),
  /** Cached prefixes kept for reuse (least recently used dropped). Default 8 [our choice]. */
  maxCachedPrefixes: z.number().int().min(0).default(8),
});
/** Input accepted by `LocalBackendOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type LocalBackendOptions = z.input<typeof LocalBackendOptionsSchema>;

/** A local backend that also exposes its prefix cache (for prefix-reuse accounting). */
export interface LocalBackend extends ReasoningBackend {
  readonly kind: 'local';
  readonly lm: CausalLM;
  readonly tokenizer: Tokenizer;
  /** Prompt token ids as this backend encodes them. */
  encode(prompt: string): number[];
  /** Forget every cached prefix. */
  clearCache(): void;
}

interface CachedPrefix {
  ids: number[];
  cache: KVCache;
}

function commonPrefix(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

/** The first `length` tokens of a cache whose positions are 0…n−1. */
function truncateCache(cache: KVCache, length: number): KVCache {
  if (length === cache.length) return cache;
  const layers = cache.layers().map((l) => ({ key: narrow(l.key, 2, 0, length), value: narrow(l.value, 2, 0, length) }));
  return DenseKVCache.from(layers, cache.positions.slice(0, length));
}

/**
 * A backend over a local `CausalLM` (ONNX or the llama2.c reference): greedy or sampled
 * continuation with logprobs and entropies, hidden states when the graph exposes
 * `hidden_states.*`, and **prefix reuse**: every prefilled prompt's KV cache is kept, and a later
 * prompt sharing a token prefix with it prefills only the rest (the cache is an immutable value,
 * so branching is free). A zero-step selector's prefill of prompt + fake thought is thus reused
 * by the NoThinking continuation (spec §5.1).
 */
export function createLocalBackend(options: LocalBackendOptions): LocalBackend {
  const o = parseOptions(LocalBackendOptionsSchema, options, 'createLocalBackend options');
  const { lm, tokenizer } = o;
  const eos = o.eosTokenIds ?? lm.config.eosTokenIds;
  const hiddenLayers = lm.extraOutputs
    .map((n) => /^hidden_states\.(\d+)$/.exec(n)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  const capabilities = new Set<Capability>(['logits', 'chat', 'sampling']);
  if (hiddenLayers.length > 0) capabilities.add('hidden');
  const cached: CachedPrefix[] = [];
  const usage = { prefillTokens: 0, decodeTokens: 0, calls: 0 };

  const encode = (prompt: string) => tokenizer.encode(prompt, { bos: o.addBos });
  const remember = (ids: number[], cache: KVCache) => {
    if (o.maxCachedPrefixes === 0) return;
    const at = cached.findIndex((c) => c.ids.length === ids.length && commonPrefix(c.ids, ids) === ids.length);
    if (at >= 0) cached.splice(at, 1);
    cached.push({ ids, cache });
    while (cached.length > o.maxCachedPrefixes) cached.shift();
  };
  /** The longest reusable cache for `ids`, leaving at least one id to feed (the forward must return logits). */
  const lookup = (ids: number[]): { cache: KVCache; reused: number } => {
    let best: CachedPrefix | undefined;
    let bestLen = 0;
    for (const c of cached) {
      const n = Math.min(commonPrefix(c.ids, ids), ids.length - 1);
      if (n > bestLen) {
        best = c;
        bestLen = n;
      }
    }
    if (best === undefined) return { cache: lm.createCache(), reused: 0 };
    // keep the entry fresh (LRU)
    cached.splice(cached.indexOf(best), 1);
    cached.push(best);
    return { cache: truncateCache(best.cache, bestLen), reused: bestLen };
  };

  const tokenText = (ids: readonly number[], i: number) => tokenizer.decode(ids.slice(0, i + 1)).slice(tokenizer.decode(ids.slice(0, i)).length);

  return {
    kind: 'local',
    lm,
    tokenizer,
    capabilities,
    hiddenLayers,
    usage,
    encode,
    clearCache: () => void cached.splice(0, cached.length),
    countTokens: (text: string) => tokenizer.encode(text, { bos: false }).length,

    async continue(request: ContinueRequest): Promise<Continuation> {
      throwIfAborted(request.signal, 'continue');
      const ids = encode(request.prompt);
      const { cache, reused } = lookup(ids);
      const entropies: number[] = [];
      const result = await generate(lm, {
        inputIds: ids.slice(reused),
        cache,
        tokenizer,
        maxNewTokens: request.maxTokens,
        temperature: request.temperature ?? 0,
        ...(request.seed === undefined ? {} : { seed: request.seed }),
        eosTokenIds: eos,
        stopStrings: [...(request.stop ?? [])],
        logprobs: { topN: request.topLogprobs ?? 0, from: 'raw' },
        hooks: {
          onStep(ctx) {
            if (ctx.step === 0) remember(ids, ctx.cache);
            if (request.entropy) entropies.push(entropyFromLogits(ctx.logits));
          },
        },
        ...(request.signal ? { signal: request.signal } : {}),
      });
      if (result.finishReason === 'abort') throwIfAborted(request.signal ?? AbortSignal.abort(), 'continue');
      const prefillTokens = ids.length - reused;
      usage.prefillTokens += prefillTokens;
      usage.decodeTokens += result.ids.length;
      usage.calls += 1;
      return continuationFromResult(result, tokenizer, { prefillTokens, tokenText, ...(request.entropy ? { entropies } : {}) });
    },

    async hiddenState(prompt: string, layer: number, signal?: AbortSignal) {
      const name = `hidden_states.${layer}`;
      if (!lm.extraOutputs.includes(name)) {
        throw new ModeSelectError('capability', `the model has no ${name} output (it offers ${lm.extraOutputs.filter((n) => n.startsWith('hidden_states.')).join(', ') || 'no hidden_states.* outputs'})`, {
          tensor: name,
        });
      }
      throwIfAborted(signal, 'hiddenState');
      const ids = encode(prompt);
      const { cache, reused } = lookup(ids);
      const out = await lm.forward({ inputIds: ids.slice(reused), cache, outputs: [name], logits: 'none', ...(signal ? { signal } : {}) });
      remember(ids, out.cache);
      const t = out.extra[name]!;
      const width = t.dims[t.dims.length - 1]!;
      const data = t.data as Float32Array;
      const vector = Float32Array.from(data.subarray(data.length - width));
      usage.prefillTokens += ids.length - reused;
      usage.calls += 1;
      return { vector, prefillTokens: ids.length - reused };
    },

    async score(prompt: string, continuation: string, signal?: AbortSignal) {
      throwIfAborted(signal, 'score');
      const promptIds = encode(prompt);
      const ids = encode(prompt + continuation);
      const start = commonPrefix(promptIds, ids);
      // reuse a cached prefix only up to the continuation's first token: its logits are needed
      const { cache, reused } = lookup(ids.slice(0, Math.max(1, start)));
      const fed = ids.slice(reused);
      const out = await lm.forward({ inputIds: fed, cache, logits: 'all', ...(signal ? { signal } : {}) });
      remember(ids, out.cache);
      const vocab = out.logits.dims[2]!;
      const data = out.logits.data as Float32Array;
      const logprobs: number[] = [];
      // logits row r (position reused + r) predicts ids[reused + r + 1]
      for (let pos = Math.max(start, 1); pos < ids.length; pos++) {
        const row = pos - 1 - reused;
        const lp = logSoftmax(data.subarray(row * vocab, (row + 1) * vocab));
        logprobs.push(lp[ids[pos]!]!);
      }
      usage.prefillTokens += fed.length;
      usage.calls += 1;
      return { logprobs, prefillTokens: fed.length };
    },
  };
}

/**
 * Checks that a format's close tag is one token of the tokenizer's vocabulary (early exit forces
 * it as a single token). A missing tag is a `format` error naming the field.
 */
export function assertTagsInVocabulary(tokenizer: Tokenizer, tags: { thinkClose: string }): void {
  for (const [field, tag] of [['thinkClose', tags.thinkClose]] as const) {
    if (tokenToIdWith(tokenizer, tag) === undefined) {
      throw new ModeSelectError('format', `the format's ${field} ${JSON.stringify(tag)} is not a token of the model's vocabulary (vocab size ${tokenizer.vocabSize}); pass a format whose tags the tokenizer knows`, {
        field: `format.${field}`,
        actual: tag,
      });
    }
  }
}
