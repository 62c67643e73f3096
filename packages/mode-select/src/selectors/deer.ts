import * as z from 'zod';
import { DEER_TRIAL_STOPS, trialConfidence, truncateTrialAnswer } from '../signals/trial-confidence.js';
import { definePolicy } from './define.js';
import { CostMeter, probePrompt } from './policy-helpers.js';

/** zod schema of a `DeerConfig`: validates it and applies its defaults. */
export const DeerConfigSchema = z.object({
  /** Confidence aggregate: `avg1` [ref: iie-ycx/DEER default]; `avg2` for over-confident Qwen3. */
  aggregate: z.enum(['avg1', 'avg2', 'min']).default('avg1'),
  /** Exit iff C > threshold (strict). 0.95 [ref: iie-ycx/DEER]. */
  threshold: z.number().min(0).max(1).default(0.95),
  /** Trial-answer budget: ≤ 20 greedy tokens [ref: iie-ycx/DEER]. */
  maxTrialTokens: z.number().int().min(1).default(20),
  /** Where the trial answer is induced; inside the think block [our choice, spec §3.2]. */
  placement: z.enum(['inside-think', 'after-close']).default('inside-think'),
  /** Stop strings of the trial answer; default the format's `trialStops` (DEER's brace stops). */
  stops: z.array(z.string().min(1)).optional(),
  /** Qwen3 rule: an exit also needs the next greedy token after the answer to be the close tag [our choice for the window, spec §4.1]. */
  requireThinkClose: z.boolean().default(false),
});

/** DEER: answer-confidence exit [ref: iie-ycx/DEER `vllm-deer.py`; arXiv 2504.15895]. */
export const deerPolicy = definePolicy({
  id: 'deer',
  name: 'DEER',
  status: 'confirmed',
  family: 'internal',
  source: 'iie-ycx/DEER (arXiv 2504.15895)',
  needs: ['logits'],
  config: DeerConfigSchema,
  create(config, deps) {
    const backend = deps.backend!;
    return {
      id: 'deer',
      needs: ['logits'],
      config,
      async check(state, options) {
        const meter = new CostMeter();
        const stops = config.stops ?? state.input.format.trialStops ?? DEER_TRIAL_STOPS;
        const prompt = probePrompt(state, config.placement) + state.input.format.answerInducer;
        const trial = await meter.continue(backend, { prompt, maxTokens: config.maxTrialTokens, stop: stops, ...(options?.signal ? { signal: options.signal } : {}) });
        // The backend trims a matched stop string from the text; cut the tokens the same way.
        const cut = truncateTrialAnswer(trial.tokens.map((t) => t.text), stops);
        const probs = trial.tokens.slice(0, cut.keep).map((t) => Math.exp(t.logprob));
        let score = trialConfidence(probs, config.aggregate);
        let closeOk = true;
        if (config.requireThinkClose) {
          const rest = trial.tokens.map((t) => t.text).join('').slice(cut.text.length);
          const stopHit = trial.finish === 'stop' ? (trial.stopSequence ?? stops.find((s) => rest.startsWith(s)) ?? '') : '';
          const next = await meter.continue(backend, { prompt: prompt + cut.text + stopHit, maxTokens: 1, ...(options?.signal ? { signal: options.signal } : {}) });
          closeOk = next.text.trimStart().startsWith(state.input.format.thinkClose);
          if (!closeOk) score = Math.min(score, config.threshold);
        }
        const signals = { confidence: trialConfidence(probs, config.aggregate), trialAnswer: cut.text, trialTokens: probs.length, closeOk };
        const cost = meter.done();
        // a trial answer right after the fake thought's close, with no inducer, is the NoThinking answer itself
        const nothink = state.step === 0 && config.placement === 'after-close' && state.input.format.answerInducer === '' ? { nothink: { prompt, continuation: trial } } : {};
        return score > config.threshold
          ? { exit: true, score, reason: `confidence ${score.toFixed(4)} > ${config.threshold}`, signals, cost, ...nothink }
          : { exit: false, score, signals, cost, ...nothink };
      },
    };
  },
});
