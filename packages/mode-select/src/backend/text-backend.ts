import { parseOptions, type TextModel } from '@reasonkit/core';
import * as z from 'zod';
import { type Capability, type Continuation, type ContinueRequest, type ReasoningBackend, throwIfAborted } from './backend.js';

/** zod schema of `TextBackendOptions`: validates it and applies its defaults. */
export const TextBackendOptionsSchema = z.object({
  model: z.custom<TextModel>((v) => typeof v === 'object' && v !== null && typeof (v as TextModel).generate === 'function', { message: 'expected a TextModel' }),
});
/** Input accepted by `TextBackendOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type TextBackendOptions = z.input<typeof TextBackendOptionsSchema>;

/**
 * A backend over a core `TextModel` (an OpenAI-compatible server through `createOpenAICompatible`,
 * or any other text model): text completion of a raw prompt, with logprobs when the server gives
 * them (`logits` capability = chosen-token logprobs and top-k alternatives; no hidden states, no
 * full-vocabulary entropy). Token counts come from the server's `usage` (spec §9.10).
 */
export function createTextBackend(options: TextBackendOptions): ReasoningBackend {
  const { model } = parseOptions(TextBackendOptionsSchema, options, 'createTextBackend options');
  const capabilities = new Set<Capability>(['chat', 'sampling']);
  if (model.capabilities.logprobs) capabilities.add('logits');
  const usage = { prefillTokens: 0, decodeTokens: 0, calls: 0 };
  return {
    kind: 'text',
    capabilities,
    hiddenLayers: [],
    usage,
    ...(model.countTokens ? { countTokens: (text: string) => model.countTokens!(text) } : {}),
    async continue(request: ContinueRequest): Promise<Continuation> {
      throwIfAborted(request.signal, 'continue');
      const wantLogprobs = model.capabilities.logprobs;
      const r = await model.generate({
        prompt: request.prompt,
        maxTokens: request.maxTokens,
        temperature: request.temperature ?? 0,
        ...(request.seed === undefined ? {} : { seed: request.seed }),
        ...(request.stop && request.stop.length > 0 ? { stop: [...request.stop] } : {}),
        ...(wantLogprobs ? { logprobs: Math.min(request.topLogprobs ?? 0, model.capabilities.topLogprobs) } : {}),
        ...(request.signal ? { signal: request.signal } : {}),
      });
      const tokens = (r.tokens ?? []).map((t) => ({
        text: t.token,
        logprob: t.logprob,
        ...(t.top ? { top: t.top.map((a) => ({ token: a.token, logprob: a.logprob })) } : {}),
      }));
      const prefillTokens = r.usage?.input ?? 0;
      const decodeTokens = r.usage?.output ?? tokens.length;
      usage.prefillTokens += prefillTokens;
      usage.decodeTokens += decodeTokens;
      usage.calls += 1;
      const finish = r.finishReason === 'length' ? 'length' : r.finishReason === 'abort' ? 'abort' : r.stopCause === 'stop-sequence' ? 'stop' : 'eos';
      return { text: r.text, tokens, prefillTokens, decodeTokens, finish, ...(r.stopSequence ? { stopSequence: r.stopSequence } : {}) };
    },
    ...(model.score
      ? {
          async score(prompt: string, continuation: string, signal?: AbortSignal) {
            const r = await model.score!({ prompt, continuation, ...(signal ? { signal } : {}) });
            usage.prefillTokens += r.usage?.input ?? 0;
            usage.calls += 1;
            return { logprobs: r.tokens.map((t) => t.logprob), prefillTokens: r.usage?.input ?? 0 };
          },
        }
      : {}),
  };
}
