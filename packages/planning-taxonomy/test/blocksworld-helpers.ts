import { BLOCKSWORLD_DOMAIN } from '../src/bench/blocksworld-domain.js';
import { blocksworldProblemText } from '../src/bench/blocksworld-generator.js';
import { ground, parseDomain, parseProblem } from '../src/pddl/index.js';

export const bwDomain = parseDomain(BLOCKSWORLD_DOMAIN);

/** A Blocksworld task from towers (bottom → top) and goal [upper, lower] pairs. */
export function bwTask(towers: string[][], goal: [string, string][]) {
  const blocks = towers.flat().sort();
  const problem = parseProblem(blocksworldProblemText('t', blocks, towers, goal), bwDomain);
  return { problem, task: ground(bwDomain, problem) };
}
