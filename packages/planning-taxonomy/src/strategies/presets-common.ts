import type { Domain, Problem } from '../pddl/ast.js';
import type { PlanStep } from '../pddl/parse-plan.js';
import type { DomainVerbalizer } from '../bench/verbalizer.js';
import type { ValidationReport } from '../validate/validate-plan.js';
import type { PlanningLM } from './planning-lm.js';
import type { Usage } from './search-core.js';

/** A planning instance: the domain and problem a strategy solves. */
export interface PlanningInstance {
  id: string;
  domain: Domain;
  problem: Problem;
  verbalizer: DomainVerbalizer;
  /** Solved examples for few-shot prompts (PlanBench t1 uses one). */
  examples?: { problem: Problem; plan: PlanStep[] | { name: string; args: string[] }[] }[];
  /** Optimal plan length when known. */
  optimalLength?: number;
  /** A gold plan (`(name args)` per step) when known; only used for step accuracy in reports. */
  goldPlan?: string[];
}

/** Result of a planning strategy: the plan, its validation and usage. */
export interface StrategyResult {
  plan: string[];
  raw: string[];
  report: ValidationReport;
  usage: Usage;
  fallbacks: string[];
  skippedLines: string[];
  /** Strategy-specific log (rounds, translation failures, search trace). */
  trace: unknown;
}

/** A planning strategy: solves an instance with a planning LM. */
export type PlanningStrategy = (instance: PlanningInstance, lm: PlanningLM, options?: { signal?: AbortSignal }) => Promise<StrategyResult>;

/**
 * Adds a `generate` response to `u`. One LLM call = one completion: a request for `n` samples of
 * `k` prompts is k·n calls (what `fromTextModel` sends), so `llmCalls` budgets mean the same
 * whatever the batching. Scoring counts one call per continuation (`countScoring`).
 */
export function addUsage(u: Usage, r: { texts: string[][]; usage: { promptTokens: number; completionTokens: number } }): void {
  for (const samples of r.texts) u.llmCalls += samples.length;
  u.promptTokens += r.usage.promptTokens;
  u.completionTokens += r.usage.completionTokens;
}

/** Counts a `loglikelihood` request: one LLM call per scored continuation (one `score()` each in `fromTextModel`). */
export function countScoring(u: Usage, continuations: number): void {
  u.llmCalls += continuations;
}
