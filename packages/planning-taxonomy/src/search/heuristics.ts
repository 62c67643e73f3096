import type { GroundTask } from '../pddl/ground.js';
import { has } from '../pddl/state.js';
import type { State } from '../pddl/state.js';
import { MinHeap } from './min-heap.js';

/** Name of a classical-planning heuristic. */
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

function csr(lists: number[][]): { start: Int32Array; data: Int32Array } {
  const start = new Int32Array(lists.length + 1);
  for (let i = 0; i < lists.length; i++) start[i + 1] = start[i]! + lists[i]!.length;
  const data = new Int32Array(start[lists.length]!);
  for (let i = 0; i < lists.length; i++) data.set(lists[i]!, start[i]!);
  return { start, data };
}

function createRelaxed(task: GroundTask, name: 'hmax' | 'hadd' | 'hff'): Heuristic {
  const nf = task.facts.length;
  const na = task.actions.length;
  const users: number[][] = Array.from({ length: nf }, () => []);
  const achievers: number[][] = Array.from({ length: nf }, () => []);
  const noPre: number[] = [];
  for (const a of task.actions) {
    for (const p of a.pre) users[p]!.push(a.id);
    for (const q of a.add) achievers[q]!.push(a.id); // grounding order
    if (a.pre.length === 0) noPre.push(a.id);
  }
  const U = csr(users);
  const ACH = csr(achievers);
  const ADD = csr(task.actions.map((a) => a.add));
  const PRE = csr(task.actions.map((a) => a.pre));
  const aCost = Float64Array.from(task.actions, (a) => a.cost);
  const preLen = Int32Array.from(task.actions, (a) => a.pre.length);
  const useMax = name === 'hmax';
  const cost = new Float64Array(nf);
  const popped = new Uint8Array(nf);
  const counter = new Int32Array(na);
  const acc = new Float64Array(na);
  const isGoal = new Uint8Array(nf);
  for (const g of task.goalPos) isGoal[g] = 1;
  const goals = [...new Set(task.goalPos)];
  // Integer action costs (always, without :action-costs) use a bucket queue; otherwise a heap.
  const integral = task.actions.every((a) => Number.isInteger(a.cost) && a.cost >= 0);
  const buckets: number[][] = [];
  const heap = new MinHeap();
  let maxBucket = 0;
  const push = function push(f: number, c: number): void {
    if (integral) {
      let b = buckets[c];
      if (!b) buckets[c] = b = [];
      b.push(f);
      if (c > maxBucket) maxBucket = c;
    } else heap.push(f, c);
  };
  const fire = function fire(aid: number): void {
    const c = aCost[aid]! + acc[aid]!;
    for (let i = ADD.start[aid]!, e = ADD.start[aid + 1]!; i < e; i++) {
      const q = ADD.data[i]!;
      if (c < cost[q]!) {
        cost[q] = c;
        push(q, c);
      }
    }
  };
  let goalsLeft = 0;
  /** Settles fact f; returns true when every goal is settled. */
  const visit = function visit(f: number): boolean {
    popped[f] = 1;
    if (isGoal[f] && cost[f]! > 0 && --goalsLeft === 0) return true;
    const c = cost[f]!;
    for (let i = U.start[f]!, e = U.start[f + 1]!; i < e; i++) {
      const aid = U.data[i]!;
      if (useMax) {
        if (c > acc[aid]!) acc[aid] = c;
      } else acc[aid] = acc[aid]! + c;
      if (--counter[aid]! === 0) fire(aid);
    }
    return false;
  };

  const explore = function explore(s: State): boolean {
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
  const stack = new Int32Array(nf + 1);
  const planActs: number[] = [];
  const markedFacts: number[] = [];
  return function hff(s: State): number {
    if (!explore(s)) return Infinity;
    // Reset only what the previous call touched.
    for (const a of planActs) inPlan[a] = 0;
    for (const f of markedFacts) marked[f] = 0;
    planActs.length = 0;
    markedFacts.length = 0;
    // Facts are marked when pushed, so each is pushed once and the stack never exceeds nf.
    let sp = 0;
    for (const g of goals) {
      if (cost[g]! > 0 && !marked[g]) {
        marked[g] = 1;
        markedFacts.push(g);
        stack[sp++] = g;
      }
    }
    let h = 0;
    while (sp > 0) {
      const f = stack[--sp]!;
      let best = -1;
      const cf = cost[f]!;
      for (let i = ACH.start[f]!, e = ACH.start[f + 1]!; i < e; i++) {
        const aid = ACH.data[i]!;
        if (counter[aid] === 0 && aCost[aid]! + acc[aid]! === cf) {
          best = aid;
          break;
        }
      }
      if (best < 0) return Infinity;
      if (!inPlan[best]) {
        inPlan[best] = 1;
        planActs.push(best);
        h += aCost[best]!;
        for (let i = PRE.start[best]!, e = PRE.start[best + 1]!; i < e; i++) {
          const p = PRE.data[i]!;
          if (cost[p]! > 0 && !marked[p]) {
            marked[p] = 1;
            markedFacts.push(p);
            stack[sp++] = p;
          }
        }
      }
    }
    return h;
  };
}
