import * as z from 'zod';
import { yesProbability } from '../signals/verbal-parsers.js';
import { defineSelector } from './define.js';
import { CostMeter } from './policy-helpers.js';

/** Our switcher question [our choice]. */
export const SWITCHCOT_PROMPT = 'Question:\n{question}\n\nDoes answering this question need long step-by-step reasoning? Answer Yes or No.\nAnswer:';

/** zod schema of a `SwitchCotConfig`: validates it and applies its defaults. */
export const SwitchCotConfigSchema = z.object({
  prompt: z.string().default(SWITCHCOT_PROMPT),
  topLogprobs: z.number().int().min(0).default(5),
});

/** SwitchCoT-style prompted switcher [our choice; Zhang, Xiao, Cao, arXiv 2506.04182]: pNoThink = P(no). */
export const switchcotSelector = defineSelector({
  id: 'switchcot',
  name: 'SwitchCoT',
  status: 'our-choice',
  family: 'prompt',
  source: 'arXiv 2506.04182 (our adaptation)',
  needs: ['chat'],
  config: SwitchCotConfigSchema,
  create(config, deps) {
    const backend = deps.backend!;
    return {
      id: 'switchcot',
      needs: ['chat'],
      config,
      async score(input, options) {
        const meter = new CostMeter();
        const r = await meter.continue(backend, { prompt: config.prompt.replace('{question}', input.question), maxTokens: 3, topLogprobs: config.topLogprobs, ...(options?.signal ? { signal: options.signal } : {}) });
        const t0 = r.tokens[0];
        const yes = yesProbability(t0?.top ?? (t0 ? [{ token: t0.text, logprob: t0.logprob }] : undefined), r.text);
        // unparsable → think (pNoThink 0)
        return { pNoThink: yes === null ? 0 : 1 - yes, signals: { pYes: yes ?? -1 }, cost: meter.done() };
      },
    };
  },
});
