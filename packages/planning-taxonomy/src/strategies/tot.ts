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
import type { Budget, StopReason } from './search-core.js';

/** ToT value map (reference code: Game of 24). */
export const TOT_VALUE_MAP: Record<string, number> = { impossible: 0.001, likely: 1, sure: 20 };
/** ToT crosswords confidence map (reference code). */
export const TOT_CONFIDENCE_MAP: Record<string, number> = { certain: 1, high: 0.5, medium: 0.2, low: 0.1 };

/**
 * V = Σ over evaluation samples of valueMap[label]; a sample's label is the last map word in it,
 * matched as a whole word ("unsure" is not "sure", "unlikely" is not "likely").
 */
export function totValue(samples: string[], valueMap: Record<string, number> = TOT_VALUE_MAP): number {
  const words = Object.keys(valueMap);
  if (words.length === 0) return 0;
  const escaped = words.map((w) => w.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // Letters, digits and apostrophes count as word characters: "unsure" does not contain the label "sure".
  const label = new RegExp(`(?<![\\p{L}\\p{N}'])(${escaped.join('|')})(?![\\p{L}\\p{N}'])`, 'gu');
  const byWord = new Map(words.map((w) => [w.toLowerCase(), valueMap[w]!]));
  let v = 0;
  for (const s of samples) {
    let last: string | undefined;
    for (const m of s.toLowerCase().matchAll(label)) last = m[1];
    if (last !== undefined) v += byWord.get(last)!;
  }
  return v;
}

/** zod schema of `TotBfsOptions`: validates it and applies its defaults. */
export const TotBfsOptionsSchema = /* @__PURE__ */ lazySchema(() => z.object({
  /** Breadth: states kept per step (reference: 5). */
  b: z.number().int().positive().default(5),
  /** Evaluation samples per candidate (reference: 3). */
  nEvaluate: z.number().int().positive().default(3),
  depthLimit: z.number().int().positive().default(10),
  select: z.enum(['greedy', 'sample']).default('greedy'),
  budget: z.object({ llmCalls: z.number().int().nonnegative().optional(), expansions: z.number().int().nonnegative().optional() }).optional(),
}));
/** Input accepted by `TotBfsOptionsSchema` (optional fields may be omitted; defaults are applied when parsed). */
export type TotBfsOptions = z.input<typeof TotBfsOptionsSchema>;

/**
 * Tree-of-Thoughts BFS over action lists: at each step the LM proposes next actions (one per
 * line), each extended plan is valued nEvaluate times (sure / likely / impossible), and the
 * top b plans are kept. Stops when a plan validates. Prompts are cached by text.
 */
export function totBfs(options: TotBfsOptions = {}): PlanningStrategy {
  const o = parseWith(TotBfsOptionsSchema, options, 'totBfs');
  return async (inst: PlanningInstance, lm: PlanningLM, ro = {}): Promise<StrategyResult> => {
    const usage = newUsage();
    const guard = budgetGuard({ budget: o.budget as Budget | undefined, signal: ro.signal, usage });
    const cache = new Map<string, string[]>();
    const ask = async (prompt: string, n: number) => {
      const key = `${n}\u0000${prompt}`;
      const hit = cache.get(key);
      if (hit) return hit;
      const r = await lm.generate({ prompts: [prompt], n, temperature: n > 1 ? 0.7 : 0, maxNewTokens: 128, signal: ro.signal });
      addUsage(usage, r);
      cache.set(key, r.texts[0]!);
      return r.texts[0]!;
    };
    const base = renderPrompt(inst.problem, inst.verbalizer, inst.examples ?? []);
    const show = (plan: string[]) => plan.map((a) => verbalizeAction(parsePlan(a)[0]!, inst.verbalizer)).join('\n');
    let frontier: string[][] = [[]];
    let expansions = 0;
    let stop: StopReason = 'depth-limit';
    const skipped: string[] = [];
    let best: string[] = [];
    for (let depth = 0; depth < o.depthLimit; depth++) {
      const cands: { plan: string[]; value: number }[] = [];
      let why: StopReason | undefined;
      for (const plan of frontier) {
        why = guard(expansions);
        if (why) break;
        expansions++;
        const proposals = await ask(`${base}\n${show(plan)}\n[PROPOSE NEXT ACTIONS, ONE PER LINE]`, 1);
        const ex = extractPlan(proposals[0]!, { mode: 'nl', verbalizer: inst.verbalizer });
        skipped.push(...ex.skippedLines);
        for (const a of ex.plan) {
          const next = [...plan, a];
          if (cands.some((c) => c.plan.join() === next.join())) continue; // duplicates get 0 (reference) — dropped here
          const evals = await ask(`${base}\n${show(next)}\n[EVALUATE: can the goal still be reached? answer sure, likely or impossible]`, o.nEvaluate);
          cands.push({ plan: next, value: totValue(evals) });
        }
      }
      if (why) {
        stop = why;
        break;
      }
      if (cands.length === 0) {
        stop = 'exhausted';
        break;
      }
      cands.sort((x, y) => y.value - x.value);
      frontier = cands.slice(0, o.b).map((c) => c.plan);
      best = frontier[0]!;
      const done = frontier.find((p) => validatePlan(inst.domain, inst.problem, p.join('\n')).valid);
      if (done) {
        best = done;
        stop = 'terminal';
        break;
      }
    }
    const report = validatePlan(inst.domain, inst.problem, best.join('\n'));
    return { plan: best, raw: [], report, usage, fallbacks: [], skippedLines: skipped, trace: { stopReason: stop, expansions } };
  };
}
