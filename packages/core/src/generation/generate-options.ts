import * as z from 'zod';
import { lazySchema } from '../validation/lazy-schema.js';
import type { KVCache } from '../kv-cache/kv-cache.js';
import type { Tokenizer } from '../tokenizer/tokenizer.js';
import type { GenerationHooks } from './generation-hooks.js';
import type { LogitsProcessor } from './logits-processor.js';

/** Per-step extra outputs: a function of the step (0 = the prompt forward). */
export type GenerateStepOutputs = (step: number) => readonly string[];
/** Per-step logits mode: a function of the step (0 = the prompt forward). */
export type GenerateStepLogits = (step: number) => 'last' | 'none';

const isObject = (v: unknown) => typeof v === 'object' && v !== null;
const tokenId = /* @__PURE__ */ lazySchema(() => z.number().int().nonnegative());

/** zod schema of `ResolvedGenerateOptions`: validates it and applies its defaults. */
export const GenerateOptionsSchema = /* @__PURE__ */ lazySchema(() => z
  .object({
    /** Prompt token ids (batch 1). Exactly one of `inputIds` and `prompt`. */
    inputIds: z.array(tokenId).min(1).optional(),
    /** Prompt text; needs `tokenizer`. */
    prompt: z.string().optional(),
    /** Encodes `prompt`, decodes `text`, needed for `stopStrings`. */
    tokenizer: z
      .custom<Tokenizer>((v) => isObject(v) && typeof (v as Tokenizer).encode === 'function' && typeof (v as Tokenizer).decode === 'function', {
        message: 'expected a Tokenizer (encode/decode)',
      })
      .optional(),
    /** Passed to `tokenizer.encode(prompt, { bos })`; default: the tokenizer's own default. */
    addBos: z.boolean().optional(),
    /** Default 128 [our choice]. */
    maxNewTokens: z.number().int().nonnegative().default(128),
    /** 0 (default) = greedy; > 0 = multinomial sampling at that temperature [our choice, as llama2.c run.c]. */
    temperature: z.number().nonnegative().default(0),
    topK: z.number().int().positive().optional(),
    topP: z.number().gt(0).max(1).optional(),
    /** Seed of the MT19937 sampler (Python-`random` compatible); default: random. */
    seed: z.number().int().optional(),
    repetitionPenalty: z.number().positive().optional(),
    noRepeatNgramSize: z.number().int().positive().optional(),
    badWordsIds: z.array(z.array(tokenId)).optional(),
    minNewTokens: z.number().int().nonnegative().optional(),
    suppressTokens: z.array(tokenId).optional(),
    /** Run after the built-in processors, in order. */
    logitsProcessors: z.array(z.custom<LogitsProcessor>((v) => typeof v === 'function', { message: 'expected a function' })).default([]),
    /** Stop ids; default `lm.config.eosTokenIds`. Pass `[]` to never stop on EOS. */
    eosTokenIds: z.array(tokenId).optional(),
    /** Stop when the generated text contains one of these; the match is trimmed from `text`. */
    stopStrings: z.array(z.string().min(1)).default([]),
    /** Per-step scores: `topN` alternatives (default 0) from `'raw'` (default) or `'processed'` logits. */
    logprobs: z
      .object({
        topN: z.number().int().nonnegative().default(0),
        from: z.enum(['raw', 'processed']).default('raw'),
      })
      .default({ topN: 0, from: 'raw' }),
    /** Initial cache (pluggable); default `lm.createCache()`. Its `nextPosition` is the prompt's first position. */
    cache: z
      .custom<KVCache>((v) => isObject(v) && typeof (v as KVCache).update === 'function' && typeof (v as KVCache).layers === 'function', {
        message: 'expected a KVCache',
      })
      .optional(),
    hooks: z
      .union([
        z.custom<GenerationHooks>((v) => isObject(v) && !Array.isArray(v), { message: 'expected hooks' }),
        z.array(z.custom<GenerationHooks>((v) => isObject(v), { message: 'expected hooks' })),
      ])
      .optional(),
    /**
     * Extra model outputs to request (see `lm.extraOutputs`); hooks read them in `ctx.extra`. An
     * array applies to every step; a function of the step (0 = the prompt forward) picks them per
     * step, e.g. `(step) => (step === 0 ? ['hidden_states.4'] : [])` for a probe on the prompt only.
     */
    outputs: z
      .union([z.array(z.string()), z.custom<GenerateStepOutputs>((v) => typeof v === 'function', { message: 'expected a function' })])
      .default([]),
    /**
     * Logits each forward computes: `'last'` (default) or `'none'`, or a function of the step.
     * At a `'none'` step there is nothing to sample from: `ctx.logits` and `ctx.processed` are empty
     * and an `onStep` hook must force a token (its logprob is then `NaN`) or stop, else generation
     * throws `INVALID_ARGUMENT`. Use it for teacher-forced spans or a prefill that only reads
     * hidden states or fills the cache.
     */
    logits: z
      .union([z.enum(['last', 'none']), z.custom<GenerateStepLogits>((v) => typeof v === 'function', { message: 'expected a function' })])
      .default('last'),
    signal: z.custom<AbortSignal>((v) => isObject(v) && typeof (v as AbortSignal).aborted === 'boolean', { message: 'expected an AbortSignal' }).optional(),
    /** Called after each generated token with the count so far and `maxNewTokens`. */
    onProgress: z
      .custom<(p: { generated: number; maxNewTokens: number }) => void>((v) => typeof v === 'function', { message: 'expected a function' })
      .optional(),
  })
  .superRefine((o, ctx) => {
    if ((o.inputIds === undefined) === (o.prompt === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['inputIds'], message: 'give exactly one of inputIds and prompt' });
    }
    if (o.prompt !== undefined && o.tokenizer === undefined) {
      ctx.addIssue({ code: 'custom', path: ['tokenizer'], message: 'prompt needs a tokenizer' });
    }
    if (o.stopStrings.length > 0 && o.tokenizer === undefined) {
      ctx.addIssue({ code: 'custom', path: ['stopStrings'], message: 'stopStrings need a tokenizer' });
    }
  }));

/** Input accepted by `GenerateOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type GenerateOptions = z.input<typeof GenerateOptionsSchema>;
/** Parsed value of `GenerateOptionsSchema` (defaults applied). */
export type ResolvedGenerateOptions = z.output<typeof GenerateOptionsSchema>;

/** Why a local generation stopped. */
export type GenerateFinishReason = 'eos' | 'stop-string' | 'length' | 'hook' | 'abort';
