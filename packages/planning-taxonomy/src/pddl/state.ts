import type { GroundAction, GroundTask } from './ground.js';

/** A state is a bitset over `GroundTask.facts`. These helpers never mutate their inputs. */
export type State = Uint32Array;

/** True when fact `f` holds in state `s`. */
export function has(s: State, f: number): boolean {
  return (s[f >>> 5]! & (1 << (f & 31))) !== 0;
}

/** True when ground action `a`'s preconditions hold in `s`. */
export function isApplicable(s: State, a: GroundAction): boolean {
  for (const f of a.pre) if (!has(s, f)) return false;
  for (const f of a.preNeg) if (has(s, f)) return false;
  return true;
}

/** s' = (s \ del) ∪ add — delete before add, as VAL. */
export function apply(s: State, a: GroundAction): State {
  const t = s.slice();
  for (const f of a.del) t[f >>> 5]! &= ~(1 << (f & 31));
  for (const f of a.add) t[f >>> 5]! |= 1 << (f & 31);
  return t;
}

/** True when `s` satisfies the task's goal. */
export function isGoal(task: GroundTask, s: State): boolean {
  if (task.goalImpossible) return false;
  for (const f of task.goalPos) if (!has(s, f)) return false;
  for (const f of task.goalNeg) if (has(s, f)) return false;
  return true;
}

/** A compact string key for hashing a state. */
export function stateKey(s: State): string {
  let k = '';
  for (let i = 0; i < s.length; i++) {
    const w = s[i]!;
    k += String.fromCharCode(w & 0xffff, w >>> 16);
  }
  return k;
}

/** Facts true in `s`, as text, in fact-id order. */
export function stateAtoms(task: GroundTask, s: State): string[] {
  const out: string[] = [];
  for (let f = 0; f < task.facts.length; f++) if (has(s, f)) out.push(task.facts[f]!);
  return out;
}

/** Ground actions applicable in `s`, in grounding order. */
export function applicableActions(task: GroundTask, s: State): GroundAction[] {
  return applicableIds(task, s).map((id) => task.actions[id]!);
}

const indexCache = new WeakMap<GroundTask, { byPre: number[][]; noPre: number[] }>();

/**
 * Ids of the actions applicable in `s`, ascending (= grounding order). Uses an index from each
 * action's first positive precondition, so only actions whose first precondition holds are
 * tested (same result as scanning every action).
 */
export function applicableIds(task: GroundTask, s: State): number[] {
  let idx = indexCache.get(task);
  if (!idx) {
    const byPre: number[][] = Array.from({ length: task.facts.length }, () => []);
    const noPre: number[] = [];
    for (const a of task.actions) {
      if (a.pre.length === 0) noPre.push(a.id);
      else byPre[a.pre[0]!]!.push(a.id);
    }
    idx = { byPre, noPre };
    indexCache.set(task, idx);
  }
  const out: number[] = [];
  for (const id of idx.noPre) if (isApplicable(s, task.actions[id]!)) out.push(id);
  for (let w = 0; w < s.length; w++) {
    let bits = s[w]!;
    while (bits !== 0) {
      const low = bits & -bits;
      const f = (w << 5) + (31 - Math.clz32(low));
      bits ^= low;
      const list = idx.byPre[f];
      if (!list) continue;
      for (let i = 0; i < list.length; i++) {
        const id = list[i]!;
        if (isApplicable(s, task.actions[id]!)) out.push(id);
      }
    }
  }
  if (out.length > 1) out.sort((a, b) => a - b);
  return out;
}

/** True when `actions` execute from `task.init` (each applicable in turn) and end in a goal state. */
export function reachesGoal(task: GroundTask, actions: readonly GroundAction[]): boolean {
  let s = task.init;
  for (const a of actions) {
    if (!isApplicable(s, a)) return false;
    s = apply(s, a);
  }
  return isGoal(task, s);
}
