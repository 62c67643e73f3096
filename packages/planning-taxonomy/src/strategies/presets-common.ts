import type { Domain, Problem } from '../pddl/ast.js';
import type { PlanStep } from '../pddl/parse-plan.js';
import type { DomainVerbalizer } from '../bench/verbalizer.js';
import type { ValidationReport } from '../validate/validate-plan.js';
import type { PlanningLM } from './planning-lm.js';
import type { Usage } from './search-core.js';

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

export type PlanningStrategy = (instance: PlanningInstance, lm: PlanningLM, options?: { signal?: AbortSignal }) => Promise<StrategyResult>;

export function addUsage(u: Usage, r: { usage: { promptTokens: number; completionTokens: number } }): void {
  u.llmCalls++;
  u.promptTokens += r.usage.promptTokens;
  u.completionTokens += r.usage.completionTokens;
}
