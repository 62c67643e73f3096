import { generateObject, type TextModel } from '@reasonkit/core';
import { z } from 'zod';
import { cacheKey } from '../refusal/cache-key.js';
import { rougeLPltrdy, rougeLRecallMeanStrict } from '../text/rouge-pltrdy.js';
import { rougeLScoreStyle } from '../text/rouge-score-style.js';
import { normalizeAnswer, squadF1 } from '../text/squad.js';

/** Scores a completion against reference answers, in [0, 1]. Errors propagate (the reward maps them to 0). */
export interface AnswerVerifier {
  readonly name: string;
  /** True when `score` returns a Promise (reward functions then have no `scoreSync`). */
  readonly async?: boolean;
  /** Scores how well `completion` matches the references (0..1). */
  score(completion: string, references: readonly string[]): number | Promise<number>;
}

/** RULE's verifier: pltrdy ROUGE-L recall, mean over references (spec §5). Throws `RougeEmptyError` like Python. */
export const pltrdyRecallVerifier: AnswerVerifier = { name: 'rouge-l-recall-pltrdy', score: rougeLRecallMeanStrict };

/** Exact match after SQuAD normalisation, max over references. */
export const exactMatchVerifier: AnswerVerifier = {
  name: 'exact-match',
  score: (c, refs) => (refs.some((r) => normalizeAnswer(r) === normalizeAnswer(c)) ? 1 : 0),
};

/** SQuAD token F1, max over references. */
export const tokenF1Verifier: AnswerVerifier = { name: 'token-f1', score: (c, refs) => Math.max(0, ...refs.map((r) => squadF1(c, r))) };

/** 1 when any reference occurs in the completion (case-insensitive substring after SQuAD normalisation). */
export const containsAnyVerifier: AnswerVerifier = {
  name: 'contains-any',
  score: (c, refs) => {
    const nc = ` ${normalizeAnswer(c)} `;
    return refs.some((r) => normalizeAnswer(r).length > 0 && nc.includes(` ${normalizeAnswer(r)} `)) ? 1 : 0;
  },
};

/** ROUGE-L as a verifier with a chosen implementation (`pltrdy` = RULE; `rouge-score` = MUSE/TOFU style) and statistic. */
export function rougeLVerifier(o: { impl?: 'pltrdy' | 'rouge-score'; stat?: 'r' | 'p' | 'f'; stem?: (w: string) => string } = {}): AnswerVerifier {
  const impl = o.impl ?? 'pltrdy';
  const stat = o.stat ?? 'r';
  return {
    name: `rouge-l-${stat}-${impl}`,
    score: (c, refs) => {
      if (impl === 'pltrdy' && stat === 'r') return rougeLRecallMeanStrict(c, refs);
      let s = 0;
      for (const r of refs) s += (impl === 'pltrdy' ? rougeLPltrdy(c, r) : rougeLScoreStyle(c, r, { stem: o.stem }))[stat];
      return s / refs.length;
    },
  };
}

/** zod schema of a `LlmAnswerJudge`: validates it and applies its defaults. */
export const LlmAnswerJudgeSchema = z.object({ correct: z.boolean(), confidence: z.number().min(0).max(1) });

/** An LLM judge as verifier: 1 when it says the completion answers correctly per the references (cached). */
export function llmJudgeAnswerVerifier(o: { model: TextModel; cache?: Map<string, number>; signal?: AbortSignal }): AnswerVerifier {
  const cache = o.cache ?? new Map<string, number>();
  return {
    name: `llm-judge-answer:${o.model.id}`,
    async: true,
    async score(c, refs) {
      const prompt = `Does the response give the same answer as one of the references? Ignore wording and formatting.\nReferences:\n${refs.map((r) => `- ${r}`).join('\n')}\nResponse: ${c}\nAnswer with JSON only: {"correct": true|false, "confidence": number between 0 and 1}`;
      const key = cacheKey(o.model.id, prompt);
      const hit = cache.get(key);
      if (hit !== undefined) return hit;
      const r = await generateObject(o.model, LlmAnswerJudgeSchema, { messages: [{ role: 'user', content: prompt }], temperature: 0, signal: o.signal });
      const v = r.object.correct ? 1 : 0;
      cache.set(key, v);
      return v;
    },
  };
}
