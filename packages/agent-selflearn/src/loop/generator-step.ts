import { lastBlock } from '../parse/tags.js';

/** A PG completion's question and answer (undefined when missing). */
export interface GeneratedTask {
  question?: string;
  answer?: string;
}

/** The PG completion's last complete `<question>` and `<answer>` (spec §2.3 step 1; undefined when missing). */
export function parseGeneratorOutput(completion: string): GeneratedTask {
  return { question: lastBlock(completion, 'question'), answer: lastBlock(completion, 'answer') };
}

/**
 * Validity (spec §2.3 step 2): a question of at least 10 characters with a `?` among its last 5
 * characters, and an answer.
 */
export function isValidTask(task: GeneratedTask): boolean {
  const q = task.question;
  return q !== undefined && q.length >= 10 && q.slice(-5).includes('?') && task.answer !== undefined;
}

/** Pool filter (spec §2.3 step 7): reward > 0 (before format bonus), length > 20, last char `?`. */
export function keepForPool(question: string | undefined, reward: number): boolean {
  return question !== undefined && reward > 0 && question.length > 20 && question.endsWith('?');
}

/** An attempt with its GRM score, for `balancedGrmRows`. */
export interface JudgedAttempt<T = unknown> {
  score: number;
  item: T;
}

/**
 * Balanced GRM training rows from one question's judged attempts (spec §2.3 step 8): target = 0
 * if mean(s) > 0.5 else 1; minority = attempts scored `target`; if both minority and majority are
 * non-empty keep all minority attempts plus a seeded sample (without replacement) of as many
 * majority attempts; each row is labelled `correct` (s = 1) or `wrong`. 5/5 → 10 rows, 7/3 → 6,
 * 10/0 → 0. Order: minority first (in input order), then the sample in draw order.
 */
export function balancedGrmRows<T>(attempts: readonly JudgedAttempt<T>[], random: () => number): { item: T; label: 'correct' | 'wrong' }[] {
  if (attempts.length === 0) return [];
  const mu = attempts.reduce((a, b) => a + b.score, 0) / attempts.length;
  const target = mu > 0.5 ? 0 : 1;
  const minority = attempts.filter((a) => a.score === target);
  const majority = attempts.filter((a) => a.score !== target);
  if (minority.length === 0 || majority.length === 0) return [];
  const pool = [...majority];
  const sample: JudgedAttempt<T>[] = [];
  for (let i = 0; i < Math.min(minority.length, pool.length); i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    sample.push(pool[i]!);
  }
  return [...minority, ...sample].map((a) => ({ item: a.item, label: a.score >= 1 ? 'correct' : 'wrong' }));
}
