import { renderPrompt, verbalizeAction } from '../bench/verbalizer.js';
import { ground } from '../pddl/ground.js';
import { parsePlan } from '../pddl/parse-plan.js';
import { apply, isApplicable } from '../pddl/state.js';
import { bfs } from '../search/planners.js';
import { validatePlan } from '../validate/validate-plan.js';
import type { PlanningInstance } from './presets-common.js';

/** Reward functions for RL / PRM work: validity, goal fraction, executable-prefix ratio. */
export const planRewards = {
  /** 1 when the plan is valid, else 0. */
  validity: (inst: PlanningInstance, plan: string[]) => (validatePlan(inst.domain, inst.problem, plan.join('\n')).valid ? 1 : 0),
  /** Fraction of the goal the plan satisfies. */
  goalFraction: (inst: PlanningInstance, plan: string[]) => validatePlan(inst.domain, inst.problem, plan.join('\n')).goalSatisfied,
  /** Fraction of the plan's steps that execute before the first failure. */
  executablePrefixRatio: (inst: PlanningInstance, plan: string[]) => {
    const r = validatePlan(inst.domain, inst.problem, plan.join('\n'));
    return plan.length ? r.executablePrefix / plan.length : 0;
  },
};

/**
 * Finetuning data from BFS-optimal plans: `sft-jsonl` {messages}; `dpo-pairs` {prompt, chosen,
 * rejected} (rejected = optimal plan with its last step dropped, which misses the goal — our
 * choice); `step-labels` {prompt, steps, labels} with per-step executability of `candidates`
 * (or of the optimal plan when none are given).
 */
export function exportTrajectories(instances: PlanningInstance[], format: 'sft-jsonl' | 'dpo-pairs' | 'step-labels', candidates?: Map<string, string[]>): string[] {
  const out: string[] = [];
  for (const inst of instances) {
    const task = ground(inst.domain, inst.problem);
    const r = bfs(task);
    if (r.status !== 'solved') continue;
    const prompt = renderPrompt(inst.problem, inst.verbalizer, inst.examples ?? []);
    const nl = (plan: string[]) => plan.map((a) => verbalizeAction(parsePlan(a)[0]!, inst.verbalizer)).join('\n') + '\n[PLAN END]';
    if (format === 'sft-jsonl') {
      out.push(JSON.stringify({ messages: [{ role: 'user', content: prompt }, { role: 'assistant', content: nl(r.planText) }] }));
    } else if (format === 'dpo-pairs') {
      if (r.planText.length === 0) continue;
      out.push(JSON.stringify({ prompt, chosen: nl(r.planText), rejected: nl(r.planText.slice(0, -1)) }));
    } else {
      const steps = candidates?.get(inst.id) ?? r.planText;
      const labels: boolean[] = [];
      let s = task.init;
      let ok = true;
      for (const text of steps) {
        const st = parsePlan(text)[0];
        const a = st && task.actions.find((x) => x.name === st.name && x.args.join(' ') === st.args.join(' '));
        ok = ok && !!a && isApplicable(s, a);
        labels.push(ok);
        if (ok && a) s = apply(s, a);
      }
      out.push(JSON.stringify({ prompt, steps: steps.map((t) => verbalizeAction(parsePlan(t)[0]!, inst.verbalizer)), labels }));
    }
  }
  return out;
}
