import * as z from 'zod';
import { ReasonkitError } from '@reasonkit/core';

/** One judged pairing on one dimension, both orders folded into `outcome` = S_a ∈ {0, 0.5, 1}. */
export const MatchRecordSchema = z.object({
  topic: z.string(),
  round: z.number().int().min(0),
  dim: z.string(),
  a: z.string(),
  b: z.string(),
  outcome: z.number().min(0).max(1),
  raw: z.tuple([z.string(), z.string()]).optional(),
});
/** One judged pairing in one dimension: topic, round, entrants, outcome for `a` (1, ½, 0) and the raw judge texts. */
export type MatchRecord = z.infer<typeof MatchRecordSchema>;

/** One line per record (JSONL), so tournaments resume and refit offline. */
export function matchLogToJsonl(log: readonly MatchRecord[]): string {
  return log.map((r) => JSON.stringify(r)).join('\n') + (log.length ? '\n' : '');
}

/** Parses a JSONL match log; a bad line throws naming its line number and field. */
export function matchLogFromJsonl(text: string, file = '<match log>'): MatchRecord[] {
  const out: MatchRecord[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (!line) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (cause) {
      throw new ReasonkitError('INVALID_ARGUMENT', `${file}:${i + 1}: not JSON`, { file, record: i + 1 }, { cause });
    }
    const r = MatchRecordSchema.safeParse(value);
    if (!r.success) {
      const issue = r.error.issues[0];
      const field = issue?.path.join('.') || '(root)';
      throw new ReasonkitError('INVALID_ARGUMENT', `${file}:${i + 1}: ${field}: ${issue?.message}`, { file, record: i + 1, field });
    }
    out.push(r.data);
  }
  return out;
}
