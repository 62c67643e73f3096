import { createOpenAICompatible, type TextModel } from '@reasonkit/core';
import { z } from 'zod';
import { PrmBenchError } from '../errors/prm-bench-error.js';
import type { CriticPreset } from './presets/critic-preset.js';
import { prmBenchCriticPreset } from './presets/prmbench-critic.js';
import { processBenchCriticPreset } from './presets/processbench-critic.js';
import type { StepScorer } from './scorer.js';

/** Built-in critic presets (prompt and answer parsing) by name. */
export const CRITIC_PRESETS: Readonly<Record<string, CriticPreset>> = {
  [prmBenchCriticPreset.id]: prmBenchCriticPreset,
  [processBenchCriticPreset.id]: processBenchCriticPreset,
};

/** zod schema of `ChatCriticOptions`: validates it and applies its defaults. */
export const ChatCriticOptionsSchema = z.object({
  /** Preset id or object. Default `prmbench-critic@1`. */
  preset: z.union([z.string(), z.custom<CriticPreset>((v) => typeof v === 'object' && v !== null && 'messages' in v)]).default('prmbench-critic@1'),
  /** Default 0 [ref: PRMBench critics; Socratic reportedly used 1.0 — set it to reproduce]. */
  temperature: z.number().min(0).default(0),
  /** Default 2048 [ref: PRMBench vLLM critics]; ProcessBench uses 8192. */
  maxTokens: z.int().min(1).default(2048),
  /** Choices per item (ProcessBench voting uses 8 at temperature 1). Default 1. */
  n: z.int().min(1).max(16).default(1),
  /** Default 42 [ref: ProcessBench greedy runs]. */
  seed: z.int().optional(),
  topP: z.number().optional(),
  /** `user` for models without a system role (o1-style). Default `system`. */
  systemRole: z.enum(['system', 'user']).default('system'),
  /** Overrides the generated scorer id (keep decoding settings in it). */
  id: z.string().optional(),
});
/** Options of `chatCritic`: the text model plus critic settings. */
export type ChatCriticOptions = z.input<typeof ChatCriticOptionsSchema> & { model: TextModel };

function resolvePreset(p: string | CriticPreset): CriticPreset {
  if (typeof p !== 'string') return p;
  const preset = CRITIC_PRESETS[p];
  if (!preset) throw new PrmBenchError('invalid-options', `field preset: unknown critic preset '${p}' (known: ${Object.keys(CRITIC_PRESETS).join(', ')})`, { field: 'preset' });
  return preset;
}

/**
 * An LLM critic over any core `TextModel` (an OpenAI-compatible endpoint, a local model, a
 * scripted double). Request errors propagate as typed core errors (the runner retries them and
 * reports the item); an unparseable reply is `valid: false` with the raw text kept.
 */
export function createChatCritic(options: ChatCriticOptions): StepScorer {
  const { model, ...rest } = options;
  const o = ChatCriticOptionsSchema.parse(rest);
  const preset = resolvePreset(o.preset);
  const id =
    o.id ??
    `critic:${model.id}|${preset.id}|t=${o.temperature}|max=${o.maxTokens}|n=${o.n}${o.seed !== undefined ? `|seed=${o.seed}` : ''}${o.topP !== undefined ? `|top_p=${o.topP}` : ''}|role=${o.systemRole}`;
  return {
    id,
    kind: 'critic',
    async score(item, ctx) {
      const started = Date.now();
      const res = await model.generate({
        messages: preset.messages(item, { systemRole: o.systemRole }),
        temperature: o.temperature,
        maxTokens: o.maxTokens,
        ...(o.n > 1 ? { n: o.n } : {}),
        ...(o.seed !== undefined ? { seed: o.seed } : {}),
        ...(o.topP !== undefined ? { topP: o.topP } : {}),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      const texts = res.choices ? res.choices.map((c) => c.text) : [res.text];
      const parsed = preset.parse(texts, item);
      return {
        ...parsed,
        raw: texts.length === 1 ? texts[0]! : texts,
        usage: { latencyMs: Date.now() - started, ...(res.usage ? { promptTokens: res.usage.input, completionTokens: res.usage.output } : {}) },
      };
    },
  };
}

/** zod schema of a `OpenAICriticOptions`: validates it and applies its defaults. */
export const OpenAICriticOptionsSchema = z.object({
  baseURL: z.string().url(),
  apiKey: z.string().optional(),
  /** Model name sent to the endpoint. */
  model: z.string().min(1),
  /** Per-attempt timeout. Default 120 s (our choice: long critiques). */
  timeoutMs: z.int().positive().default(120_000),
  /** HTTP retries inside the client (429/5xx, honouring Retry-After). Default 4 (5 attempts, as upstream). */
  maxRetries: z.int().min(0).max(20).default(4),
  /** Backoff base of the client. Default 10 s [ref: upstream sleeps 10 s, 15 s, 20 s, …]. */
  retryBaseMs: z.number().min(0).default(10_000),
  retryMaxMs: z.number().min(0).default(60_000),
  /** The `fetch` to use (default: the global `fetch`). */
  fetch: z.custom<(input: string, init: RequestInit) => Promise<Response>>((v) => typeof v === 'function').optional(),
});

/** `createChatCritic` over core's OpenAI-compatible client (fetch, timeouts, retries with backoff, typed errors). */
export function createOpenAICritic(options: z.input<typeof OpenAICriticOptionsSchema> & z.input<typeof ChatCriticOptionsSchema>): StepScorer {
  const { baseURL, apiKey, model, timeoutMs, maxRetries, retryBaseMs, retryMaxMs, fetch, ...critic } = options;
  const c = OpenAICriticOptionsSchema.parse({ baseURL, apiKey, model, timeoutMs, maxRetries, retryBaseMs, retryMaxMs, fetch });
  const text = createOpenAICompatible({
    baseURL: c.baseURL,
    model: c.model,
    id: `${c.model}@${c.baseURL}`,
    timeoutMs: c.timeoutMs,
    maxRetries: c.maxRetries,
    retryBaseMs: c.retryBaseMs,
    retryMaxMs: c.retryMaxMs,
    ...(c.apiKey !== undefined ? { apiKey: c.apiKey } : {}),
    ...(c.fetch ? { fetch: c.fetch } : {}),
  });
  return createChatCritic({ model: text, ...critic });
}
