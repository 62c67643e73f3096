import { type CausalLM, generate, ReasonkitError, type Tokenizer } from '@reasonkit/core';
import { z } from 'zod';
import { checkAnswer } from '../tasks/check-answer.js';
import { promptFor, type PromptMode } from '../tasks/format.js';
import { generateLevelProblems, MODEL_LEVELS, type LevelSpec } from '../tasks/levels.js';
import { countCarries, type Problem } from '../tasks/problem.js';

/** Id of EOS in the testbed vocabulary (llama2.c layout). */
export const TESTBED_EOS_ID = 2;

/** One row of the accuracy table (the `eval --json` contract). */
export interface LevelResult {
  level: number;
  description: string;
  /** Share of problems answered exactly with Thinking. */
  think_acc: number;
  /** Share answered exactly with NoThinking. */
  nothink_acc: number;
  /** Mean generated tokens per problem with Thinking (EOS included). */
  think_tokens: number;
  /** Mean generated tokens per problem with NoThinking (EOS included). */
  nothink_tokens: number;
  /**
   * NoThinking accuracy by the problem's number of column carries ({@link countCarries}): how
   * NoThinking success varies within a level. Keys are carry counts.
   */
  nothink_by_carries?: Record<string, { problems: number; nothink_acc: number }>;
}

export const EvaluateOptionsSchema = z.object({
  /** Problems per level. */
  problems: z.number().int().positive(),
  /** Seed of the held-out problems (each level has its own stream). */
  seed: z.number().int(),
  /** Default: {@link MODEL_LEVELS} (our choice). */
  levels: z.array(z.custom<LevelSpec>((v) => typeof v === 'object' && v !== null)).optional(),
  /** Generation budget with Thinking; the longest trace (5 digits) is 165 tokens. Default 200 (our choice). */
  maxThinkTokens: z.number().int().positive().default(200),
  /** Generation budget with NoThinking. Default 12 (our choice). */
  maxAnswerTokens: z.number().int().positive().default(12),
  signal: z.custom<AbortSignal>((v) => typeof v === 'object' && v !== null).optional(),
  onProgress: z.custom<(p: { level: number; done: number; total: number }) => void>((v) => typeof v === 'function').optional(),
});
export type EvaluateOptions = z.input<typeof EvaluateOptionsSchema>;

/** Greedy completion of one problem in one mode; returns the text and the generated token count. */
export async function solveWithModel(
  lm: CausalLM,
  tokenizer: Tokenizer,
  problem: Problem,
  mode: PromptMode,
  options: { maxNewTokens: number; signal?: AbortSignal },
): Promise<{ text: string; tokens: number; correct: boolean }> {
  const inputIds = tokenizer.encode(promptFor(problem, mode), { bos: true });
  const result = await generate(lm, {
    inputIds,
    maxNewTokens: options.maxNewTokens,
    temperature: 0,
    eosTokenIds: [TESTBED_EOS_ID],
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const body = result.ids[result.ids.length - 1] === TESTBED_EOS_ID ? result.ids.slice(0, -1) : result.ids;
  const text = tokenizer.decode(body);
  return { text, tokens: result.ids.length, correct: result.finishReason !== 'length' && checkAnswer(problem, text) };
}

/**
 * Evaluates a model on freshly generated held-out problems, per level, in both modes, with
 * greedy decoding; answers are checked exactly ({@link checkAnswer}).
 */
export async function evaluateModel(lm: CausalLM, tokenizer: Tokenizer, options: EvaluateOptions): Promise<LevelResult[]> {
  const parsed = EvaluateOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
    throw new ReasonkitError('INVALID_ARGUMENT', `evaluateModel options.${field}: ${issue.message}`, { field });
  }
  const o = parsed.data;
  const rows: LevelResult[] = [];
  for (const level of o.levels ?? MODEL_LEVELS) {
    const problems = generateLevelProblems(level, o.problems, o.seed);
    const acc = { thinking: 0, 'no-thinking': 0 };
    const tokens = { thinking: 0, 'no-thinking': 0 };
    const byCarries = new Map<number, { problems: number; correct: number }>();
    for (const [i, p] of problems.entries()) {
      for (const mode of ['thinking', 'no-thinking'] as const) {
        const r = await solveWithModel(lm, tokenizer, p, mode, {
          maxNewTokens: mode === 'thinking' ? o.maxThinkTokens : o.maxAnswerTokens,
          ...(o.signal ? { signal: o.signal } : {}),
        });
        acc[mode] += r.correct ? 1 : 0;
        tokens[mode] += r.tokens;
        if (mode === 'no-thinking') {
          const k = countCarries(p);
          const cell = byCarries.get(k) ?? { problems: 0, correct: 0 };
          cell.problems += 1;
          cell.correct += r.correct ? 1 : 0;
          byCarries.set(k, cell);
        }
      }
      o.onProgress?.({ level: level.level, done: i + 1, total: problems.length });
    }
    const n = problems.length;
    rows.push({
      level: level.level,
      description: level.description,
      think_acc: acc.thinking / n,
      nothink_acc: acc['no-thinking'] / n,
      think_tokens: tokens.thinking / n,
      nothink_tokens: tokens['no-thinking'] / n,
      nothink_by_carries: Object.fromEntries(
        [...byCarries.entries()].sort((x, y) => x[0] - y[0]).map(([k, c]) => [String(k), { problems: c.problems, nothink_acc: c.correct / c.problems }]),
      ),
    });
  }
  return rows;
}

/** The accuracy table as Markdown (percentages, one decimal). */
export function formatTable(rows: readonly LevelResult[]): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const lines = [
    '| Level | Problems | Thinking acc. | NoThinking acc. | Gap (points) | Thinking tokens | NoThinking tokens |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.level} | ${r.description} | ${pct(r.think_acc)} | ${pct(r.nothink_acc)} | ${(100 * (r.think_acc - r.nothink_acc)).toFixed(1)} | ${r.think_tokens.toFixed(1)} | ${r.nothink_tokens.toFixed(1)} |`,
    );
  }
  return lines.join('\n');
}
