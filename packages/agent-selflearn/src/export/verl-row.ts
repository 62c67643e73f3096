import * as z from 'zod';
import { AslError } from '../errors/asl-error.js';

/** verl row dialect: `verl-tool` (ours), `asl` (the ASL fork), `search-r1` (ground truth as `{target}`). */
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
    /** verl `SearchTool` create kwargs (spec §9.1–9.2). Default: filled from the row (ground truth, last user turn, data source). */
    tools_kwargs: z
      .object({
        search: z.object({
          create_kwargs: z.object({
            ground_truth: z.union([z.string(), z.object({ target: z.array(z.string()) })]),
            question: z.string(),
            data_source: z.string(),
          }),
        }),
      })
      .optional(),
  }),
  agent_name: z.string().default('tool_agent'),
  env_name: z.string().default('Retrieval'),
});
/** A verl RL row as callers write it (defaults optional). */
export type VerlRow = z.input<typeof VerlRowSchema>;
/** A validated verl RL row, dialect applied and `extra_info.tools_kwargs` filled. */
export type ResolvedVerlRow = z.output<typeof VerlRowSchema> & { extra_info: { tools_kwargs: NonNullable<z.output<typeof VerlRowSchema>['extra_info']['tools_kwargs']> } };

/** Validates one row; the error names the row index and field (e.g. `row 3: prompt: …`). */
export function validateVerlRow(row: unknown, index: number, dialect: ExportDialect): ResolvedVerlRow {
  const parsed = VerlRowSchema.safeParse(row);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || '(root)';
    throw new AslError('export', `verl export row ${index}: ${field}: ${issue.message}`, { record: index, field });
  }
  const gt = parsed.data.reward_model.ground_truth;
  if (dialect !== 'search-r1' && typeof gt !== 'string') {
    throw new AslError('export', `verl export row ${index}: reward_model.ground_truth: the ${dialect} dialect needs a string`, { record: index, field: 'reward_model.ground_truth' });
  }
  const out =
    dialect === 'search-r1' && typeof gt === 'string'
      ? { ...parsed.data, reward_model: { style: 'rule' as const, ground_truth: { target: [gt] } } }
      : dialect === 'asl'
        ? { ...parsed.data, data_source: 'asl' }
        : parsed.data;
  const question = [...out.prompt].reverse().find((m) => m.role === 'user')?.content ?? '';
  const tools_kwargs = out.extra_info.tools_kwargs ?? { search: { create_kwargs: { ground_truth: out.reward_model.ground_truth, question, data_source: out.data_source } } };
  // one parquet schema per dialect: the tool's ground truth takes the reward model's shape
  const ck = tools_kwargs.search.create_kwargs;
  if (dialect === 'search-r1' && typeof ck.ground_truth === 'string') ck.ground_truth = { target: [ck.ground_truth] };
  if (dialect !== 'search-r1' && typeof ck.ground_truth !== 'string') {
    throw new AslError('export', `verl export row ${index}: extra_info.tools_kwargs.search.create_kwargs.ground_truth: the ${dialect} dialect needs a string`, { record: index, field: 'extra_info.tools_kwargs.search.create_kwargs.ground_truth' });
  }
  return { ...out, extra_info: { ...out.extra_info, tools_kwargs } };
}
