import * as z from 'zod';
import { ProbeError } from '../../errors/probe-error.js';
import type { MethodDef } from '../../registry/method-def.js';
import type { ProbeResult } from '../../result/probe-result.js';
import { baseResult } from '../common.js';

/** zod schema of `SelfExplanationParams`: validates it and applies its defaults. */
export const SelfExplanationParamsSchema = z.object({
  /** Words or phrases asked for. Default 4 (Know-MRI `topk_words`). */
  topkWords: z.number().int().positive().default(4),
  /** New tokens (Know-MRI's `max_length` 150 counts prompt and output; ours counts output only, our choice). */
  maxNewTokens: z.number().int().positive().default(150),
  /** Default 0: greedy (Know-MRI `do_sample: false`). */
  temperature: z.number().nonnegative().default(0),
  /** Used when sampling. Defaults 0.7 and 30 (Know-MRI). */
  topP: z.number().gt(0).max(1).default(0.7),
  topK: z.number().int().positive().default(30),
  seed: z.number().int().nonnegative().optional(),
});
/** Parsed value of `SelfExplanationParamsSchema` (defaults applied). */
export type SelfExplanationParams = z.output<typeof SelfExplanationParamsSchema>;

/** The question put to the model (our wording; spec §4.7). */
export function selfExplanationPrompt(prompt: string, groundTruth: string, topkWords: number): string {
  const claim = `${prompt.trimEnd()} ${groundTruth.trim()}`;
  return (
    `Consider this statement: "${claim}"\n` +
    `First say whether the statement is true or false. Then list the ${topkWords} words or phrases of the statement ` +
    `that most influenced your judgement, most influential first.`
  );
}

/** Raw output of the self-explanation method, as stored in `ProbeResult.raw`. */
export interface SelfExplanationRaw {
  question: string;
  answer: string;
  finishReason: string;
}

/** Self-explanation (Know-MRI `methods/Selfexplanations`, spec §4.7) through any core `TextModel`. */
export const selfExplanationMethod = {
  name: 'Self-explanation',
  version: '1.0.0',
  requires: ['prompt', 'ground_truth'] as const,
  capabilities: ['text'] as const,
  costSecondsPerQuery: 3,
  taxonomy: ['External', 'Self-explanation'],
  params: SelfExplanationParamsSchema,
  /** Runs the method on `sample` with `model` and returns its `ProbeResult`. */
  async run(sample, model, params, ctx): Promise<ProbeResult<SelfExplanationRaw>> {
    const started = performance.now();
    const tm = model.textModel;
    if (!tm) throw new ProbeError('missing-capability', `Self-explanation needs a text model; model ${model.id} has none (pass textModel)`, { field: 'model.textModel' });
    const question = selfExplanationPrompt(sample.prompt, sample.ground_truth, params.topkWords);
    const r = await tm.generate({
      prompt: question,
      maxTokens: params.maxNewTokens,
      temperature: params.temperature,
      ...(params.temperature > 0 ? { topP: params.topP, topK: params.topK } : {}),
      ...(params.seed !== undefined ? { seed: params.seed } : {}),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    return {
      ...baseResult(selfExplanationMethod, model, sample, params, started, 0),
      ...(params.seed !== undefined ? { seed: params.seed } : {}),
      tables: [{ name: 'Self-explanation', columns: ['prompt', 'answer'], rows: [{ prompt: question, answer: r.text }] }],
      charts: [],
      raw: { question, answer: r.text, finishReason: r.finishReason },
    };
  },
} satisfies MethodDef<'Self-explanation', 'prompt' | 'ground_truth', SelfExplanationParams>;
