import * as z from 'zod';
import { lazySchema } from '@reasonkit/core';
import type { Domain, Problem } from '../pddl/ast.js';
import { ground } from '../pddl/ground.js';
import { parseProblem } from '../pddl/parse-pddl.js';
import { printDomain } from '../pddl/print-pddl.js';
import { plan as runPlanner } from '../search/planners.js';
import { validatePlan } from '../validate/validate-plan.js';
import type { ValidationReport } from '../validate/validate-plan.js';
import type { PlanningLM } from './planning-lm.js';
import type { StrategyResult } from './presets-common.js';
import { addUsage } from './presets-common.js';
import { newUsage, parseWith } from './search-core.js';

/** zod schema of `LlmPlusPOptions`: validates it and applies its defaults. */
export const LlmPlusPOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  withContext: z.boolean().default(true),
  planner: z.enum(['bfs', 'astar', 'gbfs', 'wastar']).default('bfs'),
  heuristic: z.enum(['blind', 'goal-count', 'hmax', 'hadd', 'hff']).optional(),
  /** Rounds of feeding parse / ground / planner failures back to the LM (paper: 0). */
  repairRounds: z.number().int().nonnegative().default(0),
  plannerLimits: z.object({ maxExpansions: z.number().int().nonnegative().optional(), timeoutMs: z.number().nonnegative().optional() }).default({ timeoutMs: 10_000 }),
  maxNewTokens: z.number().int().positive().default(1024),
}));
/** Input accepted by `LlmPlusPOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type LlmPlusPOptions = z.input<typeof LlmPlusPOptionsSchema>;

/** A task for LLM+P: the domain, the natural-language problem and an example. */
export interface LlmPlusPTask {
  id: string;
  domain: Domain;
  /** Natural-language task description. */
  nl: string;
  /** In-context example: NL and its problem PDDL. */
  context?: { nl: string; problemPddl: string };
  /** Gold problem to validate the final plan against (LLM+P scores with VAL on the ground truth). */
  goldProblem?: Problem;
}

/** A failed LLM+P translation round and why it failed. */
export type TranslationFailure = { round: number; kind: 'parse-error' | 'ground-error' | 'planner-failure'; message: string };

function stripFences(text: string): string {
  const m = /```(?:pddl|lisp)?\s*\n([\s\S]*?)```/i.exec(text);
  const body = m ? m[1]! : text;
  const start = body.indexOf('(define');
  return start >= 0 ? body.slice(start) : body;
}

/** The LLM+P prompt for `task` (with or without the in-context example). */
export function llmPlusPPrompt(task: LlmPlusPTask, withContext: boolean): string {
  const parts = ['You translate planning tasks written in English into PDDL problem files for the domain below. Reply with the problem PDDL only.', '', printDomain(task.domain)];
  if (withContext && task.context) parts.push('An example task:', task.context.nl, 'Its problem PDDL:', task.context.problemPddl, '');
  parts.push('Now translate this task:', task.nl, '', 'Problem PDDL:');
  return parts.join('\n');
}

/**
 * The report when every translation failed: no plan was produced, so the status is `parse-error`
 * (the LM's problem file never became a plan) and never `valid`, even when the gold goal already
 * holds initially; `goalSatisfied` and `unmetGoals` describe the gold initial state.
 */
function noPlanReport(task: LlmPlusPTask, failures: TranslationFailure[]): ValidationReport {
  const last = failures[failures.length - 1];
  const message = `no plan: every translation failed (${failures.length} round(s))${last ? `; last: ${last.kind}: ${last.message}` : ''}`;
  const base: ValidationReport = { valid: false, status: 'parse-error', executablePrefix: 0, goalSatisfied: 0, cost: 0, planLength: 0, message };
  if (!task.goldProblem) return base;
  const initial = validatePlan(task.domain, task.goldProblem, '');
  return { ...base, goalSatisfied: initial.goalSatisfied, ...(initial.unmetGoals ? { unmetGoals: initial.unmetGoals } : {}) };
}

/**
 * LLM+P: the LM writes the problem PDDL; we parse, ground and plan. Parse, ground and planner
 * failures are logged as translation failures and fed back up to `repairRounds` times.
 */
export function llmPlusP(options: LlmPlusPOptions = {}) {
  const o = parseWith(LlmPlusPOptionsSchema, options, 'llmPlusP');
  return async (task: LlmPlusPTask, lm: PlanningLM, ro: { signal?: AbortSignal } = {}): Promise<StrategyResult & { translationFailures: TranslationFailure[]; problemPddl?: string }> => {
    const usage = newUsage();
    const failures: TranslationFailure[] = [];
    const raws: string[] = [];
    let prompt = llmPlusPPrompt(task, o.withContext);
    for (let round = 1; round <= 1 + o.repairRounds; round++) {
      const r = await lm.generate({ prompts: [prompt], maxNewTokens: o.maxNewTokens, temperature: 0, signal: ro.signal });
      addUsage(usage, r);
      const raw = r.texts[0]![0]!;
      raws.push(raw);
      const pddl = stripFences(raw);
      let failure: TranslationFailure | undefined;
      let problem: Problem | undefined;
      try {
        problem = parseProblem(pddl, task.domain, { file: 'generated-problem.pddl' });
      } catch (e) {
        failure = { round, kind: 'parse-error', message: (e as Error).message };
      }
      let planText: string[] | undefined;
      if (problem) {
        try {
          const t = ground(task.domain, problem);
          const res = runPlanner(t, { planner: o.planner, heuristic: o.heuristic, ...o.plannerLimits, signal: ro.signal });
          if (res.status === 'solved') planText = res.planText;
          else failure = { round, kind: 'planner-failure', message: res.status === 'unsolvable' ? 'the planner proved the generated problem unsolvable' : `the planner found no plan within limits (${res.limit})` };
        } catch (e) {
          failure = { round, kind: 'ground-error', message: (e as Error).message };
        }
      }
      if (planText && problem) {
        const report: ValidationReport = validatePlan(task.domain, task.goldProblem ?? problem, planText.join('\n'));
        return { plan: planText, raw: raws, report, usage, fallbacks: [], skippedLines: [], trace: { rounds: round, failures }, translationFailures: failures, problemPddl: pddl };
      }
      failures.push(failure!);
      prompt = `${prompt}\n${pddl.trim()}\n\nThat problem file failed: ${failure!.message}\nWrite a corrected problem PDDL.\n\nProblem PDDL:`;
    }
    return { plan: [], raw: raws, report: noPlanReport(task, failures), usage, fallbacks: [], skippedLines: [], trace: { rounds: 1 + o.repairRounds, failures }, translationFailures: failures };
  };
}
