import * as z from 'zod';
import { lazySchema } from '@reasonkit/core';
import { extractPlan } from '../bench/extract-plan.js';
import { PLAN_END, renderPrompt, verbalizeAction, verbalizeAtom } from '../bench/verbalizer.js';
import { parsePlan } from '../pddl/parse-plan.js';
import { renderFeedback } from '../validate/render-feedback.js';
import { validatePlan } from '../validate/validate-plan.js';
import type { PlanningLM } from './planning-lm.js';
import type { PlanningInstance, PlanningStrategy, StrategyResult } from './presets-common.js';
import { addUsage } from './presets-common.js';
import { budgetGuard, newUsage, parseWith } from './search-core.js';

/** zod schema of `BackpromptOptions`: validates it and applies its defaults. */
export const BackpromptOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /** PlanBench threshold_feedback_amount (reference code). */
  maxRounds: z.number().int().positive().default(15),
  feedback: z.enum(['validator', 'binary']).default('validator'),
  extract: z.enum(['nl', 'pddl']).default('nl'),
  maxNewTokens: z.number().int().positive().default(256),
  budget: z.object({ llmCalls: z.number().int().nonnegative().optional() }).optional(),
}));
/** Input accepted by `BackpromptOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type BackpromptOptions = z.input<typeof BackpromptOptionsSchema>;

/** LLM-Modulo back-prompting: generate → validate → feedback → regenerate, up to `maxRounds`. */
export function backprompt(options: BackpromptOptions = {}): PlanningStrategy {
  const o = parseWith(BackpromptOptionsSchema, options, 'backprompt');
  return async (inst: PlanningInstance, lm: PlanningLM, ro = {}): Promise<StrategyResult> => {
    const usage = newUsage();
    const guard = budgetGuard({ budget: o.budget, signal: ro.signal, usage });
    const v = inst.verbalizer;
    const fv = { atom: (p: string, a: string[]) => verbalizeAtom({ predicate: p, args: a }, v), action: (t: string) => verbalizeAction(parsePlan(t)[0]!, v) };
    let prompt = renderPrompt(inst.problem, v, inst.examples ?? []);
    const rounds: { round: number; plan: string[]; status: string; feedback?: string }[] = [];
    const raws: string[] = [];
    let last: StrategyResult | undefined;
    let stopReason = 'max-rounds';
    for (let round = 1; round <= o.maxRounds; round++) {
      const why = guard(0);
      if (why) {
        stopReason = why;
        break;
      }
      const r = await lm.generate({ prompts: [prompt], stop: [PLAN_END], maxNewTokens: o.maxNewTokens, temperature: 0, signal: ro.signal });
      addUsage(usage, r);
      const raw = r.texts[0]![0]!;
      raws.push(raw);
      const ex = extractPlan(raw, { mode: o.extract, verbalizer: v });
      const report = validatePlan(inst.domain, inst.problem, ex.plan.join('\n'));
      last = { plan: ex.plan, raw: raws, report, usage, fallbacks: [], skippedLines: ex.skippedLines, trace: undefined };
      if (report.valid) {
        rounds.push({ round, plan: ex.plan, status: report.status });
        stopReason = 'valid';
        break;
      }
      const feedback = o.feedback === 'binary' ? 'The plan is invalid.' : renderFeedback(report, fv);
      rounds.push({ round, plan: ex.plan, status: report.status, feedback });
      prompt = `${prompt}\n${raw.trim()}\n${PLAN_END}\n\n[FEEDBACK]\n${feedback}\nPlease give a corrected plan.\n\n[PLAN]`;
    }
    if (!last) {
      const report = validatePlan(inst.domain, inst.problem, '');
      last = { plan: [], raw: [], report, usage, fallbacks: [], skippedLines: [], trace: undefined };
    }
    last.trace = { rounds, stopReason };
    return last;
  };
}
