import * as z from 'zod';
import { parseConfidence } from '../signals/verbal-parsers.js';
import { definePolicy } from './define.js';
import { CostMeter, probePrompt } from './policy-helpers.js';

/** Our confidence prompt [our choice; the paper's prompt is unknown]. */
export const PROMPTCONF_PROMPT = '\nHow confident am I that I can already give the correct final answer? Probability (0 to 1):';

/** zod schema of a `PromptConfConfig`: validates it and applies its defaults. */
export const PromptConfConfigSchema = z.object({
  prompt: z.string().default(PROMPTCONF_PROMPT),
  placement: z.enum(['inside-think', 'after-close']).default('inside-think'),
  /** Ten verbal bins mapped to 0.05…0.95 (user-supplied; none by default). */
  labels: z.array(z.string().min(1)).length(10).optional(),
  /** λ = 0.5 [our choice]. */
  threshold: z.number().min(0).max(1).default(0.5),
  maxTokens: z.number().int().min(1).default(8),
});

/** PromptConf: the reasoning model states its own confidence [confirmed baseline; prompt and λ our choice]. */
export const promptconfPolicy = definePolicy({
  id: 'promptconf',
  name: 'PromptConf',
  status: 'confirmed',
  family: 'prompt',
  source: 'the paper (arXiv 2510.19176); prompt our choice',
  needs: ['chat'],
  config: PromptConfConfigSchema,
  create(config, deps) {
    const backend = deps.backend!;
    return {
      id: 'promptconf',
      needs: ['chat'],
      config,
      async check(state, options) {
        const meter = new CostMeter();
        const r = await meter.continue(backend, { prompt: probePrompt(state, config.placement) + config.prompt, maxTokens: config.maxTokens, ...(options?.signal ? { signal: options.signal } : {}) });
        const c = parseConfidence(r.text, config.labels ?? []);
        const cost = meter.done();
        return c > config.threshold ? { exit: true, score: c, reason: `stated confidence ${c}`, signals: { stated: r.text.trim() }, cost } : { exit: false, score: c, signals: { stated: r.text.trim() }, cost };
      },
    };
  },
});
