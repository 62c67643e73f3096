import { rougeLRecallMeanStrict } from '../text/rouge-pltrdy.js';
import { normalizeAnswer, squadF1 } from '../text/squad.js';

/** Scores a completion against reference answers, in [0, 1]. Errors propagate (the reward maps them to 0). */
export interface AnswerVerifier {
  readonly name: string;
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
