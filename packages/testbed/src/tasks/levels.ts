import { createPrng, deriveSeed, type Prng } from '../random/prng.js';
import { MAX_OPERAND_DIGITS, type Operation, type Problem } from './problem.js';

/** A difficulty level: one operation and one operand width. */
export interface LevelSpec {
  /** 1-based, in order of difficulty. */
  readonly level: number;
  readonly id: string;
  readonly op: Operation;
  /** Digits of each operand (multiplication: of the multiplicand; the multiplier has one digit). */
  readonly digits: number;
  readonly description: string;
}

/**
 * The evaluation levels (our choice): addition of two k-digit numbers for k = 1…5, then 5-digit
 * subtraction with a 5-digit difference, then a 5-digit number times a digit in 2…9 (the hardest).
 */
export const LEVELS: readonly LevelSpec[] = [
  { level: 1, id: 'add-1', op: 'add', digits: 1, description: '1-digit addition' },
  { level: 2, id: 'add-2', op: 'add', digits: 2, description: '2-digit addition' },
  { level: 3, id: 'add-3', op: 'add', digits: 3, description: '3-digit addition' },
  { level: 4, id: 'add-4', op: 'add', digits: 4, description: '4-digit addition' },
  { level: 5, id: 'add-5', op: 'add', digits: 5, description: '5-digit addition' },
  { level: 6, id: 'sub-5', op: 'sub', digits: 5, description: '5-digit subtraction' },
  { level: 7, id: 'mul-5', op: 'mul', digits: 5, description: '5-digit by 1-digit multiplication' },
];

/** The levels the shipped model is trained and evaluated on: addition, 1…5 digits (the last is the hardest). */
export const MODEL_LEVELS: readonly LevelSpec[] = LEVELS.filter((l) => l.op === 'add');

/** A uniform number with exactly `digits` digits (1 digit: 0…9). */
export function randomNumber(prng: Prng, digits: number): number {
  if (digits <= 1) return prng.int(0, 9);
  return prng.int(10 ** (digits - 1), 10 ** digits - 1);
}

function digitCount(n: number): number {
  return String(n).length;
}

/**
 * One problem of a given operation and width.
 * - add: two numbers of exactly `digits` digits;
 * - sub: two numbers of exactly `digits` digits whose difference also has `digits` digits
 *   (1 digit: a ≥ b), so the column result has no leading zero;
 * - mul: a `digits`-digit number times a digit in 2…9.
 * `bDigits` (add, sub) gives the second operand another width (sub: at most `digits`).
 */
export function generateProblem(prng: Prng, op: Operation, digits: number, bDigits = digits): Problem {
  if (digits < 1 || digits > MAX_OPERAND_DIGITS || bDigits < 1 || bDigits > MAX_OPERAND_DIGITS) {
    throw new RangeError(`digits must be in 1…${MAX_OPERAND_DIGITS} (got ${digits}, ${bDigits})`);
  }
  switch (op) {
    case 'add':
      return { op, a: randomNumber(prng, digits), b: randomNumber(prng, bDigits) };
    case 'mul':
      return { op, a: randomNumber(prng, digits), b: prng.int(2, 9) };
    case 'sub':
      for (;;) {
        const a = randomNumber(prng, digits);
        const b = randomNumber(prng, Math.min(bDigits, digits));
        if (a >= b && (digits === 1 || digitCount(a - b) === digits)) return { op, a, b };
      }
  }
}

/** `count` problems of a level from `seed` (each level has its own stream). */
export function generateLevelProblems(level: LevelSpec, count: number, seed: number): Problem[] {
  const prng = createPrng(deriveSeed(seed, `level:${level.id}`));
  return Array.from({ length: count }, () => generateProblem(prng, level.op, level.digits));
}

/** Looks a level up by number or id. */
export function findLevel(key: number | string): LevelSpec | undefined {
  return LEVELS.find((l) => l.level === key || l.id === key);
}
