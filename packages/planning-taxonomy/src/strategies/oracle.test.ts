import { describe, expect, it } from 'vitest';
import { bwDomain } from '../../test/blocksworld-helpers.js';
import { generateBlocksworldInstances } from '../bench/blocksworld-generator.js';
import { ground, parseProblem } from '../pddl/index.js';
import type { GroundAction } from '../pddl/ground.js';
import { reachesGoal } from '../pddl/state.js';
import type { State } from '../pddl/state.js';
import { bfs } from '../search/index.js';
import { beamSearch, greedySearch } from './beam-search.js';
import { mcts } from './mcts.js';
import { oracleSearchConfig, symbolicWorldModel } from './symbolic-world-model.js';
import type { SearchAlgorithm } from './search-core.js';

// 120 generated 4–5-block instances (the full 501-instance check runs in bench/run.ts).
const insts = generateBlocksworldInstances(120, { seed: 11, minBlocks: 4, maxBlocks: 5 }).map((g) => {
  const task = ground(bwDomain, parseProblem(g.pddl, bwDomain));
  const opt = bfs(task);
  return { task, optimal: opt.status === 'solved' ? opt.plan.length : 0 };
});

async function solvedCount(make: (depth: number) => SearchAlgorithm<State, GroundAction>, mode: 'beam' | 'mcts') {
  let solved = 0;
  for (const { task, optimal } of insts) {
    const r = await make(optimal).run(symbolicWorldModel(task), oracleSearchConfig(task, { mode }), task.init);
    if (reachesGoal(task, r.trace.actions)) solved++;
  }
  return solved;
}

describe('oracle strategies (depth limit = optimal length)', () => {
  it('greedy ≤ beam-5 ≤ beam-10 and MCTS-10 ≤ MCTS-20 (monotone in budget)', async () => {
    const greedy = await solvedCount((d) => greedySearch({ maxDepth: d }), 'beam');
    const b5 = await solvedCount((d) => beamSearch({ beamSize: 5, maxDepth: d }), 'beam');
    const b10 = await solvedCount((d) => beamSearch({ beamSize: 10, maxDepth: d }), 'beam');
    const m10 = await solvedCount((d) => mcts({ depthLimit: d, nIters: 10 }), 'mcts');
    const m20 = await solvedCount((d) => mcts({ depthLimit: d, nIters: 20 }), 'mcts');
    expect(greedy).toBeLessThanOrEqual(b5);
    expect(b5).toBeLessThanOrEqual(b10);
    expect(m10).toBeLessThanOrEqual(m20);
    // Scaled from the 501-instance targets (beam-10 ≥ 370/501, MCTS-20 ≥ 350/501): a loose floor.
    expect(b10).toBeGreaterThan(0.6 * insts.length);
    console.log({ greedy, b5, b10, m10, m20, n: insts.length });
  });
});
