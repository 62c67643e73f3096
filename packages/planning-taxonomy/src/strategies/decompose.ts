import * as z from 'zod';
import { lazySchema } from '@reasonkit/core';
import type { Atom, Problem } from '../pddl/ast.js';
import { ground, staticPredicates } from '../pddl/ground.js';
import { parsePlan } from '../pddl/parse-plan.js';
import { apply, isApplicable, stateAtoms } from '../pddl/state.js';
import { validatePlan } from '../validate/validate-plan.js';
import type { PlanningInstance, PlanningStrategy, StrategyResult } from './presets-common.js';
import { newUsage, parseWith } from './search-core.js';

/** zod schema of a `DecomposeOptions`: validates it and applies its defaults. */
export const DecomposeOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  mode: z.enum(['global', 'iterative']).default('global'),
  /** iterative: maximum act → re-plan steps (our choice: 40). */
  maxSteps: z.number().int().positive().default(40),
}));

function atomOf(text: string): Atom {
  const [predicate, ...args] = text.slice(1, -1).split(' ');
  return { predicate: predicate!, args };
}

/**
 * Decomposition over a base strategy.
 * - `global`: sub-goals are the goal literals in order; sub-problem k asks for literals 1..k
 *   from the state the previous sub-plans reach; the sub-plans are concatenated.
 * - `iterative`: plan from the current state, execute only the first step (act), simulate, and
 *   re-plan until the goal holds or `maxSteps`.
 * The final plan is validated on the original problem.
 */
export function decompose(base: PlanningStrategy, options: z.input<typeof DecomposeOptionsSchema> = {}): PlanningStrategy {
  const o = parseWith(DecomposeOptionsSchema, options, 'decompose');
  return async (inst: PlanningInstance, lm, ro = {}): Promise<StrategyResult> => {
    const task = ground(inst.domain, inst.problem);
    const statics = staticPredicates(inst.domain);
    const staticInit = inst.problem.init.filter((a) => statics.has(a.predicate));
    const usage = newUsage();
    const raw: string[] = [];
    const skipped: string[] = [];
    const fallbacks: string[] = [];
    const log: { goals: number; plan: string[]; status: string }[] = [];
    let state = task.init;
    const plan: string[] = [];
    const subProblem = (goal: Problem['goal']): Problem => ({ ...inst.problem, name: `${inst.problem.name}-sub`, init: [...staticInit, ...stateAtoms(task, state).map(atomOf)], goal });
    const run = async (goal: Problem['goal']) => {
      const r = await base({ ...inst, problem: subProblem(goal) }, lm, ro);
      usage.llmCalls += r.usage.llmCalls;
      usage.promptTokens += r.usage.promptTokens;
      usage.completionTokens += r.usage.completionTokens;
      raw.push(...r.raw);
      skipped.push(...r.skippedLines);
      fallbacks.push(...r.fallbacks);
      log.push({ goals: goal.length, plan: r.plan, status: r.report.status });
      return r;
    };
    /** Executes steps while applicable; returns how many ran. */
    const execute = (steps: string[], limit = steps.length) => {
      let n = 0;
      for (const text of steps.slice(0, limit)) {
        const st = parsePlan(text)[0];
        const a = st && task.actions.find((x) => x.name === st.name && x.args.join(' ') === st.args.join(' '));
        if (!a || !isApplicable(state, a)) break;
        state = apply(state, a);
        plan.push(a.text);
        n++;
      }
      return n;
    };
    if (o.mode === 'global') {
      for (let k = 1; k <= inst.problem.goal.length; k++) {
        if (ro.signal?.aborted) break;
        const r = await run(inst.problem.goal.slice(0, k));
        if (execute(r.plan) < r.plan.length) break; // a sub-plan failed: stop and report
      }
    } else {
      for (let step = 0; step < o.maxSteps && !ro.signal?.aborted; step++) {
        if (validatePlan(inst.domain, inst.problem, plan.join('\n')).valid) break;
        const r = await run(inst.problem.goal);
        if (execute(r.plan, 1) === 0) break;
      }
    }
    return { plan, raw, report: validatePlan(inst.domain, inst.problem, plan.join('\n')), usage, fallbacks, skippedLines: skipped, trace: { mode: o.mode, subproblems: log } };
  };
}
