import { ReasonkitError } from '@reasonkit/core';
import type { Rng } from '../random/rng.js';
import { createRng, shuffle } from '../random/rng.js';
import { BLOCK_NAMES } from './blocksworld-domain.js';

/** Towers, each bottom → top. */
export type Towers = string[][];

const countCache: bigint[] = [1n];
function binom(n: number, k: number): bigint {
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
  return r;
}
function fact(n: number): bigint {
  let r = 1n;
  for (let i = 2; i <= n; i++) r *= BigInt(i);
  return r;
}

/** a(n) = number of hand-empty Blocksworld states of n blocks (OEIS A000262), as BigInt. */
export function blocksworldStateCount(n: number): bigint {
  for (let m = countCache.length; m <= n; m++) {
    let s = 0n;
    for (let k = 1; k <= m; k++) s += binom(m - 1, k - 1) * fact(k) * countCache[m - k]!;
    countCache[m] = s;
  }
  return countCache[n]!;
}

/** Draws a uniform hand-empty state over `blocks` (spec §5.6). */
export function sampleTowers(blocks: readonly string[], rng: Rng): Towers {
  const towers: Towers = [];
  let rest = blocks.slice();
  while (rest.length) {
    const n = rest.length;
    const total = blocksworldStateCount(n);
    // Uniform BigInt in [0, total) from 53-bit draws.
    let r = 0n;
    const draws = Math.ceil(total.toString(2).length / 30) + 1;
    for (let i = 0; i < draws; i++) r = (r << 30n) | BigInt(rng.int(1 << 30));
    r %= total;
    let k = 1;
    for (; k <= n; k++) {
      const w = binom(n - 1, k - 1) * fact(k) * blocksworldStateCount(n - k);
      if (r < w) break;
      r -= w;
    }
    const first = rest[0]!;
    const others = shuffle(rest.slice(1), rng).slice(0, k - 1);
    const tower = shuffle([first, ...others], rng);
    towers.push(tower);
    const used = new Set(tower);
    rest = rest.filter((b) => !used.has(b));
  }
  return towers;
}

export function towersKey(t: Towers): string {
  return t
    .map((x) => x.join(''))
    .sort()
    .join('|');
}

export interface GeneratedInstance {
  id: string;
  blocks: string[];
  init: Towers;
  /** Goal `on` atoms as [upper, lower]. */
  goal: [string, string][];
  pddl: string;
}

function onAtoms(t: Towers): [string, string][] {
  const out: [string, string][] = [];
  for (const tower of t) for (let i = 1; i < tower.length; i++) out.push([tower[i]!, tower[i - 1]!]);
  return out;
}

/** PDDL problem text for towers + goal, in PlanBench's layout. */
export function blocksworldProblemText(name: string, blocks: string[], init: Towers, goal: [string, string][]): string {
  const atoms: string[] = ['(handempty)'];
  for (const tower of init) {
    atoms.push(`(ontable ${tower[0]})`);
    for (let i = 1; i < tower.length; i++) atoms.push(`(on ${tower[i]} ${tower[i - 1]})`);
    atoms.push(`(clear ${tower[tower.length - 1]})`);
  }
  return `(define (problem ${name})\n(:domain blocksworld-4ops)\n(:objects ${blocks.join(' ')} )\n(:init\n${atoms.join('\n')}\n)\n(:goal\n(and\n${goal.map(([a, b]) => `(on ${a} ${b})`).join('\n')}\n)\n)\n)\n`;
}

/**
 * A seeded Blocksworld instance: a uniform hand-empty initial state; a goal of 1–4 `on` atoms
 * of a second uniform state, none true initially (spec §5.6, our generator).
 */
export function generateBlocksworldInstance(n: number, rng: Rng, id = `gen-${n}`): GeneratedInstance {
  if (!Number.isInteger(n) || n < 2 || n > BLOCK_NAMES.length) {
    throw new ReasonkitError('INVALID_ARGUMENT', `generateBlocksworldInstance: n must be an integer in 2..${BLOCK_NAMES.length}, got ${n}`, { field: 'n' });
  }
  const blocks = BLOCK_NAMES.slice(0, n);
  const init = sampleTowers(blocks, rng);
  const initOn = new Set(onAtoms(init).map((x) => x.join(' ')));
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const target = sampleTowers(blocks, rng);
    const cand = shuffle(onAtoms(target).filter((x) => !initOn.has(x.join(' '))), rng);
    if (cand.length === 0) continue;
    const k = 1 + rng.int(Math.min(4, cand.length));
    const goal = cand.slice(0, k);
    return { id, blocks, init, goal, pddl: blocksworldProblemText(id, blocks, init, goal) };
  }
  throw new ReasonkitError('INVALID_ARGUMENT', `generateBlocksworldInstance: could not draw a goal for n=${n}`, { field: 'n' });
}

/** `count` instances from one seed. */
export function generateBlocksworldInstances(count: number, options: { seed: number; minBlocks: number; maxBlocks: number }): GeneratedInstance[] {
  const rng = createRng(options.seed);
  const out: GeneratedInstance[] = [];
  for (let i = 0; i < count; i++) {
    const n = options.minBlocks + rng.int(options.maxBlocks - options.minBlocks + 1);
    out.push(generateBlocksworldInstance(n, rng, `gen-${options.seed}-${i + 1}`));
  }
  return out;
}
