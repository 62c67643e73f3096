import * as z from 'zod';
import type { MethodDef } from '../../registry/method-def.js';
import type { ProbeResult } from '../../result/probe-result.js';
import { pca } from '../../math/pca.js';
import { baseResult, encodePrompt, tokenText } from '../common.js';
import { nearestTokens, rowNorms, type Neighbour } from './embedding-projection.js';

/** zod schema of `EmbeddingProjectionParams`: validates it and applies its defaults. */
export const EmbeddingProjectionParamsSchema = z.object({
  /** Neighbours per prompt token. Default 2 (Know-MRI `top_k`). */
  topK: z.number().int().positive().default(2),
  /** Prompt tokens plotted (the first ones). Default 3 (Know-MRI `token_nums`). */
  tokenNums: z.number().int().positive().default(3),
  /** PCA dimensions. Default 2 (Know-MRI gpt2-xl; 3 for Llama-2). */
  dim: z.number().int().min(1).max(3).default(2),
  /** Reduction; only `'pca'` in v1 (Know-MRI also offers LLE and Isomap). */
  method: z.literal('pca').default('pca'),
});
/** Parsed value of `EmbeddingProjectionParamsSchema` (defaults applied). */
export type EmbeddingProjectionParams = z.output<typeof EmbeddingProjectionParamsSchema>;

/** Raw output of the embedding-projection method, as stored in `ProbeResult.raw`. */
export interface EmbeddingProjectionRaw {
  tokens: { id: number; text: string }[];
  /** `[t][k]` nearest tokens of each prompt token. */
  neighbours: Neighbour[][];
  /** PCA coordinates of each prompt token and of its neighbours (`[t]` and `[t][k]`). */
  coordinates: { tokens: number[][]; neighbours: number[][][] };
  explainedVariance: number[];
}

/** EmbeddingProjection (Know-MRI `methods/EmbeddingProject`, spec §4.2). */
export const embeddingProjectionMethod = {
  name: 'EmbeddingProjection',
  version: '1.0.0',
  requires: ['prompt'] as const,
  capabilities: ['weights'] as const,
  costSecondsPerQuery: 12,
  taxonomy: ['Internal', 'Module', 'Embedding'],
  params: EmbeddingProjectionParamsSchema,
  /** Runs the method on `sample` with `model` and returns its `ProbeResult`. */
  async run(sample, model, params): Promise<ProbeResult<EmbeddingProjectionRaw>> {
    const started = performance.now();
    const ids = encodePrompt(model, sample.prompt);
    const { embedding } = model.weights();
    const d = model.hidden;
    const norms = rowNorms(embedding);
    const neighbours = ids.map((id) => nearestTokens(embedding, id, params.topK, model.tokenizer, norms));
    const row = (id: number): Float32Array => embedding.data.subarray(id * d, (id + 1) * d);
    const points = [...ids.map(row), ...neighbours.flatMap((ns) => ns.map((n) => row(n.id)))];
    const { coordinates, explained } = pca(points, params.dim);
    const T = ids.length;
    const tokCoords = coordinates.slice(0, T);
    const nbCoords = neighbours.map((ns, t) => ns.map((_, k) => coordinates[T + t * params.topK + k]!));
    const tokens = ids.map((id) => ({ id, text: tokenText(model.tokenizer, id) }));
    const shown = Math.min(params.tokenNums, T);
    return {
      ...baseResult(embeddingProjectionMethod, model, sample, params, started, 0),
      tables: [
        {
          name: 'Original Token → Similar Tokens',
          description: `Nearest input-embedding rows by cosine similarity (the token itself excluded), top ${params.topK}.`,
          columns: ['Position', 'Original Token', 'Similar Tokens'],
          rows: tokens.map((t, i) => ({ Position: i, 'Original Token': t.text, 'Similar Tokens': neighbours[i]!.map((n) => `${n.text} (${n.cosine.toFixed(4)})`).join(', ') })),
        },
      ],
      charts: [
        {
          name: `PCA of the first ${shown} prompt tokens and their neighbours`,
          kind: 'scatter',
          description: 'Standardised features, PCA (largest-magnitude loading positive per axis); each token and its neighbours share a colour.',
          data: {
            points: tokens.slice(0, shown).flatMap((t, i) => [
              { x: tokCoords[i]![0]!, y: tokCoords[i]![1] ?? 0, label: `${i}:${t.text}`, group: String(i) },
              ...neighbours[i]!.map((n, k) => ({ x: nbCoords[i]![k]![0]!, y: nbCoords[i]![k]![1] ?? 0, label: n.text, group: String(i) })),
            ]),
          },
        },
      ],
      raw: { tokens, neighbours, coordinates: { tokens: tokCoords, neighbours: nbCoords }, explainedVariance: explained },
    };
  },
} satisfies MethodDef<'EmbeddingProjection', 'prompt', EmbeddingProjectionParams>;
