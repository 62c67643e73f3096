import * as z from 'zod';
import { yesProbability } from '../signals/verbal-parsers.js';
import { definePolicy } from './define.js';
import { CostMeter } from './policy-helpers.js';

/** Our verifier prompt [our choice; FlashThink's exact prompt is not reproduced]. */
export const FLASHTHINK_PROMPT =
  'Question:\n{question}\n\nPartial reasoning:\n{thoughts}\n\nIs this reasoning already enough to give the correct final answer? Answer Yes or No.\nAnswer:';

/** zod schema of a `FlashThinkConfig`: validates it and applies its defaults. */
export const FlashThinkConfigSchema = z.object({
  /** `{question}` and `{thoughts}` are replaced. */
  prompt: z.string().default(FLASHTHINK_PROMPT),
  /** Exit iff P(yes) > threshold; 0.5 [our choice]. */
  threshold: z.number().min(0).max(1).default(0.5),
  /** Top alternatives read at the answer position. 5 [our choice]. */
  topLogprobs: z.number().int().min(0).default(5),
});

/** FlashThink: an external verifier decides whether the reasoning so far is enough [confirmed baseline; arXiv 2505.13949]. */
export const flashthinkPolicy = definePolicy({
  id: 'flashthink',
  name: 'FlashThink',
  status: 'confirmed',
  family: 'prompt',
  source: 'FlashThink (arXiv 2505.13949)',
  needs: ['verifier-chat'],
  config: FlashThinkConfigSchema,
  create(config, deps) {
    const verifier = deps.verifier!;
    return {
      id: 'flashthink',
      needs: ['verifier-chat'],
      config,
      async check(state, options) {
        const meter = new CostMeter(true);
        const prompt = config.prompt.replace('{question}', state.input.question).replace('{thoughts}', state.thoughts);
        const r = await meter.continue(verifier, { prompt, maxTokens: 3, topLogprobs: config.topLogprobs, ...(options?.signal ? { signal: options.signal } : {}) });
        const p = yesProbability(r.tokens[0]?.top ?? (r.tokens[0] ? [{ token: r.tokens[0].text, logprob: r.tokens[0].logprob }] : undefined), r.text) ?? 0;
        const cost = meter.done();
        return p > config.threshold ? { exit: true, score: p, reason: `verifier P(yes) ${p.toFixed(3)}`, signals: { pYes: p }, cost } : { exit: false, score: p, signals: { pYes: p }, cost };
      },
    };
  },
});
