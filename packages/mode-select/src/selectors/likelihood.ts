import * as z from 'zod';
import { perplexity } from '../signals/likelihood.js';
import { truncateTrialAnswer } from '../signals/trial-confidence.js';
import { defineSelector } from './define.js';
import type { SelectorScore } from './types.js';
import { CostMeter, probePrompt } from './policy-helpers.js';

/** zod schema of a `LikelihoodConfig`: validates it and applies its defaults. */
export const LikelihoodConfigSchema = z.object({
  /**
   * `question-ppl` (default): pNoThink = 1/PPL of the question tokens; `trial-ppl`: 1/PPL of the
   * greedy trial answer (ranks exactly as DEER avg2); `first-token-maxprob`: probability of the
   * first trial-answer token [our choice, spec §4.7].
   */
  statistic: z.enum(['question-ppl', 'trial-ppl', 'first-token-maxprob']).default('question-ppl'),
  maxTrialTokens: z.number().int().min(1).default(20),
  placement: z.enum(['inside-think', 'after-close']).default('inside-think'),
  stops: z.array(z.string().min(1)).optional(),
});

/** Perplexity / max-prob [our choice]. */
export const likelihoodSelector = defineSelector({
  id: 'likelihood',
  name: 'Perplexity / max-prob',
  status: 'our-choice',
  family: 'internal',
  source: 'our choice (spec §4.7)',
  needs: ['logits'],
  config: LikelihoodConfigSchema,
  create(config, deps) {
    const backend = deps.backend!;
    return {
      id: 'likelihood',
      needs: ['logits'],
      config,
      async score(input, options): Promise<SelectorScore> {
        const meter = new CostMeter();
        const signal = options?.signal;
        if (config.statistic === 'question-ppl' && backend.score) {
          const prompt = input.format.promptFor(input.question);
          const at = prompt.indexOf(input.question);
          const s = await backend.score(prompt.slice(0, at), input.question, signal);
          meter.add(s.prefillTokens, 0);
          const ppl = perplexity(s.logprobs);
          return { pNoThink: 1 / ppl, signals: { ppl }, cost: meter.done() };
        }
        const stops = config.stops ?? input.format.trialStops;
        const state = { input, thoughts: input.fakeThought.body, step: 0, thinkTokens: 0, memory: {} };
        const trial = await meter.continue(backend, { prompt: probePrompt(state, config.placement) + input.format.answerInducer, maxTokens: config.maxTrialTokens, stop: stops, ...(signal ? { signal } : {}) });
        const kept = trial.tokens.slice(0, truncateTrialAnswer(trial.tokens.map((t) => t.text), stops).keep);
        if (config.statistic === 'first-token-maxprob') {
          const p = kept.length > 0 ? Math.exp(kept[0]!.logprob) : 0;
          return { pNoThink: p, signals: { firstTokenProb: p }, cost: meter.done() };
        }
        const ppl = perplexity(kept.map((t) => t.logprob));
        return { pNoThink: kept.length > 0 ? 1 / ppl : 0, signals: { ppl }, cost: meter.done() };
      },
    };
  },
});
