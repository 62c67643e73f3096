import { ReasonkitError } from '../errors/reasonkit-error.js';
import type { LogitsProcessor } from '../generation/logits-processor.js';

export interface OpenAIPenalties {
  /** Subtracted from a token's logit once per earlier occurrence in the completion (OpenAI `frequency_penalty`). */
  frequencyPenalty?: number;
  /** Subtracted once from the logit of every token already in the completion (OpenAI `presence_penalty`). */
  presencePenalty?: number;
  /** Token id → value added to its logit (OpenAI `logit_bias`; -100 bans, +100 forces in practice). */
  logitBias?: Record<number, number>;
}

/** True when any of the three would change a logit. */
export function hasOpenAIPenalties(p: OpenAIPenalties): boolean {
  return (p.frequencyPenalty ?? 0) !== 0 || (p.presencePenalty ?? 0) !== 0 || Object.keys(p.logitBias ?? {}).length > 0;
}

/**
 * OpenAI's penalties as a logits processor, on the raw logits before temperature and filtering
 * (OpenAI's documented formula): `logit[j] -= c[j] * frequencyPenalty + (c[j] > 0) * presencePenalty`,
 * where `c[j]` counts token `j` in the completion so far (the prompt does not count), then
 * `logit[j] += logitBias[j]`. A bias key outside the vocabulary throws `INVALID_ARGUMENT` naming it.
 */
export function openAIPenaltiesProcessor(p: OpenAIPenalties, promptLength: number): LogitsProcessor {
  const frequency = p.frequencyPenalty ?? 0;
  const presence = p.presencePenalty ?? 0;
  const bias = Object.entries(p.logitBias ?? {}).map(([key, value]) => [Number(key), value] as const);
  return (ids, logits) => {
    if (frequency !== 0 || presence !== 0) {
      const counts = new Map<number, number>();
      for (let i = promptLength; i < ids.length; i++) {
        const id = ids[i] as number;
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      for (const [id, count] of counts) if (id >= 0 && id < logits.length) logits[id] = (logits[id] as number) - count * frequency - presence;
    }
    for (const [id, value] of bias) {
      if (!Number.isInteger(id) || id < 0 || id >= logits.length) {
        throw new ReasonkitError('INVALID_ARGUMENT', `logitBias.${id}: token id outside the vocabulary (0..${logits.length - 1})`, {
          field: `logitBias.${id}`,
          actual: id,
        });
      }
      logits[id] = (logits[id] as number) + value;
    }
  };
}
