import { z } from 'zod';
import type { FinishReason, StopCause, TokenLogprob, TopLogprob, Usage } from './text-model.js';

// Wire shapes of the OpenAI chat/completions APIs (loose: servers add fields freely).

const TopLogprobWire = z.looseObject({ token: z.string(), logprob: z.number(), bytes: z.array(z.number()).nullish() });
export const ChatLogprobContentSchema = z.looseObject({
  token: z.string(),
  logprob: z.number(),
  bytes: z.array(z.number()).nullish(),
  top_logprobs: z.array(TopLogprobWire).nullish(),
});
export const ChatLogprobsSchema = z.looseObject({ content: z.array(ChatLogprobContentSchema).nullish() }).nullish();

export const UsageWireSchema = z.looseObject({ prompt_tokens: z.number(), completion_tokens: z.number() }).nullish();

export const CompletionLogprobsSchema = z
  .looseObject({
    tokens: z.array(z.string()),
    token_logprobs: z.array(z.number().nullable()),
    top_logprobs: z.array(z.record(z.string(), z.number()).nullable()).nullish(),
    text_offset: z.array(z.number()).nullish(),
  })
  .nullish();

/** vLLM's `stop_reason`: the stop string that matched, a stop token id, or null (EOS). */
const StopReasonWire = z.union([z.string(), z.number()]).nullish();
const ChoiceIndexWire = z.number().int().min(0).nullish();

export const ChatCompletionResponseSchema = z.looseObject({
  choices: z
    .array(
      z.looseObject({
        index: ChoiceIndexWire,
        stop_reason: StopReasonWire,
        message: z.looseObject({ content: z.string().nullish() }),
        finish_reason: z.string().nullish(),
        logprobs: ChatLogprobsSchema,
      }),
    )
    .min(1),
  usage: UsageWireSchema,
});

export const CompletionResponseSchema = z.looseObject({
  choices: z
    .array(z.looseObject({ index: ChoiceIndexWire, stop_reason: StopReasonWire, text: z.string(), finish_reason: z.string().nullish(), logprobs: CompletionLogprobsSchema }))
    .min(1),
  usage: UsageWireSchema,
});

export const ChatCompletionChunkSchema = z.looseObject({
  choices: z.array(
    z.looseObject({
      index: ChoiceIndexWire,
      stop_reason: StopReasonWire,
      delta: z.looseObject({ content: z.string().nullish() }).nullish(),
      finish_reason: z.string().nullish(),
      logprobs: ChatLogprobsSchema,
    }),
  ),
  usage: UsageWireSchema,
});

export const CompletionChunkSchema = z.looseObject({
  choices: z.array(
    z.looseObject({ index: ChoiceIndexWire, stop_reason: StopReasonWire, text: z.string().nullish(), finish_reason: z.string().nullish(), logprobs: CompletionLogprobsSchema }),
  ),
  usage: UsageWireSchema,
});

export type ChatLogprobContent = z.infer<typeof ChatLogprobContentSchema>;
export type CompletionLogprobs = NonNullable<z.infer<typeof CompletionLogprobsSchema>>;

/** OpenAI `finish_reason` → ours. */
export function mapFinishReason(reason: string | null | undefined): FinishReason {
  if (reason === 'stop' || reason === 'length') return reason;
  if (reason === 'content_filter') return 'content-filter';
  return 'other';
}

/**
 * `stopCause` / `stopSequence` from a choice's `finish_reason` and vLLM-style `stop_reason` (which
 * `reasonkit serve` sends too): a string = the stop sequence; null or a token id = an end token.
 * Nothing when the server does not send `stop_reason` (OpenAI): it cannot be told then.
 */
export function mapStop(choice: { finish_reason?: string | null; stop_reason?: string | number | null }): { stopCause?: StopCause; stopSequence?: string } {
  // JSON has no undefined: undefined means the server sent no stop_reason at all.
  if (choice.finish_reason !== 'stop' || choice.stop_reason === undefined) return {};
  if (typeof choice.stop_reason === 'string') return { stopCause: 'stop-sequence', stopSequence: choice.stop_reason };
  return { stopCause: 'eos' };
}

/** Ours → OpenAI `finish_reason`. */
export function toWireFinishReason(reason: FinishReason): string {
  if (reason === 'content-filter') return 'content_filter';
  if (reason === 'stop' || reason === 'length') return reason;
  return reason === 'abort' ? 'abort' : 'stop';
}

export function mapUsage(usage: z.infer<typeof UsageWireSchema>): Usage | undefined {
  return usage ? { input: usage.prompt_tokens, output: usage.completion_tokens } : undefined;
}

function withBytes<T extends { token: string; logprob: number }>(entry: T, bytes: number[] | null | undefined): T & { bytes?: number[] } {
  return bytes ? { ...entry, bytes } : entry;
}

export function fromChatLogprob(entry: ChatLogprobContent, topN: number): TokenLogprob {
  const token: TokenLogprob = withBytes({ token: entry.token, logprob: entry.logprob }, entry.bytes);
  if (topN > 0) token.top = (entry.top_logprobs ?? []).slice(0, topN).map((t): TopLogprob => withBytes({ token: t.token, logprob: t.logprob }, t.bytes));
  return token;
}

/** Completions logprobs (parallel arrays) → per-token entries; `from` skips leading positions. */
export function fromCompletionLogprobs(logprobs: CompletionLogprobs, topN: number, from = 0): { token: TokenLogprob; offset?: number }[] {
  const out: { token: TokenLogprob; offset?: number }[] = [];
  for (let i = from; i < logprobs.tokens.length; i++) {
    const token: TokenLogprob = { token: logprobs.tokens[i] as string, logprob: logprobs.token_logprobs[i] ?? Number.NaN };
    if (topN > 0) {
      const map = logprobs.top_logprobs?.[i] ?? {};
      token.top = Object.entries(map)
        .map(([t, logprob]) => ({ token: t, logprob }))
        .sort((a, b) => b.logprob - a.logprob)
        .slice(0, topN);
    }
    out.push({ token, offset: logprobs.text_offset?.[i] });
  }
  return out;
}

/** Ours → OpenAI chat `logprobs.content[]` entry. */
export function toChatLogprob(token: TokenLogprob): Record<string, unknown> {
  return {
    token: token.token,
    logprob: token.logprob,
    bytes: token.bytes ?? utf8Bytes(token.token),
    top_logprobs: (token.top ?? []).map((t) => ({ token: t.token, logprob: t.logprob, bytes: t.bytes ?? utf8Bytes(t.token) })),
  };
}

/** Ours → OpenAI completions `logprobs` parallel arrays (`text_offset` relative to `startOffset`). */
export function toCompletionLogprobs(tokens: readonly TokenLogprob[], startOffset = 0, withTop = true): Record<string, unknown> {
  const offsets: number[] = [];
  let offset = startOffset;
  for (const t of tokens) {
    offsets.push(offset);
    offset += t.token.length;
  }
  return {
    tokens: tokens.map((t) => t.token),
    token_logprobs: tokens.map((t) => (Number.isNaN(t.logprob) ? null : t.logprob)),
    // A map cannot hold two alternatives with the same text (e.g. two byte tokens shown as U+FFFD): keep the likelier.
    top_logprobs: withTop
      ? tokens.map((t) => {
          const map: Record<string, number> = {};
          for (const a of t.top ?? []) if (!Object.hasOwn(map, a.token)) map[a.token] = a.logprob;
          return map;
        })
      : null,
    text_offset: offsets,
  };
}

const encoder = new TextEncoder();
export function utf8Bytes(text: string): number[] {
  return Array.from(encoder.encode(text));
}
