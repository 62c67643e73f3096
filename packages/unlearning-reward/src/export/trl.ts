import { z } from 'zod';
import { normalizeRow } from '../reward/normalize-row.js';
import type { RewardRow } from '../schemas/index.js';

/** A TRL GRPO dataset row: conversational `prompt`; extra columns reach reward functions as keyword arguments. */
export const TrlRowSchema = z.object({
  prompt: z.array(z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() })).min(1),
  label: z.enum(['refuse', 'answer']),
  references: z.array(z.string()),
  target: z.string(),
});
/** Parsed value of `TrlRowSchema` (defaults applied). */
export type TrlRow = z.infer<typeof TrlRowSchema>;

/** TRL rows; refuse rows keep `references` = [refusal example] if any; `target` is "" on answer rows. */
export function trlRows(rows: readonly RewardRow[], o: { systemPrompt?: string } = {}): TrlRow[] {
  return rows.map((row, i) => {
    normalizeRow(row, row.id ?? i);
    return {
      prompt: [...(o.systemPrompt ? [{ role: 'system' as const, content: o.systemPrompt }] : []), { role: 'user' as const, content: row.prompt }],
      label: row.label,
      references: row.label === 'answer' ? row.references : row.refusalExample ? [row.refusalExample] : [],
      target: row.label === 'refuse' ? row.target : '',
    };
  });
}

/** JSON Lines text of TRL rows. */
export const trlJsonl = (rows: readonly RewardRow[], o: { systemPrompt?: string } = {}): string => trlRows(rows, o).map((r) => JSON.stringify(r)).join('\n') + '\n';

/** RS SFT rows (LLaMA-Factory alpaca or chat `messages`). */
export function sftRows(rows: readonly { instruction: string; output: string }[], o: { format?: 'alpaca' | 'messages' } = {}) {
  return rows.map((r) => (o.format === 'messages' ? { messages: [{ role: 'user', content: r.instruction }, { role: 'assistant', content: r.output }] } : { instruction: r.instruction, input: '', output: r.output }));
}
