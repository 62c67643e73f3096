import { describe, expect, it } from 'vitest';
import { BLOCKSWORLD_DOMAIN } from '../bench/blocksworld-domain.js';
import { generateBlocksworldInstances } from '../bench/blocksworld-generator.js';
import { bfs } from '../search/index.js';
import { ground, parseDomain, parseProblem } from './index.js';
import { reachesGoal } from './state.js';

describe('reachesGoal', () => {
  const domain = parseDomain(BLOCKSWORLD_DOMAIN);
  it('accepts an optimal plan and rejects a truncated, a reordered and an inapplicable one', () => {
    for (const g of generateBlocksworldInstances(10, { seed: 3, minBlocks: 3, maxBlocks: 4 })) {
      const task = ground(domain, parseProblem(g.pddl, domain));
      const r = bfs(task);
      if (r.status !== 'solved' || r.plan.length < 2) continue;
      expect(reachesGoal(task, r.plan)).toBe(true);
      expect(reachesGoal(task, r.plan.slice(0, -1))).toBe(false); // optimal, so the prefix misses the goal
      expect(reachesGoal(task, [...r.plan].reverse())).toBe(false); // the last action is not applicable first
    }
  });
});
