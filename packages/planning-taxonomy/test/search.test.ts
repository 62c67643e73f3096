import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bwDomain, bwTask } from './blocksworld-helpers.js';
import { ground, parseProblem } from '../src/pddl/index.js';
import { apply, isApplicable, isGoal, stateKey } from '../src/pddl/state.js';
import type { GroundTask } from '../src/pddl/ground.js';
import { createRng } from '../src/random/rng.js';
import { generateBlocksworldInstance } from '../src/bench/blocksworld-generator.js';
import { astar, bfs, countReachableStates, createHeuristic, gbfs, plan, wastar } from '../src/search/index.js';

const BLOCKS = 'abcdef'.split('');

describe('G1 — Blocksworld state space', () => {
  it.each([1, 2, 3, 4, 5, 6])('n=%i: reachable states from all-on-table and 2n+2n² ground actions', (n) => {
    const expected = [2, 5, 22, 125, 866, 7057][n - 1];
    const towers = BLOCKS.slice(0, n).map((b) => [b]);
    const goal: [string, string][] = n > 1 ? [['a', 'b']] : [];
    const { task } = bwTask(towers, goal);
    expect(task.actions.length).toBe(2 * n + 2 * n * n);
    expect(countReachableStates(task)).toBe(expected);
  });

  it('goal (on a a) with 3 blocks: BFS reports unsolvable after expanding exactly 22 states, though h_FF is finite', () => {
    const { task } = bwTask([['a'], ['b'], ['c']], [['a', 'a']]);
    expect(createHeuristic(task, 'hff')(task.init)).toBeLessThan(Infinity);
    const r = bfs(task);
    expect(r.status).toBe('unsolvable');
    expect(r.stats.expanded).toBe(22);
  });
});

describe('heuristic golden table (4-op, tie-free)', () => {
  const cases: [string, string[][], [string, string][], number, number, number, number, number][] = [
    ['Sussman', [['a', 'c'], ['b']], [['a', 'b'], ['b', 'c']], 6, 3, 5, 5, 2],
    ['Table → tower', [['a'], ['b'], ['c'], ['d']], [['a', 'b'], ['b', 'c'], ['c', 'd']], 6, 2, 6, 6, 3],
    ['Reverse tower', [['d', 'c', 'b', 'a']], [['d', 'c'], ['c', 'b'], ['b', 'a']], 8, 5, 15, 7, 3],
    ['Swap', [['b', 'a']], [['b', 'a']], 4, 3, 3, 3, 1],
  ];
  it.each(cases)('%s', (_n, towers, goal, hstar, hmax, hadd, hff, gc) => {
    const { task } = bwTask(towers, goal);
    expect(createHeuristic(task, 'hmax')(task.init)).toBe(hmax);
    expect(createHeuristic(task, 'hadd')(task.init)).toBe(hadd);
    expect(createHeuristic(task, 'hff')(task.init)).toBe(hff);
    expect(createHeuristic(task, 'goal-count')(task.init)).toBe(gc);
    const r = bfs(task);
    expect(r.status === 'solved' && r.plan.length).toBe(hstar);
    const a = astar(task, 'hmax');
    expect(a.status === 'solved' && a.cost).toBe(hstar);
  });
});

/** Naive optimal distance by exhaustive BFS over all states (reference for optimality). */
function naiveOptimal(task: GroundTask): number {
  const dist = new Map<string, number>([[stateKey(task.init), 0]]);
  let frontier = [task.init];
  for (let d = 0; frontier.length; d++) {
    const next = [];
    for (const s of frontier) {
      if (isGoal(task, s)) return d;
      for (const a of task.actions) {
        if (!isApplicable(s, a)) continue;
        const t = apply(s, a);
        const k = stateKey(t);
        if (!dist.has(k)) {
          dist.set(k, d + 1);
          next.push(t);
        }
      }
    }
    frontier = next;
  }
  return Infinity;
}

describe('planners on generated instances', () => {
  const rng = createRng(7);
  const insts = Array.from({ length: 40 }, (_, i) => generateBlocksworldInstance(3 + (i % 3), rng, `p${i}`));
  it('BFS and A*/h_max are optimal; GBFS and wA* plans execute to the goal; runs are deterministic', () => {
    for (const inst of insts) {
      const task = ground(bwDomain, parseProblem(inst.pddl, bwDomain));
      const opt = naiveOptimal(task);
      const b = bfs(task);
      const a = astar(task, 'hmax');
      expect(b.status === 'solved' && b.cost).toBe(opt);
      expect(a.status === 'solved' && a.cost).toBe(opt);
      for (const r of [gbfs(task, 'hff'), wastar(task, 'hff'), gbfs(task, 'hadd'), gbfs(task, 'goal-count')]) {
        expect(r.status).toBe('solved');
        if (r.status !== 'solved') continue;
        let s = task.init;
        for (const act of r.plan) {
          expect(isApplicable(s, act)).toBe(true);
          s = apply(s, act);
        }
        expect(isGoal(task, s)).toBe(true);
      }
      const again = gbfs(task, 'hff');
      expect(again.status === 'solved' && again.planText).toEqual((gbfs(task, 'hff') as { planText: string[] }).planText);
    }
  });

  it('h_max ≤ h* on random reachable states (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 39 }), fc.integer({ min: 0, max: 8 }), fc.integer(), (i, walk, seed) => {
        const task = ground(bwDomain, parseProblem(insts[i]!.pddl, bwDomain));
        const r = createRng(seed);
        let s = task.init;
        for (let k = 0; k < walk; k++) {
          const app = task.actions.filter((a) => isApplicable(s, a));
          s = apply(s, app[r.int(app.length)]!);
        }
        const hstar = naiveOptimal({ ...task, init: s });
        expect(createHeuristic(task, 'hmax')(s)).toBeLessThanOrEqual(hstar);
      }),
      { numRuns: 60, seed: 42 },
    );
  });
});

describe('limits and bad options', () => {
  const { task } = bwTask([['d', 'c', 'b', 'a']], [['d', 'c'], ['c', 'b'], ['b', 'a']]);
  it('returns a typed not-found-within-limits result', () => {
    const r = bfs(task, { maxExpansions: 3 });
    expect(r).toMatchObject({ status: 'limit', limit: 'expansions' });
    expect(astar(task, 'hmax', { maxStates: 5 })).toMatchObject({ status: 'limit', limit: 'states' });
    const ac = new AbortController();
    ac.abort();
    expect(gbfs(task, 'hff', { signal: ac.signal })).toMatchObject({ status: 'limit', limit: 'aborted' });
    expect(plan(task, { planner: 'wastar', timeoutMs: 0, maxExpansions: 0 })).toMatchObject({ status: 'limit' });
  });
  it('rejects negative maxExpansions with the field named', () => {
    expect(() => bfs(task, { maxExpansions: -1 })).toThrow(/maxExpansions:/);
    expect(() => plan(task, { planner: 'dfs' as never })).toThrow(/planner:/);
  });
});
