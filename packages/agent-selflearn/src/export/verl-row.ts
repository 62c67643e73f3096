import * as z from 'zod';
import { AslError } from '../errors/asl-error.js';

export type ExportDialect = 'verl-tool' | 'asl' | 'search-r1';

/** One verl RL row (spec §9.2). `search-r1` rows carry `ground_truth: {target: string[]}`. */
export const VerlRowSchema = z.object({
  data_source: z.string().min(1),
  prompt: z.array(z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() })).min(1),
  ability: z.string().default('fact-reasoning'),
  reward_model: z.object({
    style: z.enum(['meta', 'rule', 'gen_rm']),
    ground_truth: z.union([z.string(), z.object({ target: z.array(z.string()) })]),
  }),
  extra_info: z.object({
    split: z.string().default('train'),
    index: z.number().int().min(0),
    run_id: z.string(),
    round: z.number().int().min(1),
    phase: z.enum(['generate', 'verify', 'solve']),
    task_id: z.string(),
    need_tools_kwargs: z.boolean().default(true),
  }),
  agent_name: z.string().default('tool_agent'),
  env_name: z.string().default('Retrieval'),
});
export type VerlRow = z.input<typeof VerlRowSchema>;
export type ResolvedVerlRow = z.output<typeof VerlRowSchema>;

/** Validates one row; the error names the row index and field (e.g. `row 3: prompt: …`). */
export function validateVerlRow(row: unknown, index: number, dialect: ExportDialect): ResolvedVerlRow {
  const parsed = VerlRowSchema.safeParse(row);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || '(root)';
    throw new AslError('export', `verl export row ${index}: ${field}: ${issue.message}`, { record: index, field });
  }
  const gt = parsed.data.reward_model.ground_truth;
  if (dialect === 'search-r1' && typeof gt === 'string') {
    return { ...parsed.data, reward_model: { style: 'rule', ground_truth: { target: [gt] } } };
  }
  if (dialect !== 'search-r1' && typeof gt !== 'string') {
    throw new AslError('export', `verl export row ${index}: reward_model.ground_truth: the ${dialect} dialect needs a string`, { record: index, field: 'reward_model.ground_truth' });
  }
  return dialect === 'asl' ? { ...parsed.data, data_source: 'asl' } : parsed.data;
}
