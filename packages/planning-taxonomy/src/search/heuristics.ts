import type { GroundTask } from '../pddl/ground.js';
import { has } from '../pddl/state.js';
import type { State } from '../pddl/state.js';
import { MinHeap } from './min-heap.js';

export type HeuristicName = 'blind' | 'goal-count' | 'hmax' | 'hadd' | 'hff';

/** h(s); `Infinity` when a goal atom is relaxed-unreachable. */
export type Heuristic = (s: State) => number;

/**
 * Delete-relaxation heuristics (negative literals ignored, our choice):
 * c(p; s) = 0 if p ∈ s, else min over achievers a of [cost(a) + AGG_{q ∈ pre⁺(a)} c(q; s)];
 * h_max = max_g c(g) with AGG = max; h_add = Σ_g c(g) with AGG = Σ; h_FF = cost of the relaxed
 * plan extracted backwards through the h_add best supporters (ties: first in grounding order).
 * Costs are the actions' costs (1 without `:action-costs`).
 */
export function createHeuristic(task: GroundTask, name: HeuristicName): Heuristic {
  if (task.goalImpossible) return () => Infinity;
  if (name === 'blind') return (s) => (isGoalPos(task, s) ? 0 : minCost(task));
  if (name === 'goal-count') {
    return (s) => {
      let n = 0;
      for (const g of task.goalPos) if (!has(s, g)) n++;
      return n;
    };
  }
  return createRelaxed(task, name);
}

function minCost(task: GroundTask): number {
  let m = Infinity;
  for (const a of task.actions) m = Math.min(m, a.cost);
  return m === Infinity ? 0 : m;
}

function isGoalPos(task: GroundTask, s: State): boolean {
  for (const g of task.goalPos) if (!has(s, g)) return false;
  return true;
}

function createRelaxed(task: GroundTask, name: 'hmax' | 'hadd' | 'hff'): Heuristic {
  const nf = task.facts.length;
  const na = task.actions.length;
  const preOf: number[][] = Array.from({ length: nf }, () => []);
  const addOf: number[][] = Array.from({ length: nf }, () => []);
  const noPre: number[] = [];
  for (const a of task.actions) {
    for (const p of a.pre) preOf[p]!.push(a.id);
    for (const q of a.add) addOf[q]!.push(a.id);
    if (a.pre.length === 0) noPre.push(a.id);
  }
  const useMax = name === 'hmax';
  const cost = new Float64Array(nf);
  const popped = new Uint8Array(nf);
  const counter = new Int32Array(na);
  const acc = new Float64Array(na);
  const isGoal = new Uint8Array(nf);
  for (const g of task.goalPos) isGoal[g] = 1;
  const goals = [...new Set(task.goalPos)];

  const preLen = new Int32Array(na);
  for (const a of task.actions) preLen[a.id] = a.pre.length;
  // Integer action costs (always, without :action-costs) use a bucket queue; otherwise a heap.
  const integral = task.actions.every((a) => Number.isInteger(a.cost) && a.cost >= 0);
  const buckets: number[][] = [];
  const heap = new MinHeap();
  let maxBucket = 0;
  const push = (f: number, c: number) => {
    if (integral) {
      (buckets[c] ??= []).push(f);
      if (c > maxBucket) maxBucket = c;
    } else heap.push(f, c);
  };

  const actions = task.actions;
  const fire = (aid: number) => {
    const a = actions[aid]!;
    const c = a.cost + acc[aid]!;
    const add = a.add;
    for (let i = 0; i < add.length; i++) {
      const q = add[i]!;
      if (c < cost[q]!) {
        cost[q] = c;
        push(q, c);
      }
    }
  };
  let goalsLeft = 0;
  const visit = (f: number): boolean => {
    popped[f] = 1;
    if (isGoal[f] && cost[f]! > 0 && --goalsLeft === 0) return true;
    const c = cost[f]!;
    const users = preOf[f]!;
    for (let i = 0; i < users.length; i++) {
      const aid = users[i]!;
      if (useMax) {
        if (c > acc[aid]!) acc[aid] = c;
      } else acc[aid] = acc[aid]! + c;
      if (--counter[aid]! === 0) fire(aid);
    }
    return false;
  };

  const explore = (s: State): boolean => {
    cost.fill(Infinity);
    popped.fill(0);
    counter.set(preLen);
    acc.fill(0);
    for (let b = 0; b <= maxBucket; b++) if (buckets[b]) buckets[b]!.length = 0;
    maxBucket = 0;
    while (heap.size) heap.pop();
    for (let w = 0; w < s.length; w++) {
      let bits = s[w]!;
      while (bits !== 0) {
        const low = bits & -bits;
        const f = (w << 5) + (31 - Math.clz32(low));
        bits ^= low;
        if (f < nf) {
          cost[f] = 0;
          push(f, 0);
        }
      }
    }
    for (const aid of noPre) fire(aid);
    goalsLeft = 0;
    for (const g of goals) if (!has(s, g)) goalsLeft++;
    if (goalsLeft === 0) return true;
    if (integral) {
      for (let b = 0; b <= maxBucket; b++) {
        const bucket = buckets[b];
        if (!bucket) continue;
        for (let i = 0; i < bucket.length; i++) {
          const f = bucket[i]!;
          if (popped[f] || cost[f] !== b) continue;
          if (visit(f)) return true;
        }
      }
      return false;
    }
    for (;;) {
      const top = heap.pop();
      if (!top) return false;
      const f = top.value;
      if (popped[f] || top.k1 > cost[f]!) continue;
      if (visit(f)) return true;
    }
  };

  if (name === 'hmax' || name === 'hadd') {
    return (s) => {
      if (!explore(s)) return Infinity;
      let h = 0;
      for (const g of goals) h = useMax ? Math.max(h, cost[g]!) : h + cost[g]!;
      return h;
    };
  }
  const inPlan = new Uint8Array(na);
  const marked = new Uint8Array(nf);
  return (s) => {
    if (!explore(s)) return Infinity;
    inPlan.fill(0);
    marked.fill(0);
    const stack: number[] = [];
    for (const g of goals) if (cost[g]! > 0) stack.push(g);
    let h = 0;
    while (stack.length) {
      const f = stack.pop()!;
      if (marked[f]) continue;
      marked[f] = 1;
      let best = -1;
      for (const aid of addOf[f]!) {
        if (counter[aid] !== 0) continue;
        if (task.actions[aid]!.cost + acc[aid]! === cost[f]) {
          best = aid;
          break;
        }
      }
      if (best < 0) return Infinity;
      if (!inPlan[best]) {
        inPlan[best] = 1;
        h += task.actions[best]!.cost;
        for (const p of task.actions[best]!.pre) if (cost[p]! > 0 && !marked[p]) stack.push(p);
      }
    }
    return h;
  };
}
