import * as z from 'zod';
import type { ChatMessage, TextModel } from '@reasonkit/core';
import { lastBlock } from '../parse/tags.js';
import { parseVerdict } from '../reward/parse-verdict.js';
import { grmReward, policyReward } from '../reward/role-rewards.js';
import { runEpisode, type RolloutConfig } from '../rollout/run-episode.js';
import { stableId } from '../rollout/stable-id.js';
import type { ToolEnv } from '../rollout/tool-env.js';
import { NO_ANSWER, POLICY_SYSTEM, grmUserPrompt } from './prompts.js';

/** verl's batch reward call (`reward_manager=batch`), as our reward service receives it (spec §9.3). */
export const ScoreRequestSchema = z.object({
  data_sources: z.array(z.string()),
  solution_strs: z.array(z.string()),
  ground_truths: z.array(z.union([z.string(), z.object({ target: z.array(z.string()) })])),
  extra_infos: z.array(z.record(z.string(), z.unknown()).nullable()),
});
export type ScoreBatch = z.infer<typeof ScoreRequestSchema>;

export interface ScoreDeps {
  /** The judge (the current checkpoint). */
  judge: TextModel;
  env: ToolEnv;
  rollout?: RolloutConfig;
  grm?: { mode?: 'binary' | 'binary_with_answer' | 'binary_uncertain' | 'ranking'; parse?: 'strict' | 'asl'; match?: 'exact-token' | 'asl-subem' };
  signal?: AbortSignal;
}

export interface RowScore {
  score: number;
  role: 'verify' | 'solve';
  verdict?: number;
}

/**
 * Scores one verl row as the in-process loop does: `verify` rows (GRM) by `grmReward` of the
 * completion's last `<answer>` against the label; `solve` rows (Policy) by a GRM judge episode
 * on (extra_info.question, the completion's answer) → `policyReward`. The judge's seed hashes the
 * question and answer, so the score does not depend on batch position. Format bonus not included.
 */
export async function scoreVerlRow(dataSource: string, solution: string, groundTruth: string | { target: string[] }, extra: Record<string, unknown> | null, deps: ScoreDeps): Promise<RowScore> {
  const phase = typeof extra?.phase === 'string' ? extra.phase : dataSource.split('/').at(-1);
  const label = typeof groundTruth === 'string' ? groundTruth : (groundTruth.target[0] ?? '');
  if (phase === 'verify') {
    const grmAnswer = lastBlock(solution, 'answer');
    return { role: 'verify', score: grmReward({ ...(grmAnswer !== undefined ? { grmAnswer } : {}), label, match: deps.grm?.match ?? 'exact-token' }) };
  }
  const question = typeof extra?.question === 'string' ? extra.question : '';
  const answer = lastBlock(solution, 'answer');
  if (answer === undefined) return { role: 'solve', score: 0 };
  const prompt: ChatMessage[] = [
    { role: 'system', content: POLICY_SYSTEM },
    { role: 'user', content: grmUserPrompt(question, answer ?? NO_ANSWER) },
  ];
  const seed = parseInt(stableId(question, answer).slice(0, 7), 16);
  const t = await runEpisode(deps.judge, deps.env, prompt, { ...deps.rollout, seed }, { role: 'judge', signal: deps.signal });
  const verdict = parseVerdict(t.finalText, deps.grm?.mode ?? 'binary', { parse: deps.grm?.parse ?? 'strict' });
  return { role: 'solve', score: policyReward({ source: 'grm', verdict, answer }), verdict: verdict.score };
}
