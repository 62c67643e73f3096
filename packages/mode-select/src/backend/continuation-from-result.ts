import type { GenerationResult, Tokenizer } from '@reasonkit/core';
import type { Continuation } from './backend.js';

/** Options of `continuationFromResult`. */
export interface ContinuationFromResultOptions {
  /** Prompt tokens this call actually ran through the model (after any prefix reuse). */
  prefillTokens: number;
  /** Per-token entropies to attach (same order as the generated tokens). */
  entropies?: readonly number[];
  /** Text of generated token `i` given the body ids. Default: `tokenizer.decode([id])`. */
  tokenText?: (body: readonly number[], i: number) => string;
}

/**
 * Turns core's `GenerationResult` into a `Continuation`: drops the EOS id from the text and
 * tokens, maps core's finish reasons (`stop-string` → `stop` with its `stopSequence`), attaches
 * logprobs, top alternatives and optional entropies per token. Used by `createLocalBackend` and by
 * custom backends that run `generate`/`streamGenerate` themselves (e.g. with a compressed KV cache).
 */
export function continuationFromResult(result: GenerationResult, tokenizer: Pick<Tokenizer, 'decode'>, options: ContinuationFromResultOptions): Continuation {
  const body = result.finishReason === 'eos' ? result.ids.slice(0, -1) : result.ids;
  const textOf = options.tokenText ?? ((ids: readonly number[], i: number) => tokenizer.decode([ids[i]!]));
  const tokens = body.map((_id, i) => {
    const step = result.steps[i]!;
    return {
      text: textOf(body, i),
      logprob: step.logprob,
      ...(step.top ? { top: step.top.map((t) => ({ token: tokenizer.decode([t.id]), logprob: t.logprob })) } : {}),
      ...(options.entropies ? { entropy: options.entropies[i]! } : {}),
    };
  });
  const finish = result.finishReason === 'eos' ? 'eos' : result.finishReason === 'stop-string' ? 'stop' : result.finishReason === 'abort' ? 'abort' : 'length';
  return {
    text: result.text ?? tokenizer.decode(body),
    tokens,
    prefillTokens: options.prefillTokens,
    decodeTokens: result.ids.length,
    finish,
    ...(finish === 'stop' && result.stopReason ? { stopSequence: result.stopReason } : {}),
  };
}
