import type { GroundTask } from '../pddl/ground.js';
import { apply, isApplicable, stateKey } from '../pddl/state.js';
import type { State } from '../pddl/state.js';

/** Number of states reachable from the initial state (exhaustive BFS; for small tasks). */
export function countReachableStates(task: GroundTask, maxStates = 1_000_000): number {
  const seen = new Set<string>([stateKey(task.init)]);
  const queue: State[] = [task.init];
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head]!;
    for (const a of task.actions) {
      if (!isApplicable(s, a)) continue;
      const t = apply(s, a);
      const k = stateKey(t);
      if (seen.has(k)) continue;
      seen.add(k);
      queue.push(t);
      if (seen.size > maxStates) return seen.size;
    }
  }
  return seen.size;
}
