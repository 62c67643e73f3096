import { normalizeRow } from '../reward/normalize-row.js';
import type { RewardRow, RuleSolutionRow } from '../schemas/index.js';

/**
 * RULE/EasyR1 JSON rows `{prompt, solution}` (+ `mode` for MUSE-style `qa`/`completion` variants), spec §3.2.
 * Trainer flags: `data.prompt_key=prompt data.answer_key=solution worker.reward.score_function=forget_two_stage_abs_target`.
 */
export function easyR1Json(rows: readonly RewardRow[]): RuleSolutionRow[] {
  return rows.map((row, i) => {
    normalizeRow(row, row.id ?? i);
    const solution =
      row.label === 'refuse' ? ['<reject>', row.refusalExample ?? row.gold?.[0] ?? '', row.target] : ['<normal>', ...row.references];
    const out: RuleSolutionRow = { prompt: row.prompt, solution };
    if (row.variant === 'qa' || row.variant === 'completion') out.mode = row.variant;
    return out;
  });
}
