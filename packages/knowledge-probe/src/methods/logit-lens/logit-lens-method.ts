import * as z from 'zod';
import type { MethodDef } from '../../registry/method-def.js';
import type { ProbeResult } from '../../result/probe-result.js';
import { baseResult, checkIndex, encodePrompt, type ScoredToken, tokenLabel } from '../common.js';
import { hiddenRowsAt } from '../hidden-rows.js';
import { logitLensDistributions, topTokensPerRow, type FinalNormMode } from './logit-lens.js';

/** zod schema of `LogitLensParams`: validates it and applies its defaults. */
export const LogitLensParamsSchema = z.object({
  /** Top tokens per row. Default 3 (Know-MRI `unembedding_num`). */
  topK: z.number().int().positive().default(3),
  /** `'all'`: norm every row (standard logit lens; our default). `'knowmri'`: only the last row, as Know-MRI. */
  finalNorm: z.enum(['all', 'knowmri']).default('all'),
  /** Position read; negative counts from the end. Default -1, the last token (Know-MRI). */
  position: z.number().int().default(-1),
});
/** Parsed value of `LogitLensParamsSchema` (defaults applied). */
export type LogitLensParams = z.output<typeof LogitLensParamsSchema>;

/** Raw output of the logit-lens method, as stored in `ProbeResult.raw`. */
export interface LogitLensRaw {
  tokens: string[];
  position: number;
  finalNorm: FinalNormMode;
  /** `[ℓ][k]` for rows ℓ = 0 (embeddings) … L. */
  topTokens: ScoredToken[][];
  /** The last row's top-1 (the model's prediction) and its probability at every row. */
  answer: { id: number; text: string; pPerLayer: number[] };
}

/** Logit Lens (Know-MRI `methods/logit_lens`, spec §4.1). */
export const logitLensMethod = {
  name: 'Logit Lens',
  version: '1.0.0',
  requires: ['prompt'] as const,
  capabilities: ['residual', 'weights'] as const,
  costSecondsPerQuery: 1,
  taxonomy: ['Internal', 'Representation', 'Hiddenstates'],
  params: LogitLensParamsSchema,
  /** Runs the method on `sample` with `model` and returns its `ProbeResult`. */
  async run(sample, model, params, ctx): Promise<ProbeResult<LogitLensRaw>> {
    const started = performance.now();
    const ids = encodePrompt(model, sample.prompt);
    const position = params.position < 0 ? ids.length + params.position : params.position;
    checkIndex(position, ids.length, 'params.position', 'position');
    const { rows } = await hiddenRowsAt(model, ids, position, ctx.signal);
    const probs = logitLensDistributions(rows, model.weights(), params.finalNorm);
    const topTokens = topTokensPerRow(probs, params.topK, model.tokenizer);
    const answer = topTokens[topTokens.length - 1]![0]!;
    const pPerLayer = probs.map((p) => p[answer.id]!);
    const tokens = ids.map((id) => tokenLabel(model.tokenizer, id));
    const columns = ['Layer', ...Array.from({ length: params.topK }, (_, i) => `Top ${i + 1}`)];
    return {
      ...baseResult(logitLensMethod, model, sample, params, started, 1),
      tables: [
        {
          name: 'Hidden states top token',
          description: `Top-${params.topK} next tokens decoded from each layer's residual stream at position ${position} (finalNorm: ${params.finalNorm}); Layer_0 is the embedding output.`,
          columns,
          rows: topTokens.map((row, l) => ({ Layer: `Layer_${l}`, ...Object.fromEntries(row.map((t, i) => [`Top ${i + 1}`, `${JSON.stringify(t.text)} (${t.p.toFixed(4)})`])) })),
        },
      ],
      charts: [
        {
          name: `Probability of ${JSON.stringify(answer.text)} per layer`,
          kind: 'line',
          data: { x: pPerLayer.map((_, l) => l), series: [{ name: answer.text, values: pPerLayer }], xLabel: 'layer (0 = embeddings)', yLabel: 'probability' },
        },
      ],
      raw: { tokens, position, finalNorm: params.finalNorm, topTokens, answer: { id: answer.id, text: answer.text, pPerLayer } },
    };
  },
} satisfies MethodDef<'Logit Lens', 'prompt', LogitLensParams>;
