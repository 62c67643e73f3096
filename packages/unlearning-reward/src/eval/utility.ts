/**
 * General-utility metrics (`metrics.utility`): MMLU accuracy, BBH exact match, TriviaQA, TruthfulQA MC1/MC2 and fluency.
 *
 * @module
 */
import { mean } from '../stats/descriptive.js';
import { squadExactMatch, squadF1Max } from '../text/squad.js';
import { fluencyScore } from '../text/fluency.js';

/** MMLU accuracy: predicted choice index equals the answer. */
export const mmluAccuracy = (items: readonly { predicted: number; answer: number }[]): number => mean(items.map((i) => (i.predicted === i.answer ? 1 : 0)));

/** BBH exact match (SQuAD-normalised). */
export const bbhExactMatch = (items: readonly { output: string; answer: string }[]): number => mean(items.map((i) => squadExactMatch(i.output, [i.answer])));

/** TriviaQA EM and F1, max over aliases. */
export function triviaQa(items: readonly { output: string; answers: string[] }[]): { em: number; f1: number } {
  return { em: mean(items.map((i) => squadExactMatch(i.output, i.answers))), f1: mean(items.map((i) => squadF1Max(i.output, i.answers))) };
}

/** TruthfulQA MC1: best true choice beats best false choice by summed log-prob. */
export function truthfulMc1(items: readonly { logprobs: number[]; labels: number[] }[]): number {
  return mean(
    items.map(({ logprobs, labels }) => {
      const t = Math.max(...logprobs.filter((_, i) => labels[i] === 1));
      const f = Math.max(...logprobs.filter((_, i) => labels[i] !== 1));
      return t > f ? 1 : 0;
    }),
  );
}

/** TruthfulQA MC2: normalised probability mass on true choices. */
export function truthfulMc2(items: readonly { logprobs: number[]; labels: number[] }[]): number {
  return mean(
    items.map(({ logprobs, labels }) => {
      const p = logprobs.map((l) => Math.exp(l));
      const t = p.filter((_, i) => labels[i] === 1).reduce((s, v) => s + v, 0);
      return t / p.reduce((s, v) => s + v, 0);
    }),
  );
}

/** RWKU fluency: mean entropy score over texts. */
export const fluency = (texts: readonly string[]): number => mean(texts.map((t) => fluencyScore(t).score));
