import type { Problem } from '../pddl/ast.js';
import { atomKey } from '../pddl/ast.js';
import type { PlanStep } from '../pddl/parse-plan.js';
import { llmAsPlanner } from './llm-as-planner.js';
import type { LlmAsPlannerOptions } from './llm-as-planner.js';
import type { PlanningStrategy } from './presets-common.js';

/** A solved example kept in memory for few-shot prompts. */
export interface MemoryEntry {
  id: string;
  problem: Problem;
  plan: PlanStep[] | { name: string; args: string[] }[];
}

/** Tagged atoms `init:(on a b)` / `goal:(on a b)` for similarity. */
export function taggedAtoms(p: Problem): Set<string> {
  return new Set([...p.init.map((a) => `init:${atomKey(a)}`), ...p.goal.map((l) => `goal:${l.negated ? 'not' : ''}${atomKey(l.atom)}`)]);
}

/** Jaccard similarity of two sets (|a ∩ b| / |a ∪ b|). */
export function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? 1 : inter / union;
}

/** The k most similar solved entries (default Jaccard over tagged atoms; ties by id — ours). */
export function retrieve(store: MemoryEntry[], query: Problem, k: number, similarity: (a: Problem, b: Problem) => number = (a, b) => jaccard(taggedAtoms(a), taggedAtoms(b))): MemoryEntry[] {
  return store
    .map((e) => ({ e, s: similarity(e.problem, query) }))
    .sort((x, y) => y.s - x.s || (x.e.id < y.e.id ? -1 : x.e.id > y.e.id ? 1 : 0))
    .slice(0, k)
    .map((x) => x.e);
}

/** Memory-enhanced few-shot: the k most similar solved pairs become the prompt's examples. */
export function memoryFewShot(options: { store: MemoryEntry[]; k?: number; similarity?: (a: Problem, b: Problem) => number } & LlmAsPlannerOptions): PlanningStrategy {
  const base = llmAsPlanner(options);
  return async (inst, lm, ro) => {
    const examples = retrieve(options.store.filter((e) => e.id !== inst.id), inst.problem, options.k ?? 4, options.similarity);
    const r = await base({ ...inst, examples }, lm, ro);
    return { ...r, trace: { ...(r.trace as object), memoryIds: examples.map((e) => e.id) } };
  };
}
