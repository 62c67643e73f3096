import * as z from 'zod';
import { lazySchema } from '../validation/lazy-schema.js';
import { ChatMessageSchema } from '../tokenizer/chat-message-schema.js';
import type { GenerateRequest, ScoreRequest } from './text-model.js';
import { parseOrThrow } from './zod-issues.js';

export { ChatMessageSchema };

const abortSignal = /* @__PURE__ */ lazySchema(() => z.custom<AbortSignal>(
  (value) => typeof value === 'object' && value !== null && typeof (value as AbortSignal).aborted === 'boolean',
  { message: 'expected an AbortSignal' },
));

/**
 * Schema of a `GenerateRequest`. Exactly one of `messages` | `prompt`; `maxTokens` a non-negative
 * integer; `n` in 1..16 (our cap); penalties in -2..2 and `logitBias` values in -100..100 (OpenAI's ranges); `temperature` ≥ 0; `topP` in (0, 1]; `logprobs` an integer in 0..20 (OpenAI's
 * `top_logprobs` range).
 */
export const GenerateRequestSchema = /* @__PURE__ */ lazySchema(() => z
  .object({
    messages: z.array(ChatMessageSchema).min(1).optional(),
    prompt: z.string().optional(),
    maxTokens: z.number().int().min(0).optional(),
    temperature: z.number().min(0).optional(),
    topP: z.number().gt(0).max(1).optional(),
    topK: z.number().int().min(1).optional(),
    stop: z.array(z.string().min(1)).max(16).optional(),
    includeStop: z.boolean().optional(),
    n: z.number().int().min(1).max(16).optional(),
    seed: z.number().int().optional(),
    frequencyPenalty: z.number().min(-2).max(2).optional(),
    presencePenalty: z.number().min(-2).max(2).optional(),
    logitBias: z.record(z.string().regex(/^\d+$/, { message: 'expected a token id' }), z.number().min(-100).max(100)).optional(),
    logprobs: z.number().int().min(0).max(20).optional(),
    signal: abortSignal.optional(),
  })
  .superRefine((value, ctx) => {
    const count = (value.messages !== undefined ? 1 : 0) + (value.prompt !== undefined ? 1 : 0);
    if (count !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: [value.messages !== undefined ? 'prompt' : 'messages'],
        message: count === 0 ? 'exactly one of messages | prompt is required' : 'give exactly one of messages | prompt, not both',
      });
    }
  }));

/** zod schema of a `ScoreRequest`: validates it and applies its defaults. */
export const ScoreRequestSchema = /* @__PURE__ */ lazySchema(() => z.object({
  prompt: z.string(),
  continuation: z.string().min(1),
  logprobs: z.number().int().min(0).max(20).optional(),
  signal: abortSignal.optional(),
}));

/** Validate a request; throws `INVALID_ARGUMENT` naming the field path (e.g. `topP`, `messages.0.role`). */
export function validateGenerateRequest(request: GenerateRequest): GenerateRequest {
  parseOrThrow(GenerateRequestSchema, request, 'generate request');
  return request;
}

/** Validates a score request (throws a `ReasonkitError` naming the field) and returns it. */
export function validateScoreRequest(request: ScoreRequest): ScoreRequest {
  parseOrThrow(ScoreRequestSchema, request, 'score request');
  return request;
}
