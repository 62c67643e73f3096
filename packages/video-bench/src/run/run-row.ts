import { z } from 'zod';
import { sha256Hex } from '../records/parse-records.js';

const LETTER = z.enum(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L']);

/** What identifies a run's configuration (spec §6.3); its hash guards resume. */
export const RunConfigSchema = z.object({
  /** The model's id (`openai-compatible:<name>` for core's client). */
  model: z.string(),
  mode: z.enum(['direct', 'cot']),
  /** Frames per request. */
  k: z.number().int().positive(),
  /** Prompt preset name with version, or `custom`, plus options format and user template. */
  prompt: z.object({ mode: z.enum(['direct', 'cot']), preset: z.string(), optionsFormat: z.enum(['python-repr', 'lines']), template: z.string().optional() }),
  /** The frame decoder's id. */
  decoder: z.string(),
  maxSide: z.number().int().optional(),
  imageDetail: z.enum(['auto', 'low', 'high']).optional(),
  /** Request parameters sent (empty = none, as the reference). */
  params: z.object({ temperature: z.number().optional(), maxTokens: z.number().int().optional(), seed: z.number().int().optional() }),
});
export type RunConfig = z.infer<typeof RunConfigSchema>;

/** First line of a results file. */
export const RunHeaderSchema = z.object({
  kind: z.literal('header'),
  configHash: z.string(),
  config: RunConfigSchema,
  packageVersion: z.string(),
  startedAt: z.string(),
});
export type RunHeader = z.infer<typeof RunHeaderSchema>;

/** One result line (spec §6.2). */
export const RunRowSchema = z.object({
  id: z.string().min(1),
  question_idx: z.number().int().optional(),
  video: z.string(),
  mode: z.enum(['direct', 'cot']),
  k: z.number().int().positive(),
  frameCount: z.number().int().optional(),
  countMethod: z.enum(['packets', 'decoded', 'metadata']).optional(),
  indices: z.array(z.number().int()).optional(),
  request: z.object({ model: z.string(), params: z.record(z.string(), z.unknown()) }),
  response: z
    .object({
      text: z.string(),
      finishReason: z.string(),
      usage: z.object({ input: z.number(), output: z.number() }).optional(),
      latencyMs: z.number(),
    })
    .optional(),
  extraction: z.object({ stageA: LETTER.nullable(), final: LETTER.nullable(), strict: LETTER.nullable(), step: z.string().nullable() }),
  correctLetter: LETTER,
  correct: z.boolean(),
  correctStrict: z.boolean(),
  status: z.enum(['ok', 'error']),
  error: z.object({ code: z.string(), message: z.string(), attempts: z.number().int().optional() }).optional(),
});
export type RunRow = z.infer<typeof RunRowSchema>;

/** JSON with object keys sorted at every level (stable across key order). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** `sha256:<hex>` of the canonical JSON of a run configuration. */
export async function configHash(config: RunConfig): Promise<string> {
  return `sha256:${await sha256Hex(canonicalJson(RunConfigSchema.parse(config)))}`;
}

/** Result rows as `scoreRun` takes them: the raw response and the status. */
export function toResultRows(rows: Iterable<RunRow>): { id: string; response: string | null; status: 'ok' | 'error' }[] {
  return [...rows].map((r) => ({ id: r.id, response: r.response?.text ?? null, status: r.status }));
}
