import * as z from 'zod';
import { logistic, meanEntropy } from '../signals/likelihood.js';
import { truncateTrialAnswer } from '../signals/trial-confidence.js';
import { definePolicy } from './define.js';
import { CostMeter, probePrompt } from './policy-helpers.js';

/** zod schema of a `EntropyConfig`: validates it and applies its defaults. */
export const EntropyConfigSchema = z.object({
  /** Exit when Ĥ < alpha (nats); pNoThink = σ(alpha − Ĥ). 0.5 [our choice; tune on validation]. */
  alpha: z.number().positive().default(0.5),
  maxTrialTokens: z.number().int().min(1).default(20),
  placement: z.enum(['inside-think', 'after-close']).default('inside-think'),
  stops: z.array(z.string().min(1)).optional(),
  /** Top-k alternatives over a text API (entropy is then a lower bound, `approximate`). */
  topLogprobs: z.number().int().min(1).default(20),
});

/** Entropy of a forced trial answer ("Adaptive Think") [our choice; Yong et al., arXiv 2505.18237]. */
export const entropyPolicy = definePolicy({
  id: 'entropy',
  name: 'Entropy (Adaptive Think)',
  status: 'our-choice',
  family: 'internal',
  source: 'arXiv 2505.18237 (our adaptation)',
  needs: ['logits'],
  config: EntropyConfigSchema,
  create(config, deps) {
    const backend = deps.backend!;
    const local = backend.kind === 'local';
    return {
      id: 'entropy',
      needs: ['logits'],
      config,
      async check(state, options) {
        const meter = new CostMeter();
        const stops = config.stops ?? state.input.format.trialStops;
        const trial = await meter.continue(backend, {
          prompt: probePrompt(state, config.placement) + state.input.format.answerInducer,
          maxTokens: config.maxTrialTokens,
          stop: stops,
          ...(local ? { entropy: true } : { topLogprobs: config.topLogprobs }),
          ...(options?.signal ? { signal: options.signal } : {}),
        });
        const keep = truncateTrialAnswer(trial.tokens.map((t) => t.text), stops).keep;
        const kept = trial.tokens.slice(0, keep);
        let h: number;
        let approximate = false;
        if (local) h = kept.length === 0 ? 0 : kept.reduce((a, t) => a + (t.entropy ?? 0), 0) / kept.length;
        else ({ entropy: h, approximate } = meanEntropy(kept.map((t) => (t.top ?? [{ token: t.text, logprob: t.logprob }]).map((a) => Math.exp(a.logprob)))));
        const score = logistic(config.alpha - h);
        const signals = { entropy: h, approximate };
        const cost = meter.done();
        return h < config.alpha ? { exit: true, score, reason: `entropy ${h.toFixed(4)} < ${config.alpha}`, signals, cost } : { exit: false, score, signals, cost };
      },
    };
  },
});
