import * as z from 'zod';
import type { ChatMessage, TextModel } from '@reasonkit/core';
import { lastBlock } from '../parse/tags.js';
import { parseVerdict } from '../reward/parse-verdict.js';
import { grmReward, policyReward } from '../reward/role-rewards.js';
import { runEpisode, type RolloutConfig } from '../rollout/run-episode.js';
import { stableId } from '../rollout/stable-id.js';
import type { ToolEnv } from '../rollout/tool-env.js';
import { NO_ANSWER, POLICY_SYSTEM, grmUserPrompt } from './prompts.js';
import { isValidTask, parseGeneratorOutput } from './generator-step.js';
import { generatorReward } from '../reward/generator-reward.js';

/** verl's batch reward call (`reward_manager=batch`), as our reward service receives it (spec §9.3). */
export const ScoreRequestSchema = z.object({
  data_sources: z.array(z.string()),
  solution_strs: z.array(z.string()),
  ground_truths: z.array(z.union([z.string(), z.object({ target: z.array(z.string()) })])),
  extra_infos: z.array(z.record(z.string(), z.unknown()).nullable()),
});
/** A validated verl batch reward call. */
export type ScoreBatch = z.infer<typeof ScoreRequestSchema>;

/** Dependencies and settings of `scoreVerlRow` / `serveRewards`. */
export interface ScoreDeps {
  /** The judge (the current checkpoint; a `ChunkStaleJudge` pins it per training chunk). */
  judge: TextModel;
  /** The policy for the PG reward's attempts. Default: `judge` (ASL: one model plays every role). */
  policy?: TextModel;
  /** PG (`generate` row) reward settings; defaults from the reference code (spec §2.3). */
  generate?: { attempts?: number; selfChecks?: number; threshold?: number; kind?: 'entropy' | 'absolute-zero' | 'r-zero-asl' | 'r-zero' };
  env: ToolEnv;
  rollout?: RolloutConfig;
  grm?: { mode?: 'binary' | 'binary_with_answer' | 'binary_uncertain' | 'ranking'; parse?: 'strict' | 'asl'; match?: 'exact-token' | 'asl-subem' };
  signal?: AbortSignal;
}

/** The score of one row, with the parts that produced it. */
export interface RowScore {
  score: number;
  role: 'generate' | 'verify' | 'solve';
  /** `solve`: the GRM verdict. */
  verdict?: number;
  /** `generate`: the difficulty term before gating (e.g. the verdict entropy). */
  difficulty?: number;
  /** `generate`: the self-check gate zeroed the reward. */
  gated?: boolean;
}

/**
 * Scores one verl row as the in-process loop does: `verify` rows (GRM) by `grmReward` of the
 * completion's last `<answer>` against the label; `solve` rows (Policy) by a GRM judge episode
 * on (extra_info.question, the completion's answer) → `policyReward`. The judge's seed hashes the
 * question and answer, so the score does not depend on batch position. `generate` rows (PG) run
 * the PG step for the completion's question: validity, `attempts` (10) policy episodes, one GRM
 * verdict each, `selfChecks` (5) GRM checks of the generator's own answer, then `generatorReward`
 * (entropy with the 0.8 gate by default); attempt a / check c use seeds hashed from the question,
 * answer and index. Format bonus not included.
 */
export async function scoreVerlRow(dataSource: string, solution: string, groundTruth: string | { target: string[] }, extra: Record<string, unknown> | null, deps: ScoreDeps): Promise<RowScore> {
  const phase = typeof extra?.phase === 'string' ? extra.phase : dataSource.split('/').at(-1);
  const label = typeof groundTruth === 'string' ? groundTruth : (groundTruth.target[0] ?? '');
  if (phase === 'verify') {
    const grmAnswer = lastBlock(solution, 'answer');
    return { role: 'verify', score: grmReward({ ...(grmAnswer !== undefined ? { grmAnswer } : {}), label, match: deps.grm?.match ?? 'exact-token' }) };
  }
  if (phase === 'generate') return scoreGeneratorRow(solution, deps);
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

const judgePrompt = (question: string, answer: string): ChatMessage[] => [
  { role: 'system', content: POLICY_SYSTEM },
  { role: 'user', content: grmUserPrompt(question, answer) },
];

async function scoreGeneratorRow(solution: string, deps: ScoreDeps): Promise<RowScore> {
  const g = { attempts: 10, selfChecks: 5, threshold: 0.8, kind: 'entropy' as const, ...deps.generate };
  const task = parseGeneratorOutput(solution);
  const valid = isValidTask(task);
  if (!valid) {
    const r = generatorReward({ valid, attemptScores: [], verifyThreshold: g.threshold, kind: g.kind });
    return { role: 'generate', score: r.reward, difficulty: r.difficulty, gated: r.gated };
  }
  const q = task.question!;
  const own = task.answer!;
  const base = parseInt(stableId('pg', q, own).slice(0, 7), 16);
  const grm = deps.grm ?? {};
  const verdict = async (question: string, answer: string, seed: number) => {
    const t = await runEpisode(deps.judge, deps.env, judgePrompt(question, answer), { ...deps.rollout, seed }, { role: 'judge', signal: deps.signal });
    return parseVerdict(t.finalText, grm.mode ?? 'binary', { parse: grm.parse ?? 'strict' }).score;
  };
  const [attempts, checks] = await Promise.all([
    Promise.all(
      Array.from({ length: g.attempts }, async (_, a) => {
        const at = await runEpisode(deps.policy ?? deps.judge, deps.env, [{ role: 'system', content: POLICY_SYSTEM }, { role: 'user', content: q }], { ...deps.rollout, seed: base + a }, { role: 'attempt', sampleIdx: a, signal: deps.signal });
        return { answer: at.answer, score: await verdict(q, at.answer ?? NO_ANSWER, base + a) };
      }),
    ),
    Promise.all(Array.from({ length: g.selfChecks }, (_, c) => verdict(q, own, base + 1000 + c))),
  ]);
  const r = generatorReward({
    valid, attemptScores: attempts.map((a) => a.score), attemptAnswers: attempts.map((a) => a.answer ?? ''),
    ...(g.selfChecks > 0 ? { selfCheckScores: checks } : {}), verifyThreshold: g.threshold, kind: g.kind,
  });
  return { role: 'generate', score: r.reward, difficulty: r.difficulty, gated: r.gated };
}
