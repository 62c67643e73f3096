import type { Rng } from '../random/rng.js';
import { createRng, shuffle } from '../random/rng.js';
import { solveGame24 } from './game24.js';

/**
 * Every solvable Game-of-24 puzzle with numbers 1–13 (multisets of 4, ascending, in
 * lexicographic order), found by the exact solver: 1,362 of the 1,820 multisets. ToT's `24.csv`
 * has the same 1,362 puzzles ordered by human solving time (4nums.com); that ordering is not
 * available offline, so indices 900–999 of *this* list are not ToT's test set (use
 * `parseGame24Csv` on the real file, then `totGame24TestSet`).
 */
export function game24Puzzles(options: { min?: number; max?: number } = {}): number[][] {
  const lo = options.min ?? 1;
  const hi = options.max ?? 13;
  const key = `${lo}-${hi}`;
  const hit = memo.get(key);
  if (hit) return hit.map((p) => [...p]);
  const out: number[][] = [];
  for (let a = lo; a <= hi; a++)
    for (let b = a; b <= hi; b++)
      for (let c = b; c <= hi; c++)
        for (let d = c; d <= hi; d++) {
          const p = [a, b, c, d];
          if (solveGame24(p) !== null) out.push(p);
        }
  memo.set(key, out);
  return out.map((p) => [...p]);
}
const memo = new Map<string, number[][]>();

/** `count` solvable puzzles drawn without replacement by a seeded shuffle (deterministic). */
export function sampleGame24Puzzles(count: number, seed: number | Rng = 0): number[][] {
  const rng = typeof seed === 'number' ? createRng(seed) : seed;
  return shuffle(game24Puzzles(), rng).slice(0, count);
}

/**
 * Parses ToT's `24.csv` (header `Rank,Puzzles,AMT (s),Solved rate,…`; a puzzle is written
 * `1 1 4 6`), in file order. Rows that do not hold four integers are reported, not dropped.
 */
export function parseGame24Csv(text: string): { puzzles: number[][]; badRows: number[] } {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0]?.split(',').map((h) => h.trim().toLowerCase()) ?? [];
  const col = Math.max(0, header.indexOf('puzzles'));
  const puzzles: number[][] = [];
  const badRows: number[] = [];
  lines.slice(1).forEach((l, k) => {
    const cell = l.split(',')[col] ?? '';
    const nums = cell.trim().split(/\s+/).map(Number);
    if (nums.length !== 4 || nums.some((x) => !Number.isInteger(x))) badRows.push(k + 2);
    else puzzles.push(nums);
  });
  return { puzzles, badRows };
}

/** ToT's Game-of-24 test set: rows 900–999 (0-based, end exclusive 1000) of `24.csv` (reference code). */
export const TOT_GAME24_RANGE = { start: 900, end: 1000 } as const;
/** ToT's Game-of-24 test set (rows `TOT_GAME24_RANGE`) of the puzzles. */
export const totGame24TestSet = (puzzles: readonly number[][]) => puzzles.slice(TOT_GAME24_RANGE.start, TOT_GAME24_RANGE.end);
