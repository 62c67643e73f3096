import { mulberry32, throwIfAborted, type TextModel } from '@reasonkit/core';
import { AslError } from '../errors/asl-error.js';
import { stableId } from '../rollout/stable-id.js';
import type { VerifyRow } from './store.js';

/** A labelled QA row (FlashRAG / Search-R1 shape: `golden_answers[0]` is the reference answer). */
export interface QaRow {
  question: string;
  golden_answers: readonly string[];
}

/** A real verification row (spec §2.5): a candidate answer with its true label. */
export interface RealVerifyRow {
  question: string;
  candidate: string;
  label: 'conclusion: correct' | 'conclusion: wrong';
  split: 'train' | 'test';
}

/** Options of `buildRealVerificationRows`. */
export interface RealVerificationOptions {
  /** Writes the wrong answers (reference: GPT-4o-mini, temperature 0, up to 1,024 tokens). */
  wrongAnswerModel: TextModel;
  /** Share of the QA rows sampled for each of the correct and wrong halves. Default 0.01 (reference). */
  sampleRate?: number;
  /** Sampling seed. Default 37 (reference); our PRNG, so the sampled questions differ from the reference's. */
  seed?: number;
  /** Shuffle seed before the split. Default 42 (reference). */
  shuffleSeed?: number;
  /** Share of rows in the `test` split. Default 0.1 (reference: 90/10). */
  testShare?: number;
  signal?: AbortSignal;
}

/** The two kinds of wrong answer the reference asks for, chosen at random per row. */
export const WRONG_ANSWER_KINDS = ['nearly correct but wrong', 'factual error'] as const;

/** Our wording of the wrong-answer request (the reference's purpose, not its text). */
export function wrongAnswerPrompt(question: string, answer: string, kind: (typeof WRONG_ANSWER_KINDS)[number]): string {
  const how = kind === 'nearly correct but wrong' ? 'that looks nearly correct but is wrong (a close but different entity, date or number)' : 'that contains a clear factual error';
  return `Question: ${question}\nCorrect answer: ${answer}\n\nWrite a short answer to the question ${how}. Reply with the answer only.`;
}

function sample<T>(items: readonly T[], k: number, random: () => number): T[] {
  const idx = items.map((_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (idx.length - i));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx.slice(0, k).map((i) => items[i]!);
}

/**
 * Real verification data for the GRM (spec §2.5, ref `data/meta/generate_verify.py`): sample
 * `sampleRate` of the QA rows twice (seed 37; one sample for correct rows, one for wrong rows);
 * correct rows pair the question with `golden_answers[0]`; wrong rows ask `wrongAnswerModel`
 * (temperature 0, ≤ 1,024 tokens) for a "nearly correct but wrong" or "factual error" answer
 * (chosen at random); labels are `conclusion: correct` / `conclusion: wrong`; rows are shuffled
 * (seed 42) and split 90/10 into train/test. Rows without a question or golden answer throw naming the row.
 */
export async function buildRealVerificationRows(qa: readonly QaRow[], o: RealVerificationOptions): Promise<RealVerifyRow[]> {
  const rate = o.sampleRate ?? 0.01;
  const testShare = o.testShare ?? 0.1;
  if (!(rate > 0 && rate <= 1)) throw new AslError('config', `buildRealVerificationRows: sampleRate must be in (0, 1], got ${rate}`, { field: 'sampleRate', actual: rate });
  if (!(testShare >= 0 && testShare < 1)) throw new AslError('config', `buildRealVerificationRows: testShare must be in [0, 1), got ${testShare}`, { field: 'testShare', actual: testShare });
  qa.forEach((r, i) => {
    if (typeof r.question !== 'string' || r.question.trim() === '') throw new AslError('config', `real verification QA row ${i}: question: missing`, { record: i, field: 'question' });
    if (!Array.isArray(r.golden_answers) || typeof r.golden_answers[0] !== 'string') throw new AslError('config', `real verification QA row ${i}: golden_answers: needs at least one string`, { record: i, field: 'golden_answers' });
  });
  const k = Math.max(1, Math.round(rate * qa.length));
  const random = mulberry32(o.seed ?? 37);
  const correct = sample(qa, Math.min(k, qa.length), random);
  const wrongSrc = sample(qa, Math.min(k, qa.length), random);
  const rows: Omit<RealVerifyRow, 'split'>[] = correct.map((r) => ({ question: r.question, candidate: r.golden_answers[0]!, label: 'conclusion: correct' as const }));
  for (const r of wrongSrc) {
    throwIfAborted(o.signal, 'real verification');
    const kind = WRONG_ANSWER_KINDS[random() < 0.5 ? 0 : 1];
    const res = await o.wrongAnswerModel.generate({
      messages: [{ role: 'user', content: wrongAnswerPrompt(r.question, r.golden_answers[0]!, kind) }],
      temperature: 0,
      maxTokens: 1024,
      ...(o.signal ? { signal: o.signal } : {}),
    });
    rows.push({ question: r.question, candidate: res.text.trim(), label: 'conclusion: wrong' });
  }
  const shuffled = sample(rows, rows.length, mulberry32(o.shuffleSeed ?? 42));
  const nTrain = Math.round(shuffled.length * (1 - testShare));
  return shuffled.map((r, i) => ({ ...r, split: i < nTrain ? 'train' : 'test' }));
}

/** Stored form of a real row for round `round` (stable id from the content, so replays write the same row). */
export function realVerifyRow(row: Pick<RealVerifyRow, 'question' | 'candidate' | 'label'>, round: number, index: number): VerifyRow {
  return { id: stableId('real', round, index, row.question, row.candidate, row.label), round, question: row.question, candidate: row.candidate, label: row.label, labelSource: 'real' };
}

/**
 * The GRM batch of one verify step when real data is injected (spec §11 `injectRealVerification`):
 * the first round(ratio · batch) positions take real rows, the rest self-labelled rows, each list
 * cycled by step; ratio 1 (or no self rows) = real rows only, as the reference's commented-out
 * branch. Pure and deterministic, so a resumed step gets the same batch.
 */
export function mixVerifyBatch<T>(self: readonly T[], real: readonly T[], step: number, batch: number, ratio: number): T[] {
  if (real.length === 0) return Array.from({ length: batch }, (_, j) => self[(step * batch + j) % self.length]!);
  const nReal = self.length === 0 ? batch : Math.round(ratio * batch);
  const nSelf = batch - nReal;
  return Array.from({ length: batch }, (_, j) => (j < nReal ? real[(step * nReal + j) % real.length]! : self[(step * nSelf + j - nReal) % self.length]!));
}
