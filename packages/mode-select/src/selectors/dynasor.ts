import * as z from 'zod';
import { answerAfterOpenBrace, answerAgreement, consistentWindow, containsHedge, DEFAULT_HEDGE_WORDS } from '../signals/answer-agreement.js';
import { definePolicy } from './define.js';
import { CostMeter, probePrompt } from './policy-helpers.js';

/** Our wording with the structure of Dynasor's probe suffix [ref: hao-ai-lab/Dynasor `probeing_suffix`]; pass the upstream literal for parity. */
export const DYNASOR_PROBE_SUFFIX = '... Oh, I suddenly got the whole answer, I can give it now.\n**Final Answer**\n\\[ \\boxed{';

/** zod schema of a `DynasorConfig`: validates it and applies its defaults. */
export const DynasorConfigSchema = z.object({
  /** Probe answers that must agree; 3 [ref: hao-ai-lab/Dynasor]. Zero-step: samples drawn. */
  k: z.number().int().min(1).default(3),
  /** Probe budget in tokens; 20 [our choice, as DEER's trial]. */
  probeTokens: z.number().int().min(1).default(20),
  /** Text appended before each probe; default {@link DYNASOR_PROBE_SUFFIX}. Empty = the format's answer position. */
  suffix: z.string().default(DYNASOR_PROBE_SUFFIX),
  /** How a probe answer ends: `brace` (the `\boxed{` opened by the suffix closes) or `line` (first line). */
  answerEnd: z.enum(['brace', 'line']).default('brace'),
  placement: z.enum(['inside-think', 'after-close']).default('inside-think'),
  hedgeWords: z.array(z.string().min(1)).default([...DEFAULT_HEDGE_WORDS]),
  /** Whole-word hedge matching (spec §9.4) [our choice]. */
  wholeWord: z.boolean().default(true),
  /** Zero-step sampling temperature; 0.6 [our choice, ProbeConf's rollout temperature]. */
  temperature: z.number().min(0).default(0.6),
  seed: z.number().int().default(0),
});

function probeAnswer(text: string, end: 'brace' | 'line'): string | null {
  if (end === 'brace') return answerAfterOpenBrace(text);
  const line = text.split('\n')[0]!.trim();
  return line === '' ? null : line;
}

/**
 * Dynasor-CoT: exit when k consecutive probe answers agree with no hedge [ref: hao-ai-lab/Dynasor,
 * streaming path; the non-streaming `should_early_exit` that always returns true is not copied].
 * Step 0 has no history: k answers are sampled at `temperature` and must all agree [our choice].
 */
export const dynasorPolicy = definePolicy({
  id: 'dynasor',
  name: 'Dynasor-CoT',
  status: 'confirmed',
  family: 'prompt',
  source: 'hao-ai-lab/Dynasor (arXiv 2412.20993)',
  needs: ['chat', 'sampling'],
  config: DynasorConfigSchema,
  create(config, deps) {
    const backend = deps.backend!;
    return {
      id: 'dynasor',
      needs: ['chat', 'sampling'],
      config,
      async check(state, options) {
        const meter = new CostMeter();
        const prompt = probePrompt(state, config.placement) + config.suffix;
        const signal = options?.signal ? { signal: options.signal } : {};
        const probe = async (temperature: number, seed: number) => {
          const c = await meter.continue(backend, { prompt, maxTokens: config.probeTokens, temperature, seed, ...signal });
          const answer = probeAnswer(c.text, config.answerEnd);
          return { answer, hedged: containsHedge(c.text.slice(0, answer?.length ?? c.text.length), config.hedgeWords, config.wholeWord) };
        };
        let history: { answer: string | null; hedged: boolean }[];
        if (state.step === 0) {
          history = [];
          for (let j = 0; j < config.k; j++) history.push(await probe(config.temperature, config.seed + j));
        } else {
          history = (state.memory.dynasor as typeof history | undefined) ?? [];
          history.push(await probe(0, config.seed));
          state.memory.dynasor = history;
        }
        const window = history.slice(-config.k);
        const agree = answerAgreement(window.map((h) => (h.hedged ? null : h.answer)));
        const verdict = consistentWindow(history, config.k);
        // score: the share of the window agreeing on one non-hedged, non-empty answer
        const score = agree.majority === null || agree.majority === '' ? 0 : (agree.share * window.length) / config.k;
        const signals = { share: agree.share, entropyBits: agree.entropyBits, answer: agree.majority ?? '' };
        const cost = meter.done();
        if (!verdict.exit) return { exit: false, score, signals, cost };
        const f = state.input.format;
        return { exit: true, score, reason: `${config.k} consistent answers`, closeWith: `${f.thinkClose}${f.afterClose}${verdict.answer}`, signals, cost };
      },
    };
  },
});
