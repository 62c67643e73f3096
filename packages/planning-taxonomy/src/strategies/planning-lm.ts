import type { TextModel } from '@reasonkit/core';
import { ReasonkitError } from '@reasonkit/core';

/** A generation request from a planning strategy. */
export interface PlanningGenerateRequest {
  prompts: string[];
  n?: number;
  temperature?: number;
  maxNewTokens?: number;
  stop?: string[];
  seed?: number;
  signal?: AbortSignal;
}

/** The LM interface strategies use (spec §5.4). `fromTextModel` adapts core's TextModel. */
export interface PlanningLM {
  /** Generates completions for each prompt and reports token usage. */
  generate(r: PlanningGenerateRequest): Promise<{ texts: string[][]; usage: { promptTokens: number; completionTokens: number } }>;
  /** Exact log-likelihood of each continuation after `prefix` (only when `caps.loglikelihood`). */
  loglikelihood?(r: { prefix: string; continuations: string[]; signal?: AbortSignal }): Promise<number[]>;
  readonly caps: { loglikelihood: boolean; maxContext: number };
}

/**
 * Adapts a core `TextModel`. Log-likelihoods are exact only when the model can score prompts
 * (`capabilities.promptScoring` with `score()`); chat-only endpoints get `caps.loglikelihood = false`.
 */
export function fromTextModel(model: TextModel, options: { maxContext?: number; chat?: boolean } = {}): PlanningLM {
  const useChat = options.chat ?? (!model.capabilities.completion && model.capabilities.chat);
  const canScore = !!model.score && model.capabilities.promptScoring;
  const lm: PlanningLM = {
    caps: { loglikelihood: canScore, maxContext: options.maxContext ?? 4096 },
    async generate(r) {
      const texts: string[][] = [];
      let promptTokens = 0;
      let completionTokens = 0;
      for (const prompt of r.prompts) {
        const outs: string[] = [];
        for (let k = 0; k < (r.n ?? 1); k++) {
          const res = await model.generate({
            ...(useChat ? { messages: [{ role: 'user' as const, content: prompt }] } : { prompt }),
            maxTokens: r.maxNewTokens,
            temperature: r.temperature,
            stop: r.stop,
            seed: r.seed !== undefined ? r.seed + k : undefined,
            signal: r.signal,
          });
          outs.push(res.text);
          promptTokens += res.usage?.input ?? 0;
          completionTokens += res.usage?.output ?? 0;
        }
        texts.push(outs);
      }
      return { texts, usage: { promptTokens, completionTokens } };
    },
  };
  if (canScore) {
    lm.loglikelihood = async ({ prefix, continuations, signal }) => {
      const out: number[] = [];
      for (const c of continuations) out.push((await model.score!({ prompt: prefix, continuation: c, signal })).sum);
      return out;
    };
  }
  return lm;
}

/** Throws `LOGPROBS_UNSUPPORTED` unless `lm` has exact log-likelihoods (`who` names the caller). */
export function requireLoglikelihood(lm: PlanningLM, who: string): asserts lm is PlanningLM & {
  /** The model's exact log-likelihood function (present after this check). */
  loglikelihood: NonNullable<PlanningLM['loglikelihood']>;
} {
  if (!lm.caps.loglikelihood || !lm.loglikelihood) {
    throw new ReasonkitError('LOGPROBS_UNSUPPORTED', `${who}: requireExact is set but the model has no exact log-likelihoods (caps.loglikelihood = false)`, { field: 'requireExact' });
  }
}
