import * as z from 'zod';
import { lazySchema } from '@reasonkit/core';
import { extractPlan } from '../bench/extract-plan.js';
import { renderPrompt, verbalizeAction } from '../bench/verbalizer.js';
import { parsePlan } from '../pddl/parse-plan.js';
import { validatePlan } from '../validate/validate-plan.js';
import type { PlanningLM } from './planning-lm.js';
import type { PlanningInstance, PlanningStrategy, StrategyResult } from './presets-common.js';
import { addUsage } from './presets-common.js';
import { budgetGuard, newUsage, parseWith } from './search-core.js';
import type { StopReason } from './search-core.js';
import { TOT_CONFIDENCE_MAP, totValue } from './tot.js';

/** zod schema of `TotDfsOptions`: validates it and applies its defaults. */
export const TotDfsOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /** States visited before giving up (reference: 100). */
  maxStates: z.number().int().positive().default(100),
  /** Children tried per state (reference: 3). */
  maxPerState: z.number().int().positive().default(3),
  depthLimit: z.number().int().positive().default(10),
  confidenceMap: z.record(z.string(), z.number()).default(TOT_CONFIDENCE_MAP),
  budget: z.object({ llmCalls: z.number().int().nonnegative().optional() }).optional(),
}));
/** Input accepted by `TotDfsOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type TotDfsOptions = z.input<typeof TotDfsOptionsSchema>;

/**
 * Tree-of-Thoughts DFS: the LM proposes next actions with a confidence word (certain / high /
 * medium / low); children are tried in confidence order (at most maxPerState); a child judged
 * "impossible" is pruned; the search stops when a plan validates or after maxStates states.
 */
export function totDfs(options: TotDfsOptions = {}): PlanningStrategy {
  const o = parseWith(TotDfsOptionsSchema, options, 'totDfs');
  return async (inst: PlanningInstance, lm: PlanningLM, ro = {}): Promise<StrategyResult> => {
    const usage = newUsage();
    const guard = budgetGuard({ budget: o.budget, signal: ro.signal, usage });
    const base = renderPrompt(inst.problem, inst.verbalizer, inst.examples ?? []);
    const show = (plan: string[]) => plan.map((a) => verbalizeAction(parsePlan(a)[0]!, inst.verbalizer)).join('\n');
    const ask = async (prompt: string) => {
      const r = await lm.generate({ prompts: [prompt], temperature: 0, maxNewTokens: 128, signal: ro.signal });
      addUsage(usage, r);
      return r.texts[0]![0]!;
    };
    let states = 0;
    let stop: StopReason = 'exhausted';
    let found: string[] | undefined;
    let deepest: string[] = [];
    const skipped: string[] = [];
    const dfs = async (plan: string[]): Promise<boolean> => {
      const why = guard(states);
      if (why) {
        stop = why;
        return true;
      }
      if (states >= o.maxStates) {
        stop = 'budget-expansions';
        return true;
      }
      states++;
      if (plan.length > deepest.length) deepest = plan;
      if (validatePlan(inst.domain, inst.problem, plan.join('\n')).valid) {
        found = plan;
        stop = 'terminal';
        return true;
      }
      if (plan.length >= o.depthLimit) return false;
      const text = await ask(`${base}\n${show(plan)}\n[PROPOSE NEXT ACTIONS, ONE PER LINE, EACH WITH A CONFIDENCE: certain, high, medium or low]`);
      const cands: { action: string; conf: number; i: number }[] = [];
      text.split(/\r?\n/).forEach((line, i) => {
        const ex = extractPlan(line, { mode: 'nl', verbalizer: inst.verbalizer });
        skipped.push(...ex.skippedLines);
        const action = ex.plan[0];
        if (!action || cands.some((c) => c.action === action)) return;
        const lower = line.toLowerCase();
        const word = Object.keys(o.confidenceMap).find((w) => new RegExp(`\\b${w}\\b`).test(lower));
        cands.push({ action, conf: word ? o.confidenceMap[word]! : 0, i });
      });
      cands.sort((a, b) => b.conf - a.conf || a.i - b.i);
      for (const c of cands.slice(0, o.maxPerState)) {
        const next = [...plan, c.action];
        const verdict = await ask(`${base}\n${show(next)}\n[EVALUATE: can the goal still be reached? answer sure, likely or impossible]`);
        if (totValue([verdict]) < 0.01 && /impossible/i.test(verdict)) continue; // prune
        if (await dfs(next)) return true;
      }
      return false;
    };
    await dfs([]);
    const plan = found ?? deepest;
    const report = validatePlan(inst.domain, inst.problem, plan.join('\n'));
    return { plan, raw: [], report, usage, fallbacks: [], skippedLines: skipped, trace: { stopReason: stop, states } };
  };
}
