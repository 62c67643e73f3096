import { createPrng, deriveSeed, type Prng } from '../random/prng.js';
import { generateProblem, LEVELS, type LevelSpec } from '../tasks/levels.js';
import { problemText, type Problem } from '../tasks/problem.js';
import { answerFromState, isTerminal, nextState, renderStateLine, solve, type ColumnState } from '../tasks/solution.js';

/** The injected error kinds (PRMBench `classification` values of this set). */
export const PRM_ERROR_KINDS = ['wrong_carry', 'wrong_digit', 'skipped_step', 'wrong_final_transcription'] as const;
export type PrmErrorKind = (typeof PRM_ERROR_KINDS)[number];

/** A record in the PRMBench format (spec prm-bench §2.2). Indices are 1-based. */
export interface PrmBenchRecord {
  original_question: string;
  modified_question: string;
  question: string;
  original_process: string[];
  modified_process: string[];
  modified_steps: number[];
  error_steps: number[];
  reason: string;
  idx: string;
  classification: PrmErrorKind;
}

/** A record plus the problem it came from (not part of the PRMBench format). */
export interface SyntheticPrmItem {
  readonly record: PrmBenchRecord;
  readonly problem: Problem;
  readonly level: LevelSpec;
}

function otherDigit(prng: Prng, d: number, lo = 0): number {
  for (;;) {
    const x = prng.int(lo, 9);
    if (x !== d) return x;
  }
}

/** A multiplication carry (0…8) different from `c`. */
function otherCarry(prng: Prng, c: number): number {
  for (;;) {
    const x = prng.int(0, 8);
    if (x !== c) return x;
  }
}

/** Runs the column method on from `s` (at most 8 more lines; a sub borrow past the end stops). */
function continueFrom(op: Problem['op'], s: ColumnState): ColumnState[] {
  const out: ColumnState[] = [];
  let cur = s;
  while (!isTerminal(op, cur) && out.length < 8) {
    if (op === 'sub' && cur.a === '' && cur.b === '') break;
    cur = nextState(op, cur);
    out.push(cur);
  }
  return out;
}

/** The erroneous step list for `kind`, and the 0-based index of the injected step. */
function inject(prng: Prng, p: Problem, kind: PrmErrorKind): { steps: string[]; at: number; reason: string } {
  const sol = solve(p);
  const n = sol.states.length - 1; // number of column lines (≥ 1)
  const render = (s: ColumnState) => renderStateLine(p.op, s);
  if (kind === 'wrong_final_transcription') {
    const ans = sol.answer;
    const pos = prng.int(0, ans.length - 1);
    const wrong = otherDigit(prng, Number(ans[pos]), pos === 0 && ans.length > 1 ? 1 : 0);
    const bad = ans.slice(0, pos) + String(wrong) + ans.slice(pos + 1);
    return {
      steps: [...sol.lines, bad],
      at: sol.lines.length,
      reason: `Final transcription error: the last line holds ${ans} but the answer is written as ${bad}.`,
    };
  }
  const i = prng.int(1, n); // the column line that goes wrong
  if (kind === 'skipped_step') {
    const steps = [...sol.lines.slice(0, i), ...sol.lines.slice(i + 1), sol.answer];
    return {
      steps,
      at: i, // the line after the gap, or the answer when the last line is skipped
      reason: `Skipped step: column ${i} is never written; the solution jumps from line ${i} to line ${i + 2} of the method.`,
    };
  }
  const good = sol.states[i]!;
  let badState: ColumnState;
  let reason: string;
  if (kind === 'wrong_carry') {
    const carry = p.op === 'mul' ? otherCarry(prng, good.carry) : 1 - good.carry;
    badState = { ...good, carry };
    reason = `Wrong carry at column ${i}: the carry is ${good.carry} but ${carry} is written; later steps follow from the error.`;
  } else {
    const d = Number(good.result[0]);
    const wrong = otherDigit(prng, d);
    badState = { ...good, result: `${wrong}${good.result.slice(1)}` };
    reason = `Wrong digit at column ${i}: the digit is ${d} but ${wrong} is written; later steps follow from the error.`;
  }
  const rest = continueFrom(p.op, badState);
  const last = rest[rest.length - 1] ?? badState;
  const steps = [...sol.lines.slice(0, i), render(badState), ...rest.map(render), answerFromState(last)];
  return { steps, at: i, reason };
}

export interface SyntheticPrmOptions {
  readonly seed: number;
  readonly count: number;
  /** Levels to draw problems from (uniformly); default all {@link LEVELS}. */
  readonly levels?: readonly LevelSpec[];
}

/**
 * A seeded synthetic PRM set: exact solutions with one injected error each, kinds in rotation
 * (wrong carry, wrong digit, skipped step, wrong final transcription). Labels: the injected step
 * and every step after it are errors (propagation, as PRMBench's `error_steps`), which is exactly
 * what {@link checkSteps} reports.
 */
export function buildSyntheticPrmSet(options: SyntheticPrmOptions): SyntheticPrmItem[] {
  const levels = options.levels ?? LEVELS;
  const prng = createPrng(deriveSeed(options.seed, 'prm'));
  const items: SyntheticPrmItem[] = [];
  for (let k = 0; k < options.count; k++) {
    const level = levels[prng.int(0, levels.length - 1)]!;
    const problem = generateProblem(prng, level.op, level.digits);
    const kind = PRM_ERROR_KINDS[k % PRM_ERROR_KINDS.length]!;
    const sol = solve(problem);
    const { steps, at, reason } = inject(prng, problem, kind);
    const q = `${problemText(problem)}=?`;
    items.push({
      problem,
      level,
      record: {
        original_question: q,
        modified_question: q,
        question: q,
        original_process: [...sol.steps],
        modified_process: steps,
        modified_steps: [at + 1],
        error_steps: Array.from({ length: steps.length - at }, (_, j) => at + 1 + j),
        reason,
        idx: `testbed-${level.id}#${k}`,
        classification: kind,
      },
    });
  }
  return items;
}

/** JSONL text of the records (one per line, trailing newline). */
export function toJsonl(records: readonly PrmBenchRecord[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + '\n';
}
